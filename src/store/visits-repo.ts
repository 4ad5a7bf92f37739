import type { Db } from './database.js';

/** Looking again within this long is the same visit; after a longer pause a new one begins. */
export const VISIT_GAP_MS = 30 * 60 * 1000;

export interface UserVisit {
  /** The last time the user looked. */
  seenAt: string;
  /** When the current visit began. */
  visitStartedAt: string;
  /** When the previous visit ended; null during the first visit. */
  previousSeenAt: string | null;
}

type Row = { seen_at: string; visit_started_at: string; previous_seen_at: string | null };
const visitOf = (r: Row): UserVisit => ({
  seenAt: r.seen_at,
  visitStartedAt: r.visit_started_at,
  previousSeenAt: r.previous_seen_at,
});

export async function getVisit(db: Db, party: string, userId: string): Promise<UserVisit | undefined> {
  const r = await db.kysely
    .selectFrom('user_visits')
    .select(['seen_at', 'visit_started_at', 'previous_seen_at'])
    .where('party', '=', party)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return r ? visitOf(r) : undefined;
}

/**
 * The user looks now. One statement, so two tabs marking at once cannot both start a visit:
 * the SET expressions read the row as it was, and a pause longer than VISIT_GAP_MS since it
 * was last seen moves that moment into previous_seen_at.
 */
export async function markVisit(db: Db, party: string, userId: string, now = new Date()): Promise<UserVisit> {
  const at = now.toISOString();
  const cutoff = new Date(now.getTime() - VISIT_GAP_MS).toISOString();
  const r = await db.kysely
    .insertInto('user_visits')
    .values({ party, user_id: userId, seen_at: at, visit_started_at: at, previous_seen_at: null })
    .onConflict((oc) =>
      oc.columns(['party', 'user_id']).doUpdateSet((eb) => {
        const newVisit = eb('user_visits.seen_at', '<', cutoff);
        return {
          previous_seen_at: eb
            .case()
            .when(newVisit)
            .then(eb.ref('user_visits.seen_at'))
            .else(eb.ref('user_visits.previous_seen_at'))
            .end(),
          visit_started_at: eb
            .case()
            .when(newVisit)
            .then(eb.val(at))
            .else(eb.ref('user_visits.visit_started_at'))
            .end(),
          // A clock that stepped back does not move the last look backwards.
          seen_at: eb
            .case()
            .when(eb('user_visits.seen_at', '>', at))
            .then(eb.ref('user_visits.seen_at'))
            .else(eb.val(at))
            .end(),
        };
      }),
    )
    .returning(['seen_at', 'visit_started_at', 'previous_seen_at'])
    .executeTakeFirstOrThrow();
  return visitOf(r);
}
