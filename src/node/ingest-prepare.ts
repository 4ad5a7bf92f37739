// The half of an import that needs nothing but the document: ids lower-cased, every object
// validated (patterns included), Accord marking ids checked, each version canonicalised and
// hashed. Pure and free of the node, so that a large import can run it on another thread
// while this one writes (import-worker.ts); what it returns is plain data that crosses a
// thread boundary by structured clone. The half that needs the node is admitDocument
// (ingest.ts): accreditation, the originator, signing.

import type { Issue } from '../errors.js';
import { expectedAccordMarkingId } from '../policy/index.js';
import { canonicalJson } from '../stix/canonical.js';
import { type IdCaseChange, lowerCaseIds } from '../stix/id-case.js';
import { checkPattern, checkPatternTree, type Pattern } from '../stix/pattern/index.js';
import { timestampKey } from '../stix/timestamp.js';
import type { StixObject } from '../stix/types.js';
import { validateDocument } from '../stix/validate.js';

/** `skipped`: valid, but not stored because another object of the same document was refused. */
export type ImportStatus =
  | 'created'
  | 'unchanged'
  | 'invalid'
  | 'conflict'
  | 'above-accreditation'
  | 'skipped';

export interface ImportReportEntry {
  index: number;
  id: string | null;
  modified: string | null;
  status: ImportStatus;
  errors?: Issue[];
  warnings?: Issue[];
  /** Values of the object on a warninglist of known-benign values (stored all the same). */
  warninglist?: { id: string; name: string; value: string }[];
}

/**
 * A valid object as the rest of the import needs it: its version ready to store, and only
 * the members that accreditation reads (its markings), or the whole object when it is a
 * marking-definition that others may cite.
 */
export interface PreparedObject {
  id: string;
  type: string;
  /** The version key (timestampKey of modified or created; '' for unversioned objects). */
  modified: string;
  revoked: boolean;
  /**
   * Canonical JSON (RFC 8785). Its SHA-256 is taken by admitDocument, on the thread that
   * writes: on an import read by a worker, that thread waits for the worker a quarter of its time.
   */
  json: string;
  /** The object's marking members, absent when it has none. */
  marks: { object_marking_refs?: unknown; granular_markings?: unknown } | null;
  /** The object itself when it is a marking-definition. */
  definition: Record<string, unknown> | null;
}

export interface PreparedDocument {
  report: ImportReportEntry[];
  /** Problems with the document as a whole. */
  errors: Issue[];
  /** Null when anything was refused: then nothing may be stored. */
  objects: PreparedObject[] | null;
}

// Objects with neither `modified` nor `created` (SCOs) have one version only.
const UNVERSIONED = '';

const OBJECT_PATH = /^\$\.objects\[(\d+)\]/;

function versionKey(o: StixObject): string {
  const rec = o as { modified?: unknown; created?: unknown };
  const ts =
    typeof rec.modified === 'string' ? rec.modified : typeof rec.created === 'string' ? rec.created : null;
  return ts === null ? UNVERSIONED : timestampKey(ts);
}

/** Sorts issues by the object they are about; a single object's issues are all its own. */
function group(issues: Issue[], single: boolean): { byIndex: Map<number, Issue[]>; document: Issue[] } {
  const byIndex = new Map<number, Issue[]>();
  const document: Issue[] = [];
  for (const issue of issues) {
    const m = OBJECT_PATH.exec(issue.path);
    const index = m ? Number(m[1]) : single ? 0 : -1;
    if (index < 0) document.push(issue);
    else {
      const held = byIndex.get(index);
      if (held) held.push(issue);
      else byIndex.set(index, [issue]);
    }
  }
  return { byIndex, document };
}

export interface PrepareOptions {
  /** Each object passed the door's limits check as it was read (the splitter). */
  limitsChecked?: boolean;
  /** Where the trees of valid patterns go, by text, for the caller to read observables from. */
  patterns?: Map<string, Pattern>;
}

/**
 * Validates a STIX bundle (or a single object) on its own. `signed`: the objects come with
 * their originating node's signatures, so an id in upper case cannot be rewritten.
 */
export function prepareDocument(
  given: unknown,
  signed: boolean,
  opts: PrepareOptions = {},
): PreparedDocument {
  // Ids are compared in lower case: the document is read as lower-cased from the start.
  const { value: doc, changes } = lowerCaseIds(given);
  const caseIssues = idCaseIssues(changes, signed);
  const signedUpperCase = signed && caseIssues.length > 0;
  const isBundle = typeof doc === 'object' && doc !== null && (doc as { type?: unknown }).type === 'bundle';
  const patterns = opts.patterns;
  const check = patterns
    ? (text: string) => {
        const r = checkPatternTree(text);
        if (r.ast) patterns.set(text, r.ast);
        return r.errors;
      }
    : checkPattern;
  const validation = validateDocument(doc, {
    checkPattern: check,
    limitsChecked: opts.limitsChecked === true,
  });
  const listed = isBundle ? (doc as { objects?: unknown }).objects : [doc];
  const rawObjects: unknown[] = Array.isArray(listed) ? listed : [];
  const errs = group([...validation.errors, ...(signedUpperCase ? caseIssues : [])], !isBundle);
  const warns = group([...validation.warnings, ...(signedUpperCase ? [] : caseIssues)], !isBundle);

  const report: ImportReportEntry[] = rawObjects.map((raw, index) => {
    const rec = (typeof raw === 'object' && raw !== null ? raw : {}) as { id?: unknown; modified?: unknown };
    const entry: ImportReportEntry = {
      index,
      id: typeof rec.id === 'string' ? rec.id : null,
      modified: typeof rec.modified === 'string' ? rec.modified : null,
      status: errs.byIndex.has(index) ? 'invalid' : 'skipped',
    };
    const e = errs.byIndex.get(index);
    const w = warns.byIndex.get(index);
    if (e) entry.errors = e;
    if (w) entry.warnings = w;
    return entry;
  });
  const refused = { report, errors: errs.document, objects: null };
  if (!validation.ok || signedUpperCase) return refused;

  const misnamed = misnamedMarkings(validation.objects);
  if (misnamed.size > 0) {
    for (const [i, issue] of misnamed) {
      const entry = report[i]!;
      entry.status = 'invalid';
      entry.errors = [...(entry.errors ?? []), issue];
    }
    return refused;
  }

  const objects = validation.objects.map((o): PreparedObject => {
    const json = canonicalJson(o);
    const rec = o as { object_marking_refs?: unknown; granular_markings?: unknown; revoked?: unknown };
    const marked = rec.object_marking_refs !== undefined || rec.granular_markings !== undefined;
    return {
      id: o.id,
      type: o.type,
      modified: versionKey(o),
      revoked: rec.revoked === true,
      json,
      marks: marked
        ? {
            ...(rec.object_marking_refs !== undefined
              ? { object_marking_refs: rec.object_marking_refs }
              : {}),
            ...(rec.granular_markings !== undefined ? { granular_markings: rec.granular_markings } : {}),
          }
        : null,
      definition: o.type === 'marking-definition' ? (o as unknown as Record<string, unknown>) : null,
    };
  });
  return { report, errors: errs.document, objects };
}

/**
 * What lower-casing ids did to a document. A version signed by its originating node cannot
 * be rewritten without breaking the signature, so there the change is an error: the sender
 * must send ids in lower case, as Accord nodes do (they lower-case before they sign).
 */
function idCaseIssues(changes: readonly IdCaseChange[], signed: boolean): Issue[] {
  return changes.map((c) =>
    signed
      ? {
          path: c.path,
          code: 'id-not-lowercase',
          message: `${c.from} is signed with upper-case hex digits; ids are compared in lower case, so its node must send ${c.to}`,
        }
      : {
          path: c.path,
          code: 'id-lowercased',
          message: `${c.from} was stored as ${c.to}: ids are compared in lower case`,
        },
  );
}

/**
 * Accord marking-definitions whose id is not the one their maker and content derive to. The
 * message speaks of the submitted object alone, so it tells nothing of what is stored.
 */
function misnamedMarkings(objects: readonly StixObject[]): Map<number, Issue> {
  const out = new Map<number, Issue>();
  objects.forEach((o, i) => {
    const expected = expectedAccordMarkingId(o as unknown as Record<string, unknown>);
    if (expected !== undefined && expected !== o.id) {
      out.set(i, {
        path: `$.objects[${i}].id`,
        code: 'accord-marking-id',
        message: `${o.id} is not the id of this Accord marking-definition: its maker and content derive ${expected}`,
      });
    }
  });
  return out;
}
