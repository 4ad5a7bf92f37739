// Which audit entries an administrator of a Party other than the node's may read, and in what
// form. The node's Party reads its whole chain; another Party kept on the node (single-node
// and training use) reads only its own entries:
//   - what its people did here (actor.party), and what was done to its users and tokens
//     (subject.party);
//   - disclosures of its own information only (every object's originator is that Party), so
//     that it learns where its information went but never which of the node's objects went
//     where;
//   - consents it is asked for or gives (grantor).
// A disclosure entry also counts the objects withheld from the recipient; that count may be
// about objects the Party may not see, so its copy drops it and says so (`redacted`): that entry's
// hash no longer checks, which is why the chain is verified by the node's Party alone.

import type { AuditEntry } from './chain.js';

/**
 * Another Party's copy: no `seq`, `prevHash` or `hash`. The sequence number counts every
 * Party's entries and the hashes link to entries it may not see, so either would tell the
 * reader how much others do on the node; the chain is the node's Party's to verify.
 */
export type PartyEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> & { redacted: string[] };

type Obj = Record<string, unknown>;
const asObj = (x: unknown): Obj | undefined =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Obj) : undefined;

function onlyOwnObjects(details: Obj | undefined, party: string): boolean {
  const objects = details?.objects;
  return Array.isArray(objects) && objects.length > 0 && objects.every((o) => asObj(o)?.originator === party);
}

/** Whether an entry is the Party's own, in the sense above. */
export function isPartyEntry(entry: AuditEntry, party: string): boolean {
  if (asObj(entry.actor)?.party === party) return true;
  if (asObj(entry.subject)?.party === party) return true;
  const details = asObj(entry.details);
  if (entry.action === 'disclosure') return onlyOwnObjects(details, party);
  if (entry.action.startsWith('consent.')) return details?.grantor === party;
  return false;
}

/** The Party's copy of one of its entries. */
export function partyCopy(entry: AuditEntry): PartyEntry {
  const { seq: _seq, prevHash: _prev, hash: _hash, ...kept } = entry;
  const redacted = ['seq', 'prevHash', 'hash'];
  const details = asObj(entry.details);
  if (entry.action !== 'disclosure' || !details || !('withheld' in details)) return { ...kept, redacted };
  const { withheld: _withheld, ...rest } = details;
  return { ...kept, details: rest, redacted: [...redacted, 'details.withheld'] };
}
