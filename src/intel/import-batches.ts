// The reading half of a streamed import: bytes in, batches of prepared objects out. Each
// batch is framed by the BundleSplitter, validated, canonicalised and hashed by
// prepareDocument, and carries what the writing half needs about its objects (warninglist
// values, marking-definitions, the marking ids it cites) as plain data — so the same
// generator runs in this thread or, for a large file, in a worker (import-worker.ts) while
// this thread writes the batch before. Nothing here touches the node.

import { threadId } from 'node:worker_threads';
import { AccordError } from '../errors.js';
import { type PreparedDocument, prepareDocument } from '../node/ingest-prepare.js';
import { BundleSplitter, type SplitEnvelope } from '../stix/bundle-splitter.js';
import { lowerCaseIds } from '../stix/id-case.js';
import type { Pattern } from '../stix/pattern/index.js';
import { type WarninglistFlags, warninglistFlags } from './warninglists/flag-import.js';
import type { WarninglistMatcher } from './warninglists/matcher.js';

/**
 * Objects checked and written together: small enough to bound memory, large enough to
 * amortise. Measured on the two threads: batches of 1,000 imported 50,000 indicators at
 * 61–64 thousand a second against 45–51 with 2,000 — a smaller batch fills the pipeline
 * sooner, drains it sooner, and dies young in V8's heap instead of being promoted.
 */
export const WORK = 1_000;
// Items are checked as the objects of a bundle with this id; the real envelope is checked on its own.
const CARRIER = 'bundle--00000000-0000-4000-8000-000000000000';
/** The spec_version objects are read under before the bundle's own is known. */
export const PROVISIONAL = 'not yet read';

/** How the document is cut into batches: plain data, so that it can be sent to a worker. */
export interface BatchPlan {
  /** What is read, for messages: a file name or "the request body". */
  what: string;
  /** Refuse (413) a stream longer than this many bytes. */
  maxBytes?: number;
  /** Batches never straddle a multiple of this many objects (a transaction of their own). */
  commitEvery?: number;
  /** Objects before this index are read but not prepared (a resumed import). */
  from: number;
  /** A TAXII envelope has no spec_version of its own; a bundle may have one. */
  envelope: 'bundle' | 'taxii';
  /** The objects arrive with their originating node's signatures. */
  signed: boolean;
  /** Hand back the items as read too (a TAXII status names each). */
  keepItems: boolean;
}

/** One batch of the document's objects, read and prepared. */
export interface PreparedBatch {
  kind: 'batch';
  /** Index in the document of the batch's first object. */
  base: number;
  /** Objects read in this batch, the skipped ones included. */
  count: number;
  /** Objects at its start that were skipped (before `from`); the rest were prepared. */
  skip: number;
  /** Bytes read so far. */
  bytes: number;
  /** The spec_version its objects were read under (PROVISIONAL before the bundle's is known). */
  spec: unknown;
  /** Null when every object was skipped. */
  prepared: PreparedDocument | null;
  /** The prepared objects holding a value on a warninglist, by position among them. */
  flags: WarninglistFlags;
  /** Marking-definitions among the prepared objects, ids lower-cased, with their index in the document. */
  definitions: { at: number; definition: Record<string, unknown> }[];
  /** Marking ids the prepared objects cite, lower-cased. */
  refs: string[];
  /** The items as read, when the plan asks for them. */
  items?: unknown[];
  /** The thread that read it (0: the main thread). */
  thread: number;
}

export interface BatchesEnd {
  kind: 'end';
  envelope: SplitEnvelope;
  bytes: number;
  /** The thread that read the document (0: the main thread). */
  thread: number;
}

export type BatchEvent = PreparedBatch | BatchesEnd;

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
}

function markingRefsOf(o: unknown): string[] {
  const rec = (o ?? {}) as { object_marking_refs?: unknown; granular_markings?: unknown };
  const refs = [
    ...(Array.isArray(rec.object_marking_refs) ? rec.object_marking_refs : []),
    ...(Array.isArray(rec.granular_markings)
      ? rec.granular_markings.map((g: { marking_ref?: unknown } | null) => g?.marking_ref)
      : []),
  ];
  return refs.flatMap((r) => (typeof r === 'string' ? [r.toLowerCase()] : []));
}

function prepareItems(
  items: unknown[],
  at: number,
  spec: unknown,
  signed: boolean,
  lists: WarninglistMatcher,
): Pick<PreparedBatch, 'prepared' | 'flags' | 'definitions' | 'refs'> {
  const doc = {
    type: 'bundle',
    id: CARRIER,
    ...(spec === undefined ? {} : { spec_version: spec }),
    objects: items,
  };
  const definitions: PreparedBatch['definitions'] = [];
  const refs: string[] = [];
  items.forEach((o, i) => {
    if ((o as { type?: unknown } | null)?.type === 'marking-definition')
      definitions.push({ at: at + i, definition: lowerCaseIds(o).value as Record<string, unknown> });
    for (const r of markingRefsOf(o)) refs.push(r);
  });
  // Each item passed the splitter's limits check as it was parsed. The batch's pattern trees
  // live as long as the batch: kept longer (the process-wide memo) they would be promoted to
  // V8's old space by the thousand, and collecting them there was a good part of the GC.
  const patterns = new Map<string, Pattern>();
  const prepared = prepareDocument(doc, signed, { limitsChecked: true, patterns });
  return { prepared, flags: warninglistFlags(lists, items, patterns), definitions, refs };
}

/** Reads and prepares the document batch by batch, then hands back its envelope. */
export async function* preparedBatches(
  chunks: AsyncIterable<Buffer | string>,
  plan: BatchPlan,
  lists: WarninglistMatcher,
): AsyncGenerator<BatchEvent, void, undefined> {
  const splitter = new BundleSplitter({ what: plan.what });
  const reader = new ItemReader(chunks, splitter, plan.maxBytes ?? Number.POSITIVE_INFINITY);
  const unit = plan.commitEvery ?? Number.POSITIVE_INFINITY;
  let read = 0;
  let inUnit = 0;
  for (;;) {
    const batch = await reader.take(Math.min(WORK, unit - inUnit));
    if (batch.length === 0) break;
    const base = read;
    read += batch.length;
    inUnit = (inUnit + batch.length) % unit;
    const skip = Math.max(0, Math.min(batch.length, plan.from - base));
    // A 2.0-style bundle's spec_version lets its objects go without one. It may come after
    // the objects list (keys in alphabetical order), so until it is seen the objects are read
    // as if it were there, and the writing half counts those that leaned on it.
    const spec = plan.envelope === 'taxii' ? undefined : (splitter.head?.spec_version ?? PROVISIONAL);
    const work =
      skip < batch.length
        ? prepareItems(skip > 0 ? batch.slice(skip) : batch, base + skip, spec, plan.signed, lists)
        : { prepared: null, flags: [], definitions: [], refs: [] };
    yield {
      kind: 'batch',
      base,
      count: batch.length,
      skip,
      bytes: reader.bytes,
      spec,
      ...work,
      thread: threadId,
      ...(plan.keepItems ? { items: batch } : {}),
    };
  }
  yield { kind: 'end', envelope: splitter.end(), bytes: reader.bytes, thread: threadId };
}
