import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { publishedVersions } from '../../exchange/definitions.js';
import { findFeed, generateFeed } from '../../intel/feeds/feed-service.js';
import { FEED_FORMATS, feedFormat } from '../../intel/feeds/formats.js';
import { disclosedJson } from '../../node/disclosed.js';
import { type Audience, disclosable, partyAudience } from '../../node/disclosure.js';
import { canonicalJson } from '../../stix/canonical.js';
import { referencedIds } from '../../stix/references.js';
import { SCO_TYPES } from '../../stix/types.js';
import { listVersions } from '../../store/index.js';
import { type Command, type CommandContext, UsageError } from '../command.js';
import { exportMispFeed } from '../export-misp-feed.js';
import { stringOption, withNode } from '../node-context.js';

export const exportCommand: Command = {
  name: 'export',
  usage:
    'accord export [--type TYPE[,TYPE…]] [--for CODE | --third-party ID] [--all-versions] [--out FILE]\n' +
    '       accord export --format ipv4.txt|domains.txt|values.csv|suricata.rules|rpz.zone|hosts|… [--feed NAME] [--for CODE] [--out FILE]\n' +
    '       accord export --format misp-feed --out DIR [--for CODE]',
  options: {
    format: { type: 'string' },
    feed: { type: 'string' },
    type: { type: 'string' },
    for: { type: 'string' },
    'third-party': { type: 'string' },
    out: { type: 'string' },
    'all-versions': { type: 'boolean', default: false },
  },
  async run(ctx) {
    if (ctx.positionals.length > 0) throw new UsageError(`unexpected argument '${ctx.positionals[0]}'`);
    if (stringOption(ctx, 'format') === 'misp-feed') return exportMispFeed(ctx);
    if (stringOption(ctx, 'format') !== undefined) return exportFeed(ctx);
    if (stringOption(ctx, 'feed') !== undefined) throw new UsageError('--feed goes with --format');
    const types = stringOption(ctx, 'type')?.split(',');
    if (types?.some((t) => !/^[a-z0-9-]+$/.test(t)))
      throw new UsageError('--type takes STIX type names, comma-separated');
    const objects = await withNode(ctx, async (node) => {
      const thirdParty = stringOption(ctx, 'third-party');
      const party = stringOption(ctx, 'for')?.toUpperCase() ?? node.settings.party;
      const actor = { kind: 'system' as const, id: 'accord export', party: node.settings.party };
      // Exporting for a third party is a disclosure like any other: the policy lets through
      // only what TLP:CLEAR or the originator's written consent covers.
      const audience: Audience = thirdParty
        ? { recipient: { kind: 'third-party', id: thirdParty }, actor }
        : { recipient: { kind: 'party', party }, actor };
      const out: string[] = [];
      const written = new Set<string>();
      const exported = new Set<string>();
      const referenced = new Set<string>();
      let after: number | undefined;
      for (;;) {
        const rows = await listVersions(node.store.db, {
          limit: 1000,
          ...(types ? { types } : {}),
          ...(after !== undefined ? { after } : {}),
          allVersions: ctx.values['all-versions'] === true,
        });
        if (rows.length === 0) break;
        after = rows.at(-1)!.dateAdded;
        for (const v of await disclosable(node, audience, rows, 'export')) {
          // Several Parties' copies of one object are often the same text (a shared ATT&CK
          // sample held by every node): a STIX bundle names an object once per version, and
          // every reader would drop the rest as duplicates with a warning each.
          const text = asStix21(v.type, disclosedJson(v));
          if (written.has(text)) continue;
          written.add(text);
          out.push(text);
          exported.add(v.id);
          if (REFERS.test(v.json)) for (const id of definitionRefs(JSON.parse(v.json))) referenced.add(id);
        }
      }
      // The definitions the exported objects name (TLP, Accord's extensions, the Parties'
      // identities) travel with them, so a reader of the file finds every reference it can.
      // A definition's own references (Accord's identity) come along with it.
      const published = await publishedVersions(node);
      const wanted: typeof published = [];
      for (let grew = true; grew; ) {
        grew = false;
        for (const v of published) {
          if (!referenced.has(v.id) || exported.has(v.id) || wanted.includes(v)) continue;
          wanted.push(v);
          for (const id of definitionRefs(JSON.parse(v.json))) referenced.add(id);
          grew = true;
        }
      }
      out.unshift(...(await disclosable(node, audience, wanted, 'export')).map(disclosedJson));
      return out;
    });
    // Objects are stored in canonical form; splicing them keeps export fast and byte-exact.
    // A STIX 2.1 bundle has no spec_version of its own (STIX 2.1 §8): each object carries it.
    const text = `{"type":"bundle","id":"bundle--${randomUUID()}","objects":[${objects.join(',')}]}\n`;
    const file = stringOption(ctx, 'out');
    if (file) {
      await writeFile(file, text);
      ctx.io.err(`Wrote ${objects.length} objects to ${file}`);
    } else ctx.io.out(text);
    return 0;
  },
};

const REFERS = /_refs?"|"extension-definition--/;

/**
 * An object stored without spec_version came in a STIX 2.0-style bundle, whose spec_version
 * spoke for it; Accord validated and stored it as 2.1 (issue `inherited-spec-version`). It
 * leaves as what it was read as, with its own spec_version, since a 2.1 bundle has none.
 */
function asStix21(type: string, json: string): string {
  if (SCO_TYPES.has(type) || json.includes('"spec_version":')) return json;
  return canonicalJson({ ...(JSON.parse(json) as Record<string, unknown>), spec_version: '2.1' });
}

/** The published definitions an object can name: references, and the extensions it uses. */
function definitionRefs(object: Record<string, unknown>): string[] {
  const ext = object.extensions;
  const extIds =
    ext && typeof ext === 'object'
      ? Object.keys(ext).filter((k) => k.startsWith('extension-definition--'))
      : [];
  return [...referencedIds(object), ...extIds].map((id) => id.toLowerCase());
}

/** A feed written to a file or stdout, exactly as /feeds/NAME/FILE serves it to that Party. */
async function exportFeed(ctx: CommandContext): Promise<number> {
  const file = stringOption(ctx, 'format')!;
  const format = feedFormat(file);
  if (!format)
    throw new UsageError(`--format must be one of ${FEED_FORMATS.map((f) => f.file).join(', ')}, misp-feed`);
  if (stringOption(ctx, 'third-party')) throw new UsageError('feeds are for Parties: use --for CODE');
  const out = stringOption(ctx, 'out');
  const sink = out ? createWriteStream(out) : null;
  let lines = 0;
  await withNode(ctx, async (node) => {
    const party = stringOption(ctx, 'for')?.toUpperCase() ?? node.settings.party;
    const def = await findFeed(node, party, stringOption(ctx, 'feed') ?? 'default');
    const actor = { kind: 'system' as const, id: 'accord export', party: node.settings.party };
    for await (const piece of generateFeed({ node, audience: partyAudience(party, actor), def, format })) {
      lines += piece.split('\n').length - 1;
      if (sink) {
        if (!sink.write(piece)) await once(sink, 'drain');
      } else if (piece) ctx.io.out(piece);
    }
  });
  if (sink) {
    sink.end();
    await once(sink, 'finish');
    ctx.io.err(`Wrote ${lines} lines to ${out}`);
  }
  return 0;
}
