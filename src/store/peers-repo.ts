import { sql } from 'kysely';
import { AccordError } from '../errors.js';
import type { Db } from './database.js';

/**
 * A federation member this node knows. `url` null: a node reached only through a hub, whose
 * key is pinned so that what it originated can be verified when a hub relays it.
 */
export interface Peer {
  party: string;
  nodeId: string;
  url: string | null;
  publicKeyJwk: Record<string, unknown>;
  addedAt: string;
  /** date_added of this node's log up to which the peer has acknowledged a push. */
  pushCursor: number;
  /** date_added of the peer's log up to which this node has pulled. */
  pullCursor: number;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Consecutive failed exchanges; 0 when the last one succeeded. */
  failures: number;
  lastError: string | null;
}

type Row = {
  party: string;
  node_id: string;
  url: string | null;
  public_key: string;
  added_at: string;
  push_cursor: number;
  pull_cursor: number;
  last_push_at: string | null;
  last_pull_at: string | null;
  failures: number;
  last_error: string | null;
};

function toPeer(r: Row): Peer {
  return {
    party: r.party,
    nodeId: r.node_id,
    url: r.url,
    publicKeyJwk: JSON.parse(r.public_key) as Record<string, unknown>,
    addedAt: r.added_at,
    pushCursor: Number(r.push_cursor),
    pullCursor: Number(r.pull_cursor),
    lastPushAt: r.last_push_at,
    lastPullAt: r.last_pull_at,
    failures: Number(r.failures),
    lastError: r.last_error,
  };
}

export async function addPeer(
  db: Db,
  p: { party: string; nodeId: string; url: string | null; publicKeyJwk: Record<string, unknown> },
): Promise<Peer> {
  if (await getPeer(db, p.nodeId)) {
    throw new AccordError(
      'ACCORD_CONFLICT',
      `node ${p.nodeId} is already known: remove it first to change it`,
    );
  }
  await db.kysely
    .insertInto('peers')
    .values({
      party: p.party,
      node_id: p.nodeId,
      url: p.url,
      public_key: JSON.stringify(p.publicKeyJwk),
      added_at: new Date().toISOString(),
      last_push_at: null,
      last_pull_at: null,
      last_error: null,
    })
    .execute();
  return (await getPeer(db, p.nodeId))!;
}

export async function getPeer(db: Db, nodeId: string): Promise<Peer | undefined> {
  const r = await db.kysely.selectFrom('peers').selectAll().where('node_id', '=', nodeId).executeTakeFirst();
  return r ? toPeer(r as Row) : undefined;
}

export async function listPeers(db: Db): Promise<Peer[]> {
  const rows = await db.kysely.selectFrom('peers').selectAll().orderBy('party').orderBy('node_id').execute();
  return rows.map((r) => toPeer(r as Row));
}

export async function removePeer(db: Db, nodeId: string): Promise<boolean> {
  const r = await db.kysely.deleteFrom('peers').where('node_id', '=', nodeId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Never below the stored value (max() is spelled differently in SQLite and PostgreSQL). */
function forward(column: 'push_cursor' | 'pull_cursor', cursor: number) {
  return sql<number>`case when ${sql.ref(column)} > ${cursor} then ${sql.ref(column)} else ${cursor} end`;
}

/** A successful push: the cursor moves forward only, so a late answer cannot move it back. */
export async function recordPush(db: Db, nodeId: string, cursor: number, at: string): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set(() => ({
      push_cursor: forward('push_cursor', cursor),
      last_push_at: at,
      failures: 0,
      last_error: null,
    }))
    .where('node_id', '=', nodeId)
    .execute();
}

export async function recordPull(db: Db, nodeId: string, cursor: number, at: string): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set(() => ({
      pull_cursor: forward('pull_cursor', cursor),
      last_pull_at: at,
      failures: 0,
      last_error: null,
    }))
    .where('node_id', '=', nodeId)
    .execute();
}

export async function recordPeerFailure(db: Db, nodeId: string, error: string): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set((eb) => ({ failures: eb('failures', '+', 1), last_error: error.slice(0, 500) }))
    .where('node_id', '=', nodeId)
    .execute();
}

/** Federation settings of this node, beside its own settings in the key-value table. */
export interface FederationSettings {
  /** Relay what arrives from one peer to the others the policy allows. */
  hub: boolean;
}

const FEDERATION_KEY = 'federation';

export async function readFederationSettings(db: Db): Promise<FederationSettings> {
  const r = await db.kysely
    .selectFrom('settings')
    .select('value')
    .where('key', '=', FEDERATION_KEY)
    .executeTakeFirst();
  return { hub: false, ...(r ? (JSON.parse(r.value) as Partial<FederationSettings>) : {}) };
}

export async function writeFederationSettings(db: Db, s: FederationSettings): Promise<void> {
  const value = JSON.stringify(s);
  await db.kysely
    .insertInto('settings')
    .values({ key: FEDERATION_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
