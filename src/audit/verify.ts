// Checks a run of audit entries and, at the first break, says what kind of tampering it
// looks like. Entries are read in the order given (the store's order, by seq).
//
// How the kinds are told apart at the first entry E that does not follow (expected seq s,
// expected prevHash h):
//   inserted  E repeats a seq already seen (when two entries claim the same predecessor, the
//             one the chain does not continue from is the extra one), or removing E heals the
//             chain (the next entry is seq s and links to h);
//   reordered a later entry has seq s, and E itself is intact and its predecessor (seq E.seq-1,
//             with the hash E records) is in the log;
//   deleted   E is intact, its seq is above s and no later entry has seq s: s..E.seq-1 are gone;
//             with a `head` anchor, a truncated tail is also found;
//   changed   E's content no longer matches its hash; or E is intact but its prevHash is not the
//             hash of the entry before, so that entry was altered and re-hashed.
// Limits: an attacker who rewrites every hash after the change leaves a consistent chain; only
// an anchor kept elsewhere (`head`, e.g. the last hash published to peers) detects that.
// Renumbering seqs after a deletion shows as `changed`, since seq is hashed content.

import { type AuditEntry, GENESIS_HASH, hashEntry } from './chain.js';

export type ChainProblem = 'changed' | 'deleted' | 'inserted' | 'reordered';

export type ChainVerdict =
  | { ok: true; count: number; head: { seq: number; hash: string } | null }
  | { ok: false; seq: number; position: number; problem: ChainProblem; message: string };

export interface VerifyOptions {
  /** The entry just before the first one given, when verifying a segment. */
  after?: { seq: number; hash: string };
  /** A trusted record of an entry (usually the last) that must still be in the log, unchanged. */
  head?: { seq: number; hash: string };
}

const HEX64 = /^[0-9a-f]{64}$/;

function wellFormed(e: AuditEntry): boolean {
  return (
    Number.isSafeInteger(e.seq) &&
    typeof e.at === 'string' &&
    typeof e.action === 'string' &&
    typeof e.actor === 'object' &&
    e.actor !== null &&
    typeof e.prevHash === 'string' &&
    typeof e.hash === 'string' &&
    HEX64.test(e.hash)
  );
}

function intact(e: AuditEntry): boolean {
  if (!wellFormed(e)) return false;
  try {
    return hashEntry(e.prevHash, e) === e.hash;
  } catch {
    return false;
  }
}

function fits(e: AuditEntry | undefined, seq: number, prevHash: string): boolean {
  return e !== undefined && e.seq === seq && e.prevHash === prevHash && intact(e);
}

type Failure = Extract<ChainVerdict, { ok: false }>;

function fail(problem: ChainProblem, seq: number, position: number, message: string): Failure {
  return { ok: false, problem, seq, position, message };
}

export function verifyChain(entries: readonly AuditEntry[], opts: VerifyOptions = {}): ChainVerdict {
  let seq = (opts.after?.seq ?? 0) + 1;
  let prev = opts.after?.hash ?? GENESIS_HASH;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as AuditEntry;
    if (!fits(e, seq, prev)) return classify(entries, i, seq, prev);
    prev = e.hash;
    seq++;
  }
  const last = seq - 1;
  if (opts.head) {
    if (opts.head.seq > last) {
      return fail(
        'deleted',
        last + 1,
        entries.length,
        `the log ends at seq ${last}, but seq ${opts.head.seq} was recorded: entries ${last + 1}..${opts.head.seq} are missing`,
      );
    }
    const anchored = entries.find((e) => e.seq === opts.head?.seq);
    if (anchored && anchored.hash !== opts.head.hash) {
      return fail(
        'changed',
        anchored.seq,
        entries.indexOf(anchored),
        `entry ${anchored.seq} no longer has the hash recorded for it: the log was rewritten up to there`,
      );
    }
  }
  return { ok: true, count: entries.length, head: entries.length > 0 ? { seq: last, hash: prev } : null };
}

/**
 * The seq an entry was hashed with, when its stored seq was rewritten. In a table keyed by
 * seq, inserting, deleting or moving an entry in the middle means renumbering rows; the
 * content and links stay authentic, so the original seq is found among a few candidates:
 * next to the stored one, or just after the entry its prevHash points at.
 */
function authenticSeq(e: AuditEntry, byHash: ReadonlyMap<string, AuditEntry>): number | undefined {
  const candidates = new Set([e.seq - 1, e.seq + 1]);
  if (e.prevHash === GENESIS_HASH) candidates.add(1);
  const before = byHash.get(e.prevHash);
  if (before) for (const d of [0, 1, 2]) candidates.add(before.seq + d);
  for (const c of candidates) {
    if (c < 1 || c === e.seq) continue;
    try {
      if (hashEntry(e.prevHash, { ...e, seq: c }) === e.hash) return c;
    } catch {
      // malformed content: not this candidate
    }
  }
  return undefined;
}

/** Tampering that renumbered rows, told apart by where the authentic entries now stand. */
function classifyRenumbered(
  entries: readonly AuditEntry[],
  i: number,
  s: number,
  h: string,
): Failure | undefined {
  const e = entries[i] as AuditEntry;
  const byHash = new Map(entries.map((x) => [x.hash, x]));
  const next = entries[i + 1];
  if (!intact(e) && next && next.prevHash === h && authenticSeq(next, byHash) === s) {
    return fail(
      'inserted',
      s,
      i,
      `the entry at seq ${s} is not part of the chain; the rows after it were renumbered`,
    );
  }
  const original = authenticSeq(e, byHash);
  if (original === undefined) return undefined;
  const before = entries[i - 2]?.hash ?? (i === 1 ? GENESIS_HASH : undefined);
  if (original === s - 1 && e.prevHash === before) {
    return fail(
      'inserted',
      s - 1,
      i - 1,
      `entry ${s - 1} was inserted: the authentic entry ${s - 1} now stands at ${s}`,
    );
  }
  const displaced = entries.findIndex((x, k) => k !== i && authenticSeq(x, byHash) === s);
  if (displaced >= 0) {
    return fail(
      'reordered',
      s,
      i,
      `entries out of order: seq ${s} holds entry ${original}, entry ${s} stands at seq ${entries[displaced]?.seq}`,
    );
  }
  if (original > s) {
    const range = original - 1 === s ? `entry ${s} is` : `entries ${s}..${original - 1} are`;
    return fail('deleted', s, i, `${range} missing and the rows after were renumbered`);
  }
  return undefined;
}

function classify(entries: readonly AuditEntry[], i: number, s: number, h: string): Failure {
  const e = entries[i] as AuditEntry;
  if (!wellFormed(e))
    return fail('changed', s, i, `the entry at position ${i} (expected seq ${s}) is malformed`);
  const renumbered = classifyRenumbered(entries, i, s, h);
  if (renumbered) return renumbered;
  const next = entries[i + 1];
  const healsWithout = fits(next, s, h);

  if (e.seq < s) {
    // A seq we have already passed: two entries claim it.
    const j = entries.findIndex((x) => x.seq === e.seq);
    const first = entries[j] as AuditEntry;
    const forkFromSamePredecessor = first.hash !== e.hash && first.prevHash === e.prevHash;
    if (forkFromSamePredecessor && next !== undefined && next.prevHash === e.hash) {
      return fail(
        'inserted',
        first.seq,
        j,
        `the entry at position ${j} claims seq ${first.seq} but the chain continues from another entry with that seq`,
      );
    }
    return fail('inserted', e.seq, i, `the entry at position ${i} repeats seq ${e.seq}`);
  }

  const ok = intact(e);
  if (e.seq === s) {
    if (healsWithout)
      return fail(
        'inserted',
        e.seq,
        i,
        `the entry at position ${i} is not part of the chain; the next entry follows on from seq ${s - 1}`,
      );
    if (!ok) return fail('changed', s, i, `entry ${s} does not match its hash: its content was altered`);
    if (i === 0) return fail('changed', s, i, `entry ${s} does not link to the entry it should follow`);
    return fail(
      'changed',
      s - 1,
      i - 1,
      `entry ${s - 1} was altered and re-hashed: entry ${s} still records its old hash`,
    );
  }

  // e.seq > s: the entry for s is missing here.
  const j = entries.findIndex((x, k) => k > i && x.seq === s);
  const predecessorPresent = entries.some((x) => x !== e && x.seq === e.seq - 1 && x.hash === e.prevHash);
  if (j >= 0 && ok && predecessorPresent) {
    return fail(
      'reordered',
      s,
      j,
      `entries out of order: position ${i} holds seq ${e.seq}, seq ${s} is at position ${j}`,
    );
  }
  if (healsWithout)
    return fail('inserted', e.seq, i, `the entry at position ${i} (seq ${e.seq}) is not part of the chain`);
  if (!ok)
    return fail(
      'changed',
      s,
      i,
      `the entry at position ${i} (claiming seq ${e.seq}) does not match its hash`,
    );
  const range = e.seq - 1 === s ? `entry ${s} is` : `entries ${s}..${e.seq - 1} are`;
  return fail('deleted', s, i, `${range} missing: the entry after seq ${s - 1} is seq ${e.seq}`);
}
