// A bundle of any size, read as a stream: objects are framed one by one (BundleSplitter),
// checked in small batches by the same checks as importStix, and stored in batches. By
// default the whole bundle is one transaction (all or nothing, as importStix); with
// `commitEvery` each N objects commit on their own and a refusal stops the import, saying
// how many objects were committed so that it can be resumed with `from`.

import { threadId } from 'node:worker_threads';
import type { Transaction } from 'kysely';
import { AccordError, type Issue } from '../errors.js';
import { storeChanged } from '../node/changes.js';
import {
  admitDocument,
  type CheckedDocument,
  ConflictRollback,
  checkDocument,
  type ImportReportEntry,
  type ImportSource,
  storeChecked,
} from '../node/ingest.js';
import type { AccordNode } from '../node/node.js';
import type { SplitEnvelope } from '../stix/bundle-splitter.js';
import { lowerCaseIds } from '../stix/id-case.js';
import type { Database } from '../store/schema.js';
import { type BatchEvent, PROVISIONAL, type PreparedBatch, preparedBatches } from './import-batches.js';
import { preparedBatchesInWorker } from './import-in-worker.js';
import { applyFlags, flagImport } from './warninglists/flag-import.js';
import type { WarninglistHit } from './warninglists/matcher.js';
import { warninglistsOf } from './warninglists/service.js';

/**
 * From this size a document is worth reading on a worker thread (StreamImportOptions.worker);
 * below it the thread's start, tens of milliseconds, costs more than it saves.
 */
export const WORKER_FROM_BYTES = 1 << 20;

/** Refused objects kept for the report; the rest are counted. */
const KEEP_REFUSED = 1_000;

export interface StreamProgress {
  objects: number;
  bytes: number;
}

export interface StreamImportOptions {
  /** What is read, for messages: a file name or "the request body". */
  what: string;
  /** Commit every this many objects in a transaction of their own; default: one transaction. */
  commitEvery?: number;
  /** Check and write, then roll back: nothing is kept. */
  dryRun?: boolean;
  /** Skip this many objects first: resume a batched import that stopped. */
  from?: number;
  onProgress?: (p: StreamProgress) => void;
  /** Keep every object's report entry, not only refused ones (for a bounded body). */
  fullReport?: boolean;
  /** Refuse (413) a stream longer than this many bytes. */
  maxBytes?: number;
  /**
   * Marking-definitions read ahead from the same document (a file read twice): objects that
   * come before their definition are judged with it, as if it had come first.
   */
  markings?: readonly Record<string, unknown>[];
  /**
   * What holds the objects list: a STIX bundle (default), or a TAXII envelope, which has no
   * type and no spec_version of its own, so that every object must carry its own.
   */
  envelope?: 'bundle' | 'taxii';
  /** Sees each batch of objects as read, before it is checked (a TAXII status names each). */
  onObjects?: (batch: readonly unknown[], base: number) => void;
  /**
   * Read and validate on a worker thread while this one writes: for large documents, where
   * it nearly doubles the rate on two cores; a small one would only pay the worker's start.
   * Not with onObjects, which wants the objects here.
   */
  worker?: boolean;
}

export interface StreamImportResult {
  ok: boolean;
  /** Objects read from the document. */
  objects: number;
  created: number;
  unchanged: number;
  refused: number;
  /** Objects committed (and kept): with commitEvery, those before the batch that stopped. */
  committed: number;
  /** With commitEvery: index of the first object of the batch that was refused. */
  stoppedAt?: number;
  dryRun: boolean;
  errors: Issue[];
  /** Refused objects, the first KEEP_REFUSED of them. */
  report: ImportReportEntry[];
  /** Objects holding a value on a warninglist (stored all the same), the first KEEP_REFUSED of them. */
  warninglisted: { index: number; id: string | null; warninglist: (WarninglistHit & { value: string })[] }[];
  /**
   * Marking-definitions that came after objects they mark, in earlier batches: a caller that
   * can read its source again passes them back as `markings` (MITRE's ATT&CK bundles put theirs last).
   */
  lateMarkings: Record<string, unknown>[];
  /** The thread that read and validated the document: 0 for the main thread, else a worker's. */
  readOnThread: number;
}

const OBJECT_PATH = /^\$\.objects\[(\d+)\]/;

function shift(issues: Issue[] | undefined, base: number): Issue[] | undefined {
  return issues?.map((i) => ({
    ...i,
    path: i.path.replace(OBJECT_PATH, (_m, k: string) => `$.objects[${Number(k) + base}]`),
  }));
}

/** Reads a STIX bundle from a stream of bytes and imports it; see the module comment. */
export async function importBundleStream(
  node: AccordNode,
  source: ImportSource,
  chunks: AsyncIterable<Buffer | string>,
  opts: StreamImportOptions,
): Promise<StreamImportResult> {
  if (opts.worker && opts.onObjects)
    throw new AccordError('ACCORD_INTERNAL', 'an import read on a worker cannot hand its objects back');
  if (opts.commitEvery !== undefined && (!Number.isInteger(opts.commitEvery) || opts.commitEvery < 1))
    throw new AccordError('ACCORD_BAD_REQUEST', `a batch must be a whole number of objects, at least 1`);
  const from = Math.max(0, opts.from ?? 0);
  const plan = {
    what: opts.what,
    ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
    ...(opts.commitEvery !== undefined ? { commitEvery: opts.commitEvery } : {}),
    from,
    envelope: opts.envelope ?? 'bundle',
    signed: source.signatures !== undefined,
    keepItems: opts.onObjects !== undefined,
  } as const;
  const lists = warninglistsOf(node);
  const events = (opts.worker ? preparedBatchesInWorker : preparedBatches)(chunks, plan, lists);
  const result: StreamImportResult = {
    ok: true,
    objects: 0,
    created: 0,
    unchanged: 0,
    refused: 0,
    committed: 0,
    dryRun: opts.dryRun === true,
    errors: [],
    report: [],
    warninglisted: [],
    lateMarkings: [],
    readOnThread: threadId,
  };
  // Objects without spec_version, read before the bundle's own spec_version was known.
  const inherited: ImportReportEntry[] = [];
  let inheritedCount = 0;
  // Marking-definitions read so far: later objects may be marked with them.
  const markings: Record<string, unknown>[] = [];
  const known = new Set<string>();
  for (const md of opts.markings ?? []) {
    const own = lowerCaseIds(md).value as Record<string, unknown>;
    markings.push(own);
    known.add(String(own.id));
  }
  // Marking ids objects referred to before any definition of them was read.
  const unresolved = new Set<string>();
  let failed = false;
  const taxii = opts.envelope === 'taxii';

  const record = (checked: CheckedDocument, base: number) => {
    for (const e of checked.report) {
      if (e.warninglist && result.warninglisted.length < KEEP_REFUSED)
        result.warninglisted.push({ index: e.index + base, id: e.id, warninglist: e.warninglist });
      if (opts.fullReport) {
        const entry: ImportReportEntry = { ...e, index: e.index + base };
        const errors = shift(e.errors, base);
        const warnings = shift(e.warnings, base);
        if (errors) entry.errors = errors;
        if (warnings) entry.warnings = warnings;
        result.report.push(entry);
      }
      if (e.status === 'created') result.created++;
      else if (e.status === 'unchanged') result.unchanged++;
      else if (e.status !== 'skipped') {
        result.refused++;
        if (!opts.fullReport && result.report.length < KEEP_REFUSED) {
          const entry: ImportReportEntry = { ...e, index: e.index + base };
          const errors = shift(e.errors, base);
          if (errors) entry.errors = errors;
          delete entry.warnings;
          result.report.push(entry);
        }
      }
    }
    for (const issue of checked.errors) result.errors.push(issue);
  };

  /** Admits and (unless something was refused already) stores one prepared batch. */
  const handle = async (trx: Transaction<Database>, batch: PreparedBatch) => {
    if (batch.prepared === null) return;
    const base = batch.base + batch.skip;
    const db = { ...node.store.db, kysely: trx };
    const checked = await admitDocument(node, source, batch.prepared, { db, markings });
    applyFlags(checked.report, batch.flags);
    if (batch.spec === PROVISIONAL) {
      for (const e of checked.report) {
        const leaned = e.warnings?.find((w) => w.code === 'inherited-spec-version');
        if (!leaned) continue;
        inheritedCount++;
        if (inherited.length < KEEP_REFUSED)
          inherited.push({ ...e, index: e.index + base, status: 'invalid', errors: shift([leaned], base) });
      }
    }
    if (checked.versions === null) failed = true;
    else if (!failed && !(await storeChecked(node, trx, source, checked.report, checked.versions)))
      failed = true;
    record(checked, base);
    for (const { at, definition } of batch.definitions) {
      markings.push(definition);
      known.add(String(definition.id));
      // The door decided for earlier objects without this definition: refuse, do not guess.
      if (unresolved.has(String(definition.id))) {
        failed = true;
        result.lateMarkings.push(definition);
        result.errors.push({
          path: `$.objects[${at}]`,
          code: 'marking-after-use',
          message: `${String(definition.id)} is defined after objects in earlier batches that it marks; in a large bundle put marking-definitions before the objects they mark`,
        });
      }
    }
    for (const r of batch.refs) if (!known.has(r) && unresolved.size < 100_000) unresolved.add(r);
  };

  /** Once the stream has ended: the envelope, or the whole document when it was not a bundle. */
  const finish = async (trx: Transaction<Database>, envelope: SplitEnvelope) => {
    const value = envelope.value as Record<string, unknown> | null;
    if (taxii) {
      // Its other members (more, next) say nothing about the objects posted.
      if (!envelope.streamed || typeof value !== 'object' || value === null || Array.isArray(value))
        throw new AccordError(
          'ACCORD_BAD_REQUEST',
          'the body must be a TAXII envelope: {"objects": [STIX objects]}',
        );
      return;
    }
    if (!envelope.streamed || envelope.items === 0) {
      // A single object, or a document whose objects could not be streamed: read it whole.
      const db = { ...node.store.db, kysely: trx };
      const checked = await checkDocument(node, source, value, { db, markings });
      flagImport(
        lists,
        value?.type === 'bundle' && Array.isArray(value.objects) ? value.objects : [value],
        checked.report,
      );
      if (checked.versions === null) failed = true;
      else if (!failed && !(await storeChecked(node, trx, source, checked.report, checked.versions)))
        failed = true;
      result.objects += checked.report.length;
      record(checked, 0);
      return;
    }
    if (value?.type !== 'bundle') {
      failed = true;
      result.errors.push({
        path: '$.type',
        code: 'invalid-document',
        message: `a document with a list of objects must be a bundle, got type ${JSON.stringify(value?.type ?? null)}`,
      });
      return;
    }
    if (value.spec_version === undefined && inherited.length > 0) {
      failed = true;
      result.refused += inheritedCount;
      for (const e of inherited.slice(0, Math.max(0, KEEP_REFUSED - result.report.length))) {
        e.errors = [
          {
            path: e.errors?.[0]?.path ?? `$.objects[${e.index}].spec_version`,
            code: 'missing-property',
            message: 'spec_version is required and must be "2.1"',
          },
        ];
        delete e.warnings;
        result.report.push(e);
      }
    }
    const { objects: _list, ...rest } = value;
    const checked = await checkDocument(node, source, rest, {});
    if (checked.errors.length > 0) {
      failed = true;
      for (const issue of checked.errors) result.errors.push(issue);
    }
  };

  const progress = (bytes: number) => opts.onProgress?.({ objects: result.objects, bytes });
  /** Handles batches until `limit` objects have been read in `trx`; true when the stream has ended. */
  const run = async (trx: Transaction<Database>, limit: number): Promise<boolean> => {
    let taken = 0;
    while (taken < limit) {
      const next: IteratorResult<BatchEvent> = await events.next();
      if (next.done) throw new AccordError('ACCORD_INTERNAL', 'the import ended without its envelope');
      const event = next.value;
      result.readOnThread = event.thread;
      if (event.kind === 'end') {
        await finish(trx, event.envelope);
        return true;
      }
      taken += event.count;
      result.objects = event.base + event.count;
      if (event.items) opts.onObjects?.(event.items, event.base);
      await handle(trx, event);
      progress(event.bytes);
      if (failed && opts.commitEvery) return false;
    }
    return false;
  };

  const unit = async (limit: number): Promise<{ ended: boolean; kept: boolean }> => {
    let ended = false;
    const kept = await node.store
      .transaction(async (trx) => {
        ended = await run(trx, limit);
        if (failed || result.dryRun) throw new ConflictRollback();
        return true;
      })
      .catch((e) => {
        if (e instanceof ConflictRollback) return false;
        throw e;
      });
    return { ended, kept };
  };

  try {
    await units();
  } finally {
    // Stops a worker still reading ahead, and lets go of the source.
    await events.return();
  }
  result.ok = !failed;
  if (!result.ok && !opts.commitEvery) {
    // Nothing was kept: the counts say so.
    result.created = 0;
    result.unchanged = 0;
  }
  if (result.committed > 0 && result.created > 0 && !result.dryRun)
    storeChanged(node, { origin: source.sourceNode });
  return result;

  async function units(): Promise<void> {
    const every = opts.commitEvery;
    if (every === undefined) {
      const { kept } = await unit(Number.POSITIVE_INFINITY);
      if (kept) result.committed = result.created + result.unchanged;
      return;
    }
    for (;;) {
      const start = result.objects;
      const before = { created: result.created, unchanged: result.unchanged };
      const { ended, kept } = await unit(every);
      if (kept) result.committed = result.created + result.unchanged;
      else if (!result.dryRun) Object.assign(result, before);
      if (failed) {
        result.stoppedAt = Math.max(start, from);
        return;
      }
      if (ended) return;
    }
  }
}
