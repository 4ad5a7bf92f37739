import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mispFeedPieces } from '../intel/misp/misp-feed-service.js';
import { EventWriter, hashLines, ManifestWriter } from '../intel/misp/misp-feed-text.js';
import { warninglistsOf } from '../intel/warninglists/service.js';
import { partyAudience } from '../node/disclosure.js';
import { type CommandContext, UsageError } from './command.js';
import { stringOption, withNode } from './node-context.js';

async function put(out: WriteStream, text: string): Promise<void> {
  if (text && !out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
}

function close(out: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    out.once('error', reject);
    out.end(() => resolve());
  });
}

/**
 * `accord export --format misp-feed --out DIR`: the directory a MISP instance subscribes to.
 * The feed is walked (and audited) once; each piece goes to its event's file, the manifest
 * and hashes.csv as it comes.
 */
export async function exportMispFeed(ctx: CommandContext): Promise<number> {
  const dir = stringOption(ctx, 'out');
  if (!dir) throw new UsageError('--format misp-feed writes a directory: name it with --out DIR');
  if (stringOption(ctx, 'third-party')) throw new UsageError('feeds are for Parties: use --for CODE');
  await mkdir(dir, { recursive: true });
  const count = await withNode(ctx, async (node) => {
    const party = stringOption(ctx, 'for')?.toUpperCase() ?? node.settings.party;
    const actor = { kind: 'system' as const, id: 'accord export', party: node.settings.party };
    const lists = warninglistsOf(node);
    const pieces = mispFeedPieces(node, partyAudience(party, actor), {
      exclude: (v) => lists.matchText(v).length > 0,
    });
    const manifest = createWriteStream(join(dir, 'manifest.json'));
    const hashes = createWriteStream(join(dir, 'hashes.csv'));
    const m = new ManifestWriter();
    await put(manifest, m.start);
    let n = 0;
    let event: { out: WriteStream; writer: EventWriter } | null = null;
    for await (const p of pieces) {
      if (!event) {
        event = { out: createWriteStream(join(dir, `${p.uuid}.json`)), writer: new EventWriter() };
        n++;
      }
      await put(event.out, event.writer.text(p));
      await put(manifest, m.text(p));
      await put(hashes, hashLines(p));
      // A loose event's pages come until its shell does; any other piece is a whole event.
      if (!('attributes' in p)) {
        await close(event.out);
        event = null;
      }
    }
    await put(manifest, m.end);
    await Promise.all([close(manifest), close(hashes)]);
    return n;
  });
  ctx.io.err(`Wrote ${count} MISP events to ${dir} (manifest.json, hashes.csv)`);
  return 0;
}
