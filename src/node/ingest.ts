import type { Transaction } from 'kysely';
import { AccordError, type Issue } from '../errors.js';
import { checkObjectAccreditation, createMarkingResolver } from '../policy/index.js';
import { sha256Hex } from '../stix/canonical.js';
import type { Db } from '../store/index.js';
import { ingestVersions, latestOwn, type NewVersion } from '../store/index.js';
import type { Database } from '../store/schema.js';
import { storeChanged } from './changes.js';
import {
  type ImportReportEntry,
  type PreparedDocument,
  type PreparedObject,
  prepareDocument,
} from './ingest-prepare.js';
import type { AccordNode } from './node.js';
import { signCanonical } from './signing.js';

export type { ImportReportEntry, ImportStatus } from './ingest-prepare.js';

export interface ImportResult {
  ok: boolean;
  created: number;
  unchanged: number;
  /** Objects that were invalid or conflicted: when any, nothing was stored. */
  refused: number;
  /** Problems with the document as a whole (not a bundle, no objects…). */
  errors: Issue[];
  report: ImportReportEntry[];
}

export interface ImportSource {
  /** The originating Party of every object in the document. */
  party: string;
  /** The node the document came from (this node, for local imports). */
  sourceNode: string;
  exercise?: string | null;
  /** Sign each version with this node's key (for objects this node makes itself). */
  sign?: boolean;
  /**
   * Detached signatures that came with the objects from their originating node (federation),
   * in document order; stored as received, checked by the caller beforehand.
   */
  signatures?: readonly (string | null)[];
}

/** What checking a document found: its report, and the versions to store when all is well. */
export interface CheckedDocument {
  report: ImportReportEntry[];
  /** Problems with the document as a whole. */
  errors: Issue[];
  /** Null when anything was refused: then nothing may be stored. */
  versions: NewVersion[] | null;
}

export interface CheckOptions {
  /** Where held marking-definitions are read: inside an open transaction, that transaction. */
  db?: Db;
  /** Marking-definitions met earlier in the same document (a streamed bundle's earlier batches). */
  markings?: readonly Record<string, unknown>[];
}

/**
 * Validates a STIX bundle (or a single object) and checks it against what the node may hold,
 * storing nothing: the report names each object at fault and why.
 */
export async function checkDocument(
  node: AccordNode,
  source: ImportSource,
  given: unknown,
  opts: CheckOptions = {},
): Promise<CheckedDocument> {
  return admitDocument(node, source, prepareDocument(given, source.signatures !== undefined), opts);
}

/**
 * The half of checkDocument that needs the node, over a document prepareDocument read (here
 * or on another thread): accreditation, then the versions as `source` stores them.
 */
export async function admitDocument(
  node: AccordNode,
  source: ImportSource,
  prepared: PreparedDocument,
  opts: CheckOptions = {},
): Promise<CheckedDocument> {
  const { report, errors, objects } = prepared;
  if (objects === null) return { report, errors, versions: null };

  const above = await aboveAccreditation(node, source.party, objects, opts);
  if (above.size > 0) {
    for (const [i, message] of above) {
      const entry = report[i]!;
      entry.status = 'above-accreditation';
      entry.errors = [{ path: `$.objects[${i}]`, code: 'above-accreditation', message }];
    }
    return { report, errors, versions: null };
  }

  const versions: NewVersion[] = objects.map((o) => ({
    party: source.party,
    id: o.id,
    modified: o.modified,
    type: o.type,
    contentHash: sha256Hex(o.json),
    revoked: o.revoked,
    exercise: source.exercise ?? null,
    signature: null,
    sourceNode: source.sourceNode,
    json: o.json,
  }));

  if (source.signatures) {
    for (const [i, v] of versions.entries()) v.signature = source.signatures[i] ?? null;
  }
  if (source.sign) {
    for (const v of versions)
      v.signature = await signCanonical(node.keys.privateKey, node.settings.nodeId, v.json);
  }
  return { report, errors, versions };
}

/**
 * Stores checked versions inside `trx` and marks the report. False when a version conflicts
 * with what the Party holds: then the report says which, and the caller must roll back.
 */
export async function storeChecked(
  node: AccordNode,
  trx: Transaction<Database>,
  source: ImportSource,
  report: ImportReportEntry[],
  versions: readonly NewVersion[],
): Promise<boolean> {
  const store = node.store;
  const r = await ingestVersions(trx, store.db, store.clock, versions);
  if (!r.ok) {
    r.outcomes.forEach((o, i) => {
      const entry = report[i]!;
      if (o.status === 'conflict') {
        entry.status = 'conflict';
        entry.errors = [
          {
            path: `$.objects[${entry.index}]`,
            code: o.reason,
            // Only ever about the importing Party's own copy: nothing here is another Party's.
            message:
              o.reason === 'deleted'
                ? `${entry.id} version ${entry.modified ?? '(unversioned)'} was deleted by ${source.party} and cannot be stored again`
                : `${entry.id} version ${entry.modified ?? '(unversioned)'} is already held by ${source.party} with different content`,
          },
        ];
      }
    });
    return false;
  }
  r.outcomes.forEach((o, i) => {
    report[i]!.status = o.status === 'created' ? 'created' : 'unchanged';
  });
  return true;
}

export function summarise(ok: boolean, report: ImportReportEntry[], errors: Issue[]): ImportResult {
  return {
    ok,
    created: report.filter((r) => r.status === 'created').length,
    unchanged: report.filter((r) => r.status === 'unchanged').length,
    refused: report.filter(
      (r) => r.status !== 'created' && r.status !== 'unchanged' && r.status !== 'skipped',
    ).length,
    errors,
    report,
  };
}

/**
 * Validates and stores a STIX bundle (or a single object) as one transaction: every
 * object is stored, or — when any is invalid or conflicts with what is held — none is,
 * and the report says which objects were at fault and why.
 */
export async function importStix(
  node: AccordNode,
  source: ImportSource,
  given: unknown,
): Promise<ImportResult> {
  const checked = await checkDocument(node, source, given);
  const { report, errors, versions } = checked;
  if (versions === null) return summarise(false, report, errors);
  const stored = await node.store
    .transaction(async (trx) => {
      // Throwing rolls the transaction back: a conflict anywhere stores nothing.
      if (!(await storeChecked(node, trx, source, report, versions))) throw new ConflictRollback();
      return true;
    })
    .catch((e) => {
      if (e instanceof ConflictRollback) return false;
      throw e;
    });
  if (!stored) return summarise(false, report, errors);
  if (report.some((r) => r.status === 'created')) storeChanged(node, { origin: source.sourceNode });
  return summarise(true, report, errors);
}

/**
 * The door of Article 10's fourth paragraph: objects classified above what this node is
 * accredited to hold are refused before anything is stored. Markings are resolved from the
 * document itself, then from the importing Party's own definitions (another Party's copy of
 * an id means nothing for this Party's objects); TLP needs neither.
 */
async function aboveAccreditation(
  node: AccordNode,
  party: string,
  objects: readonly PreparedObject[],
  opts: CheckOptions,
): Promise<Map<number, string>> {
  const inDocument = [
    ...(opts.markings ?? []),
    ...objects.flatMap((o) => (o.definition === null ? [] : [o.definition])),
  ];
  const known = createMarkingResolver(inDocument);
  const wanted = new Set<string>();
  for (const o of objects) {
    const rec = o.marks;
    if (rec === null) continue;
    const refs = [
      ...(Array.isArray(rec.object_marking_refs) ? rec.object_marking_refs : []),
      ...(Array.isArray(rec.granular_markings)
        ? rec.granular_markings.map((g: { marking_ref?: unknown }) => g.marking_ref)
        : []),
    ];
    for (const r of refs) if (typeof r === 'string' && !known(r)) wanted.add(r);
  }
  const held = wanted.size > 0 ? await latestOwn(opts.db ?? node.store.db, party, [...wanted]) : new Map();
  const resolve = createMarkingResolver([
    ...inDocument,
    ...[...held.values()].filter((v) => v.type === 'marking-definition').map((v) => JSON.parse(v.json)),
  ]);
  const refused = new Map<number, string>();
  objects.forEach((o, i) => {
    // An object without markings is judged by the same function, on no markings at all.
    const check = checkObjectAccreditation(o.marks ?? {}, resolve, node.settings.accreditation);
    if (!check.ok) refused.set(i, `${o.id}: ${check.message}`);
  });
  return refused;
}

/** Thrown inside a transaction to roll it back when something was refused. */
export class ConflictRollback extends Error {
  constructor() {
    super('refused: rolled back');
  }
}

/** Throws the import's refusal as an error a CLI or HTTP caller reports. */
export function refusal(result: ImportResult): AccordError {
  const conflict = result.report.some((r) => r.status === 'conflict');
  const above = result.report.some((r) => r.status === 'above-accreditation');
  const bad = result.report.filter((r) => r.errors && r.errors.length > 0);
  const first = result.errors[0] ?? bad[0]?.errors?.[0];
  const message = first
    ? `nothing was stored: ${bad.length > 0 ? `${bad.length} of ${result.report.length} objects refused; ` : ''}first problem at ${first.path}: ${first.message}`
    : 'nothing was stored';
  const code = above ? 'ACCORD_ABOVE_ACCREDITATION' : conflict ? 'ACCORD_CONFLICT' : 'ACCORD_VALIDATION';
  return new AccordError(code, message, {
    errors: result.errors,
    report: bad,
  });
}
