// A bundle of any size, read as a stream: objects are framed one by one (BundleSplitter),
// checked in small batches by the same checks as importStix, and stored in batches. By
// default the whole bundle is one transaction (all or nothing, as importStix); with
// `commitEvery` each N objects commit on their own and a refusal stops the import, saying
// how many objects were committed so that it can be resumed with `from`.

import type { Transaction } from 'kysely';
import { AccordError, type Issue } from '../errors.js';
import { storeChanged } from '../node/changes.js';
import {
  type CheckedDocument,
  ConflictRollback,
  checkDocument,
  type ImportReportEntry,
  type ImportSource,
  storeChecked,
} from '../node/ingest.js';
import type { AccordNode } from '../node/node.js';
import { BundleSplitter } from '../stix/bundle-splitter.js';
import { lowerCaseIds } from '../stix/id-case.js';
import type { Database } from '../store/schema.js';
import { flagImport } from './warninglists/flag-import.js';
import type { WarninglistHit } from './warninglists/matcher.js';
import { warninglistsOf } from './warninglists/service.js';

/** Objects checked and written together: small enough to bound memory, large enough to amortise. */
const WORK = 2_000;
/** Refused objects kept for the report; the rest are counted. */
const KEEP_REFUSED = 1_000;
// Items are checked as the objects of a bundle with this id; the real envelope is checked on its own.
const CARRIER = 'bundle--00000000-0000-4000-8000-000000000000';
const PROVISIONAL = 'not yet read';

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
}

const OBJECT_PATH = /^\$\.objects\[(\d+)\]/;

function shift(issues: Issue[] | undefined, base: number): Issue[] | undefined {
  return issues?.map((i) => ({
    ...i,
    path: i.path.replace(OBJECT_PATH, (_m, k: string) => `$.objects[${Number(k) + base}]`),
  }));
}

/** Pulls framed objects out of a byte stream, as many as asked for at a time. */
class ItemReader {
  private readonly it: AsyncIterator<Buffer | string>;
  private buffered: unknown[] = [];
  private ended = false;
  bytes = 0;
  constructor(
    chunks: AsyncIterable<Buffer | string>,
    readonly splitter: BundleSplitter,
    private readonly maxBytes: number,
  ) {
    this.it = chunks[Symbol.asyncIterator]();
  }

  async take(n: number): Promise<unknown[]> {
    while (this.buffered.length < n && !this.ended) {
      const r = await this.it.next();
      if (r.done) {
        this.ended = true;
        break;
      }
      const chunk = typeof r.value === 'string' ? Buffer.from(r.value) : r.value;
      this.bytes += chunk.length;
      if (this.bytes > this.maxBytes)
        throw new AccordError(
          'ACCORD_PAYLOAD_TOO_LARGE',
          `${this.splitter.what} is larger than ${this.maxBytes} bytes; import larger bundles with accord import`,
        );
      const got = this.splitter.push(chunk);
      for (const x of got) this.buffered.push(x);
    }
    const out = this.buffered.length <= n ? this.buffered : this.buffered.slice(0, n);
    this.buffered = this.buffered.length <= n ? [] : this.buffered.slice(n);
    return out;
  }

  get done(): boolean {
    return this.ended && this.buffered.length === 0;
  }
}

/** Reads a STIX bundle from a stream of bytes and imports it; see the module comment. */
export async function importBundleStream(
  node: AccordNode,
  source: ImportSource,
  chunks: AsyncIterable<Buffer | string>,
  opts: StreamImportOptions,
): Promise<StreamImportResult> {
  const splitter = new BundleSplitter({ what: opts.what });
  const reader = new ItemReader(chunks, splitter, opts.maxBytes ?? Number.POSITIVE_INFINITY);
  const from = Math.max(0, opts.from ?? 0);
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
  };
  const lists = warninglistsOf(node);
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

  /** Checks and (unless something was refused already) stores one batch of objects. */
  const handle = async (trx: Transaction<Database>, batch: unknown[], base: number) => {
    const db = { ...node.store.db, kysely: trx };
    // A 2.0-style bundle's spec_version lets its objects go without one. It may come after the
    // objects list (keys in alphabetical order), so until it is seen the objects are read as
    // if it were there, and those that leaned on it are counted: at the end they are refused
    // if it never came.
    const spec = taxii ? undefined : (splitter.head?.spec_version ?? PROVISIONAL);
    const doc = {
      type: 'bundle',
      id: CARRIER,
      ...(spec === undefined ? {} : { spec_version: spec }),
      objects: batch,
    };
    const checked = await checkDocument(node, source, doc, { db, markings });
    flagImport(lists, batch, checked.report);
    if (spec === PROVISIONAL) {
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
    for (const o of batch) {
      if ((o as { type?: unknown } | null)?.type !== 'marking-definition') continue;
      const md = lowerCaseIds(o).value as Record<string, unknown>;
      markings.push(md);
      known.add(String(md.id));
      // The door decided for earlier objects without this definition: refuse, do not guess.
      if (unresolved.has(String(md.id))) {
        failed = true;
        result.lateMarkings.push(md);
        result.errors.push({
          path: `$.objects[${base + batch.indexOf(o)}]`,
          code: 'marking-after-use',
          message: `${String(md.id)} is defined after objects in earlier batches that it marks; in a large bundle put marking-definitions before the objects they mark`,
        });
      }
    }
    for (const o of batch) {
      const rec = (o ?? {}) as { object_marking_refs?: unknown; granular_markings?: unknown };
      const refs = [
        ...(Array.isArray(rec.object_marking_refs) ? rec.object_marking_refs : []),
        ...(Array.isArray(rec.granular_markings)
          ? rec.granular_markings.map((g: { marking_ref?: unknown } | null) => g?.marking_ref)
          : []),
      ];
      for (const r of refs) {
        if (typeof r === 'string' && !known.has(r.toLowerCase()) && unresolved.size < 100_000)
          unresolved.add(r.toLowerCase());
      }
    }
  };

  /** Once the stream has ended: the envelope, or the whole document when it was not a bundle. */
  const finish = async (trx: Transaction<Database>) => {
    const envelope = splitter.end();
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

  let read = 0;
  const progress = () => opts.onProgress?.({ objects: read, bytes: reader.bytes });
  /** Reads and handles up to `limit` objects in `trx`; true when the stream has ended. */
  const run = async (trx: Transaction<Database>, limit: number): Promise<boolean> => {
    let taken = 0;
    while (taken < limit) {
      const batch = await reader.take(Math.min(WORK, limit - taken));
      if (batch.length === 0) break;
      const base = read;
      read += batch.length;
      taken += batch.length;
      result.objects = read;
      opts.onObjects?.(batch, base);
      const skip = Math.max(0, Math.min(batch.length, from - base));
      if (skip < batch.length) await handle(trx, skip > 0 ? batch.slice(skip) : batch, base + skip);
      progress();
      if (failed && opts.commitEvery) return false;
    }
    if (!reader.done) return false;
    await finish(trx);
    return true;
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

  if (opts.commitEvery === undefined) {
    const { kept } = await unit(Number.POSITIVE_INFINITY);
    if (kept) result.committed = result.created + result.unchanged;
  } else {
    if (!Number.isInteger(opts.commitEvery) || opts.commitEvery < 1)
      throw new AccordError('ACCORD_BAD_REQUEST', `a batch must be a whole number of objects, at least 1`);
    for (;;) {
      const start = read;
      const before = { created: result.created, unchanged: result.unchanged };
      const { ended, kept } = await unit(opts.commitEvery);
      if (kept) result.committed = result.created + result.unchanged;
      else if (!result.dryRun) Object.assign(result, before);
      if (failed) {
        result.stoppedAt = Math.max(start, from);
        break;
      }
      if (ended) break;
    }
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
}
