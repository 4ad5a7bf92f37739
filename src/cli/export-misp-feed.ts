import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mispFeedEvents, mispHashes, mispManifest } from '../intel/misp/misp-feed-service.js';
import { warninglistsOf } from '../intel/warninglists/service.js';
import { partyAudience } from '../node/disclosure.js';
import { type CommandContext, UsageError } from './command.js';
import { stringOption, withNode } from './node-context.js';

/** `accord export --format misp-feed --out DIR`: the directory a MISP instance subscribes to. */
export async function exportMispFeed(ctx: CommandContext): Promise<number> {
  const dir = stringOption(ctx, 'out');
  if (!dir) throw new UsageError('--format misp-feed writes a directory: name it with --out DIR');
  if (stringOption(ctx, 'third-party')) throw new UsageError('feeds are for Parties: use --for CODE');
  const events = await withNode(ctx, async (node) => {
    const party = stringOption(ctx, 'for')?.toUpperCase() ?? node.settings.party;
    const actor = { kind: 'system' as const, id: 'accord export', party: node.settings.party };
    const lists = warninglistsOf(node);
    return mispFeedEvents(node, partyAudience(party, actor), {
      exclude: (v) => lists.matchText(v).length > 0,
    });
  });
  await mkdir(dir, { recursive: true });
  for (const [uuid, e] of events)
    await writeFile(join(dir, `${uuid}.json`), `${JSON.stringify(e, null, 1)}\n`);
  await writeFile(join(dir, 'manifest.json'), `${JSON.stringify(mispManifest(events), null, 1)}\n`);
  await writeFile(join(dir, 'hashes.csv'), mispHashes(events));
  ctx.io.err(`Wrote ${events.size} MISP events to ${dir} (manifest.json, hashes.csv)`);
  return 0;
}
