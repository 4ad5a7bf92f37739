import { isAccordError } from '../../errors.js';
import { type ImportResult, importStix } from '../../intel/import-stix.js';
import { importMispEvents, type MispImportResult } from '../../intel/misp/import-misp.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { readImportInput } from '../read-misp-feed.js';

interface FileOutcome {
  file: string;
  ok: boolean;
  created: number;
  unchanged: number;
  message?: string;
  result?: ImportResult | MispImportResult;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import STIX 2.1 bundles or MISP events (docs/misp.md): each file is stored whole, or not at all',
  usage: 'accord import FILE|MISP-FEED-DIR… [--party CODE]',
  options: { party: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('name at least one FILE');
    const outcomes = await withNode(ctx, async (node) => {
      const party = stringOption(ctx, 'party')?.toUpperCase() ?? node.settings.party;
      const list: FileOutcome[] = [];
      for (const file of ctx.positionals) {
        try {
          const input = await readImportInput(file);
          const source = { party, sourceNode: node.settings.nodeId };
          const result =
            input.kind === 'misp'
              ? await importMispEvents(node, source, input.events)
              : await importStix(node, source, input.doc);
          list.push({ file, ok: result.ok, created: result.created, unchanged: result.unchanged, result });
        } catch (e) {
          if (!isAccordError(e)) throw e;
          list.push({ file, ok: false, created: 0, unchanged: 0, message: e.message });
        }
      }
      return list;
    });
    print(
      ctx,
      outcomes.map((o) => ({
        file: o.file,
        ok: o.ok,
        created: o.created,
        unchanged: o.unchanged,
        ...(o.message ? { message: o.message } : {}),
        ...(o.result && 'misp' in o.result ? { misp: o.result.misp } : {}),
        ...(o.result && !o.ok
          ? { errors: o.result.errors, refused: o.result.report.filter((r) => r.errors) }
          : {}),
      })),
      () => outcomes.map(describe).join('\n'),
    );
    return outcomes.every((o) => o.ok) ? 0 : 1;
  },
};

function describe(o: FileOutcome): string {
  if (o.ok)
    return [`${o.file}: stored ${o.created} new, ${o.unchanged} already held`, ...mispLines(o)].join('\n');
  if (o.message) return `${o.file}: ${o.message}`;
  const r = o.result!;
  const bad = r.report.filter((e) => e.errors && e.errors.length > 0);
  const lines = [`${o.file}: nothing stored — ${bad.length} of ${r.report.length} objects refused`];
  for (const issue of r.errors) lines.push(`  ${issue.path}: ${issue.message}`);
  for (const entry of bad.slice(0, 20)) {
    for (const issue of entry.errors!)
      lines.push(`  ${issue.path} (${entry.id ?? 'no id'}): ${issue.message}`);
  }
  if (bad.length > 20) lines.push(`  … and ${bad.length - 20} more (use --json for all)`);
  return lines.join('\n');
}

/** What the MISP mapping made, and every part of the event it could not map (kept as notes). */
function mispLines(o: FileOutcome): string[] {
  if (!o.result || !('misp' in o.result)) return [];
  const m = o.result.misp;
  const lines = m.events.map(
    (e) =>
      `  MISP event ${e.uuid} "${e.info}": ${e.counts.indicators} indicators, ${e.counts.observables} observables, ${e.counts.sightings} sightings, ${e.counts.clusters} galaxy clusters`,
  );
  if (m.unmapped.length > 0)
    lines.push(`  not mapped (${m.unmapped.length}; kept as notes where there was anything to keep):`);
  for (const u of m.unmapped.slice(0, 30)) lines.push(`    ${u.path}: ${u.what}: ${u.reason}`);
  if (m.unmapped.length > 30) lines.push(`    … and ${m.unmapped.length - 30} more (use --json for all)`);
  return lines;
}
