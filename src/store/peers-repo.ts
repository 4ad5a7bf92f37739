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
  /** Requests claiming to come from this node that were refused, and the last reason. */
  refusedRequests: number;
  lastRefusedAt: string | null;
  lastRefusedReason: string | null;
  /** What the last probe or exchange found (a PeerState in health.ts), and since when. */
  healthState: string | null;
  healthDetail: string | null;
  healthSince: string | null;
  /** Items this node pushed that the peer stored, already held, refused; and the same pulled. */
  totals: ExchangeTotals;
}

export interface ExchangeTotals {
  sentNew: number;
  sentUnchanged: number;
  sentRefused: number;
  receivedNew: number;
  receivedUnchanged: number;
  receivedRefused: number;
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
  refused_requests: number;
  last_refused_at: string | null;
  last_refused_reason: string | null;
  health_state: string | null;
  health_detail: string | null;
  health_since: string | null;
  sent_new: number;
  sent_unchanged: number;
  sent_refused: number;
  received_new: number;
  received_unchanged: number;
  received_refused: number;
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
    refusedRequests: Number(r.refused_requests),
    lastRefusedAt: r.last_refused_at,
    lastRefusedReason: r.last_refused_reason,
    healthState: r.health_state,
    healthDetail: r.health_detail,
    healthSince: r.health_since,
    totals: {
      sentNew: Number(r.sent_new),
      sentUnchanged: Number(r.sent_unchanged),
      sentRefused: Number(r.sent_refused),
      receivedNew: Number(r.received_new),
      receivedUnchanged: Number(r.received_unchanged),
      receivedRefused: Number(r.received_refused),
    },
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

/** The state since it began: kept while the state stays, restarted when it changes. */
function since(state: string, at: string) {
  return sql<string>`case when health_state = ${state} and health_since is not null then health_since else ${at} end`;
}

function healthy(at: string) {
  return {
    failures: 0,
    last_error: null,
    health_state: 'healthy',
    health_detail: null,
    health_since: since('healthy', at),
    checked_at: at,
  };
}

/** A successful push: the cursor moves forward only, so a late answer cannot move it back. */
export async function recordPush(db: Db, nodeId: string, cursor: number, at: string): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set(() => ({ push_cursor: forward('push_cursor', cursor), last_push_at: at, ...healthy(at) }))
    .where('node_id', '=', nodeId)
    .execute();
}

export async function recordPull(db: Db, nodeId: string, cursor: number, at: string): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set(() => ({ pull_cursor: forward('pull_cursor', cursor), last_pull_at: at, ...healthy(at) }))
    .where('node_id', '=', nodeId)
    .execute();
}

/** States a probe tests: a good probe ends them; an exchange's own failure it does not. */
const PROBED = [
  'connection-refused',
  'dns-failed',
  'tls-failed',
  'timeout',
  'unreachable',
  'refused-by-peer',
  'not-in-force',
  'bad-signature',
];

/** A probe answered as it should: the peer is reachable and holds the key pinned here. */
export async function recordProbeOk(db: Db, nodeId: string, at: string): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set(healthy(at))
    .where('node_id', '=', nodeId)
    .where((eb) =>
      eb.or([eb('failures', '=', 0), eb('health_state', 'in', PROBED), eb('health_state', 'is', null)]),
    )
    .execute();
}

/** A failed exchange or probe; `state` says what happened (health.ts lists the states). */
export async function recordPeerFailure(
  db: Db,
  nodeId: string,
  error: string,
  state = 'failing',
  at = new Date().toISOString(),
): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set((eb) => ({
      failures: eb('failures', '+', 1),
      last_error: error.slice(0, 500),
      health_state: state,
      health_detail: error.slice(0, 500),
      health_since: since(state, at),
      checked_at: at,
    }))
    .where('node_id', '=', nodeId)
    .execute();
}

/** A request claiming to come from this peer was refused: counted beside its audit entry. */
export async function recordRefusedRequest(
  db: Db,
  nodeId: string,
  reason: string,
  at: string,
): Promise<void> {
  await db.kysely
    .updateTable('peers')
    .set((eb) => ({
      refused_requests: eb('refused_requests', '+', 1),
      last_refused_at: at,
      last_refused_reason: reason.slice(0, 500),
    }))
    .where('node_id', '=', nodeId)
    .execute();
}

/** Adds one exchange's counts to the peer's running totals. */
export async function addTotals(db: Db, nodeId: string, t: Partial<ExchangeTotals>): Promise<void> {
  const add = (column: keyof typeof columns, n: number | undefined) => (n ? [[column, n] as const] : []);
  const columns = {
    sent_new: t.sentNew,
    sent_unchanged: t.sentUnchanged,
    sent_refused: t.sentRefused,
    received_new: t.receivedNew,
    received_unchanged: t.receivedUnchanged,
    received_refused: t.receivedRefused,
  };
  const changes = Object.entries(columns).flatMap(([c, n]) => add(c as keyof typeof columns, n));
  if (changes.length === 0) return;
  await db.kysely
    .updateTable('peers')
    .set((eb) => Object.fromEntries(changes.map(([c, n]) => [c, eb(c, '+', n)])))
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
