import { AccordError, isAccordError } from '../../errors.js';
import { type ImportResult, importStix } from '../../node/ingest.js';
import { type Command, print, UsageError } from '../command.js';
import { stringOption, withNode } from '../node-context.js';
import { readJsonFile } from '../read-json-file.js';

function looksLikeMisp(doc: unknown): boolean {
  return typeof doc === 'object' && doc !== null && ('Event' in doc || 'response' in doc);
}

interface FileOutcome {
  file: string;
  ok: boolean;
  created: number;
  unchanged: number;
  message?: string;
  result?: ImportResult;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import STIX 2.1 bundles: each file is stored whole, or not at all',
  usage: 'accord import FILE… [--party CODE]',
  options: { party: { type: 'string' } },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('name at least one FILE');
    const outcomes = await withNode(ctx, async (node) => {
      const party = stringOption(ctx, 'party')?.toUpperCase() ?? node.settings.party;
      const list: FileOutcome[] = [];
      for (const file of ctx.positionals) {
        try {
          const doc = await readJsonFile(file);
          if (looksLikeMisp(doc)) {
            throw new AccordError(
              'ACCORD_VALIDATION',
              `${file}: MISP events are not supported yet; import a STIX 2.1 bundle`,
            );
          }
          const result = await importStix(node, { party, sourceNode: node.settings.nodeId }, doc);
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
  if (o.ok) return `${o.file}: stored ${o.created} new, ${o.unchanged} already held`;
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
