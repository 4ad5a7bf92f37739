import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { AccordError, isAccordError } from '../../errors.js';
import { importBundleStream, type StreamImportResult, WORKER_FROM_BYTES } from '../../intel/import-stream.js';
import { readMarkingDefinitions } from '../../intel/marking-prescan.js';
import { importMispEvents, type MispImportResult } from '../../intel/misp/import-misp.js';
import type { ImportReportEntry } from '../../node/ingest.js';
import type { AccordNode } from '../../node/node.js';
import { type Command, type CommandContext, print, UsageError } from '../command.js';
import { importProgress } from '../import-progress.js';
import { stringOption, withNode } from '../node-context.js';
import { readImportInput } from '../read-misp-feed.js';

interface FileOutcome {
  file: string;
  ok: boolean;
  created: number;
  unchanged: number;
  message?: string;
  result?: StreamImportResult;
  /** A MISP event, list, restSearch answer or feed directory, mapped to STIX (docs/misp.md). */
  misp?: MispImportResult;
}

interface ImportRun {
  party: string;
  batch: number | undefined;
  from: number | undefined;
  dryRun: boolean;
}

/** An open input: its bytes as a stream, its size when known, and its first bytes. */
interface Input {
  chunks: AsyncIterable<Buffer>;
  size: number | undefined;
  head: string;
}

type Reader = (
  node: AccordNode,
  file: string,
  input: Input,
  run: ImportRun,
  ctx: CommandContext,
) => Promise<FileOutcome>;

/**
 * Chooses how a file is read from its first bytes. STIX bundles (and single objects) are
 * streamed; a MISP event, a list of them or a restSearch answer is read whole and mapped
 * (MISP exports are per event, far below the sizes bundles reach).
 */
function chooseReader(head: string): Reader {
  if (/^\s*(\[\s*)?\{\s*"(Event|response)"\s*:/.test(head)) return readMisp;
  return readStix;
}

const readMisp: Reader = async (node, file, _input, run) => {
  const input = await readImportInput(file);
  if (input.kind !== 'misp')
    throw new AccordError('ACCORD_VALIDATION', `${file}: looks like MISP but holds no MISP event`);
  if (run.dryRun || run.batch !== undefined)
    throw new UsageError('--dry-run and --batch apply to STIX bundles, not to MISP events');
  const misp = await importMispEvents(
    node,
    { party: run.party, sourceNode: node.settings.nodeId },
    input.events,
  );
  return { file, ok: misp.ok, created: misp.created, unchanged: misp.unchanged, misp };
};

/** A directory is a MISP feed (manifest.json and one {uuid}.json an event). */
async function isDirectory(file: string): Promise<boolean> {
  return file !== '-' && (await stat(file).catch(() => null))?.isDirectory() === true;
}

const readStix: Reader = async (node, file, input, run, ctx) => {
  const rereadable = file !== '-';
  const once = async (chunks: AsyncIterable<Buffer>, markings?: Record<string, unknown>[]) => {
    const progress = importProgress(
      { tty: process.stderr.isTTY === true && !ctx.global.json, write: (s) => process.stderr.write(s) },
      file,
      input.size,
    );
    const result = await importBundleStream(
      node,
      { party: run.party, sourceNode: node.settings.nodeId },
      chunks,
      {
        what: file,
        ...(run.batch !== undefined ? { commitEvery: run.batch } : {}),
        ...(run.from !== undefined ? { from: run.from } : {}),
        ...(markings && markings.length > 0 ? { markings } : {}),
        dryRun: run.dryRun,
        // Standard input's size is unknown, and a pipe usually carries a large export.
        worker: input.size === undefined || input.size >= WORKER_FROM_BYTES,
        onProgress: (p) => progress.update(p),
      },
    );
    progress.done();
    return result;
  };
  // Batches commit as they go, so their marking-definitions are read before anything is stored.
  const ahead =
    run.batch !== undefined && rereadable
      ? await readMarkingDefinitions(createReadStream(file, { highWaterMark: 1 << 20 }), file)
      : undefined;
  let result = await once(input.chunks, ahead);
  if (rereadable && run.batch === undefined && onlyLateMarkings(result)) {
    // One transaction: nothing was kept, so reading again with the definitions first is exact.
    ctx.io.err(
      `${file}: marking-definitions come after objects they mark; reading the file again with them first`,
    );
    result = await once(createReadStream(file, { highWaterMark: 1 << 20 }), result.lateMarkings);
  }
  return { file, ok: result.ok, created: result.created, unchanged: result.unchanged, result };
};

/** Refused only because marking-definitions came after the objects they mark. */
function onlyLateMarkings(r: StreamImportResult): boolean {
  return (
    !r.ok &&
    r.lateMarkings.length > 0 &&
    r.refused === 0 &&
    r.errors.every((e) => e.code === 'marking-after-use')
  );
}

const HEAD_BYTES = 4096;
const EMPTY_INPUT: Input = { chunks: (async function* () {})(), size: 0, head: '' };

async function openInput(file: string): Promise<Input> {
  if (file === '-') {
    const it = process.stdin[Symbol.asyncIterator]();
    const first = await it.next();
    const firstChunk = first.done ? Buffer.alloc(0) : Buffer.from(first.value as Buffer);
    async function* rest(): AsyncGenerator<Buffer> {
      yield firstChunk;
      for (let r = await it.next(); !r.done; r = await it.next()) yield r.value as Buffer;
    }
    return { chunks: rest(), size: undefined, head: firstChunk.toString('utf8', 0, HEAD_BYTES) };
  }
  try {
    const fh = await open(file, 'r');
    try {
      const { size } = await fh.stat();
      const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
      await fh.read(head, 0, head.length, 0);
      return {
        chunks: createReadStream(file, { highWaterMark: 1 << 20 }),
        size,
        head: head.toString('utf8'),
      };
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AccordError(
      'ACCORD_NOT_FOUND',
      code === 'ENOENT' ? `${file}: no such file` : `${file}: ${(e as Error).message}`,
    );
  }
}

function countOption(ctx: CommandContext, name: string, least: number): number | undefined {
  const raw = stringOption(ctx, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < least)
    throw new UsageError(
      `--${name} takes a whole number of objects${least > 0 ? `, at least ${least}` : ''}, got '${raw}'`,
    );
  return n;
}

export const importCommand: Command = {
  name: 'import',
  usage: 'accord import FILE|MISP-FEED-DIR… [--party CODE] [--dry-run] [--batch N [--from INDEX]]',
  options: {
    party: { type: 'string' },
    batch: { type: 'string' },
    from: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('name at least one FILE');
    const batch = countOption(ctx, 'batch', 1);
    const from = countOption(ctx, 'from', 0);
    if (from !== undefined && batch === undefined)
      throw new UsageError('--from resumes a batched import: give --batch too');
    const dryRun = ctx.values['dry-run'] === true;
    const outcomes = await withNode(ctx, async (node) => {
      const run: ImportRun = {
        party: stringOption(ctx, 'party')?.toUpperCase() ?? node.settings.party,
        batch,
        from,
        dryRun,
      };
      const list: FileOutcome[] = [];
      for (const file of ctx.positionals) {
        try {
          if (await isDirectory(file)) {
            list.push(await readMisp(node, file, EMPTY_INPUT, run, ctx));
            continue;
          }
          const input = await openInput(file);
          list.push(await chooseReader(input.head)(node, file, input, run, ctx));
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
        ...(o.misp ? { misp: o.misp.misp } : {}),
        ...(warninglisted(o).length > 0 ? { warninglisted: warninglisted(o) } : {}),
        ...(o.misp && !o.ok ? { errors: o.misp.errors, refused: o.misp.report.filter((r) => r.errors) } : {}),
        ...(o.result && !o.ok ? { errors: o.result.errors, refused: o.result.report } : {}),
        ...(o.result && batch !== undefined
          ? {
              committed: o.result.committed,
              ...(o.result.stoppedAt !== undefined ? { stoppedAt: o.result.stoppedAt } : {}),
            }
          : {}),
        ...(dryRun ? { dryRun: true } : {}),
      })),
      () => outcomes.map((o) => describe(o, batch !== undefined)).join('\n'),
    );
    return outcomes.every((o) => o.ok) ? 0 : 1;
  },
};

/** Objects holding a value on a warninglist: stored, but most likely reported by mistake. */
function warninglisted(o: FileOutcome): StreamImportResult['warninglisted'] {
  if (o.result) return o.result.warninglisted;
  if (!o.misp) return [];
  return o.misp.report.flatMap((e) =>
    e.warninglist ? [{ index: e.index, id: e.id, warninglist: e.warninglist }] : [],
  );
}

function warninglistLines(o: FileOutcome): string[] {
  const all = warninglisted(o);
  const lines = all
    .slice(0, 20)
    .map(
      (w) =>
        `  on a warninglist: ${w.id ?? `object ${w.index}`}: ${w.warninglist.map((h) => `${h.value} (${h.name})`).join(', ')}`,
    );
  if (all.length > 20) lines.push(`  … and ${all.length - 20} more on warninglists (use --json)`);
  return lines;
}

function describe(o: FileOutcome, batched: boolean): string {
  return [describeOutcome(o, batched), ...warninglistLines(o)].join('\n');
}

function describeOutcome(o: FileOutcome, batched: boolean): string {
  if (o.misp) return describeMisp(o, o.misp);
  const r = o.result;
  if (o.message || !r) {
    const m = o.message ?? 'not read';
    return m.startsWith(`${o.file}`) ? m : `${o.file}: ${m}`;
  }
  if (o.ok) {
    return r.dryRun
      ? `${o.file}: dry run, nothing stored — ${o.created} would be new, ${o.unchanged} already held`
      : `${o.file}: stored ${o.created} new, ${o.unchanged} already held`;
  }
  const head = batched
    ? `${o.file}: stopped at object ${r.stoppedAt ?? 0} — ${r.committed} objects before it are stored (resume with --from ${r.stoppedAt ?? 0}); ${r.refused} refused in the batch that stopped`
    : `${o.file}: nothing stored — ${r.refused} of ${r.objects} objects refused`;
  const lines = [head];
  for (const issue of r.errors) lines.push(`  ${issue.path}: ${issue.message}`);
  const bad: ImportReportEntry[] = r.report;
  for (const entry of bad.slice(0, 20)) {
    for (const issue of entry.errors ?? [])
      lines.push(`  ${issue.path} (${entry.id ?? 'no id'}): ${issue.message}`);
  }
  if (r.refused > 20) lines.push(`  … and ${r.refused - 20} more (use --json for the first ${bad.length})`);
  return lines.join('\n');
}

function describeMisp(o: FileOutcome, r: MispImportResult): string {
  if (o.ok)
    return [`${o.file}: stored ${o.created} new, ${o.unchanged} already held`, ...mispLines(r)].join('\n');
  const bad = r.report.filter((e) => e.errors && e.errors.length > 0);
  const lines = [`${o.file}: nothing stored — ${bad.length} of ${r.report.length} objects refused`];
  for (const issue of r.errors) lines.push(`  ${issue.path}: ${issue.message}`);
  for (const entry of bad.slice(0, 20)) {
    for (const issue of entry.errors ?? [])
      lines.push(`  ${issue.path} (${entry.id ?? 'no id'}): ${issue.message}`);
  }
  if (bad.length > 20) lines.push(`  … and ${bad.length - 20} more (use --json for all)`);
  return lines.join('\n');
}

/** What the MISP mapping made, and every part of the event it could not map (kept as notes). */
function mispLines(r: MispImportResult): string[] {
  const m = r.misp;
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
