// Who receives a disclosure. A Party is named by its two-letter code; whether it counts as a
// Party on a date is for the decision (a Party not in force is a third party), not for this type.

export type Recipient =
  /** A Party's user, node or peer. `org` names a specific body of that Party (an identity id) for TLP:RED lists. */
  | { kind: 'party'; party: string; org?: string }
  /** A non-member, an international organisation, anyone else. */
  | { kind: 'third-party'; id: string; name?: string };

export function sameRecipient(a: Recipient, b: Recipient): boolean {
  if (a.kind === 'party' && b.kind === 'party') return a.party === b.party;
  if (a.kind === 'third-party' && b.kind === 'third-party') return a.id === b.id;
  return false;
}

export function describeRecipient(r: Recipient): string {
  if (r.kind === 'party') return r.org ? `${r.party} (${r.org})` : r.party;
  return r.name ? `${r.name} (${r.id})` : r.id;
}
