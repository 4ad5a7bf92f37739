import type { Db } from './database.js';

/** What a node knows about itself, written once by `accord init`. */
export interface NodeSettings {
  /** The Party this node belongs to. */
  party: string;
  nodeId: string;
  /** Highest classification rank the node is accredited to hold (0 = unclassified only). */
  accreditation: number;
  /**
   * Classification ranks other Parties' recipients are accredited for, as their
   * competent authorities declared; a Party not listed receives unclassified data only.
   */
  accreditations?: Record<string, number>;
  /** The node's Ed25519 public key as a JWK (the private key stays in the data directory). */
  publicKeyJwk: Record<string, unknown>;
  createdAt: string;
  /**
   * This is the depositary's node (`accord init --depositary`): its administrators record the
   * Agreement's events over the API. Absent on every other node.
   */
  depositary?: boolean;
}

const KEY = 'node';

export async function readNodeSettings(db: Db): Promise<NodeSettings | undefined> {
  const r = await db.kysely.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return r ? (JSON.parse(r.value) as NodeSettings) : undefined;
}

export async function writeNodeSettings(db: Db, s: NodeSettings): Promise<void> {
  const value = JSON.stringify(s);
  await db.kysely
    .insertInto('settings')
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
