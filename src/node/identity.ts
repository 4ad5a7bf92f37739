import { v5 as uuidv5 } from 'uuid';

// UUIDv5 namespace for the identities Accord derives for Parties.
const PARTY_NAMESPACE = '11b45238-b7f0-44b7-9323-9d20da4fbdc6';

/** A stable identity id per Party, so the objects a node makes say who made them. */
export function partyIdentity(party: string): string {
  return `identity--${uuidv5(`party:${party}`, PARTY_NAMESPACE)}`;
}
