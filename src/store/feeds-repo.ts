import { sql } from 'kysely';
import type { Db } from './database.js';

export async function saveFeed(db: Db, party: string, name: string, json: string): Promise<void> {
  const row = { party, name, json, updated_at: new Date().toISOString() };
  await db.kysely
    .insertInto('feeds')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['party', 'name']).doUpdateSet({ json: row.json, updated_at: row.updated_at }),
    )
    .execute();
}

export async function getFeed(db: Db, party: string, name: string): Promise<string | undefined> {
  const r = await db.kysely
    .selectFrom('feeds')
    .select('json')
    .where('party', '=', party)
    .where('name', '=', name)
    .executeTakeFirst();
  return r?.json;
}

export async function listFeeds(
  db: Db,
  party: string,
): Promise<{ name: string; json: string; updatedAt: string }[]> {
  const rows = await db.kysely
    .selectFrom('feeds')
    .select(['name', 'json', 'updated_at'])
    .where('party', '=', party)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({ name: r.name, json: r.json, updatedAt: r.updated_at }));
}

export async function deleteFeed(db: Db, party: string, name: string): Promise<boolean> {
  const r = await db.kysely
    .deleteFrom('feeds')
    .where('party', '=', party)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

// Local rule ids: Snort and Suricata leave 1,000,000–1,999,999 to local rules.
const FIRST_SID = 1_000_000;

/**
 * The rule ids of these rules, given out once and kept: a rule regenerated tomorrow has the
 * id it has today, so the sensors' suppressions and thresholds keep working.
 */
export async function ruleSids(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const out = await readSids(db, [...new Set(keys)]);
  const missing = [...new Set(keys)].filter((k) => !out.has(k));
  // Two writers may number the same new rules at once; the loser's transaction fails on the
  // unique sid, rolls back, and numbers again after the winner's.
  for (let attempt = 0; missing.length > 0 && attempt < 5; attempt++) {
    try {
      await db.kysely.transaction().execute(async (trx) => {
        const top = await trx
          .selectFrom('feed_sids')
          .select(sql<number>`coalesce(max(sid), ${FIRST_SID - 1})`.as('m'))
          .executeTakeFirst();
        let next = Number(top?.m ?? FIRST_SID - 1) + 1;
        for (let i = 0; i < missing.length; i += 500) {
          const part = missing.slice(i, i + 500).map((k) => ({ rule_key: k, sid: next++ }));
          await trx
            .insertInto('feed_sids')
            .values(part)
            .onConflict((oc) => oc.column('rule_key').doNothing())
            .execute();
        }
      });
      break;
    } catch (e) {
      if (attempt === 4) throw e;
    }
  }
  for (const [k, v] of await readSids(db, missing)) out.set(k, v);
  return out;
}

async function readSids(db: Db, keys: readonly string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db.kysely
      .selectFrom('feed_sids')
      .select(['rule_key', 'sid'])
      .where('rule_key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) out.set(r.rule_key, Number(r.sid));
  }
  return out;
}

/** What a feed is made from changed when this did: new versions, deletions, consents, treaty events. */
export async function feedState(db: Db): Promise<string> {
  const one = async (q: string) => {
    const r = await sql<{ v: string | number | null }>`${sql.raw(q)}`.execute(db.kysely);
    return String(r.rows[0]?.v ?? '');
  };
  return [
    await one('select max(date_added) as v from objects'),
    await one('select count(*) as v from tombstones'),
    await one('select max(updated_at) as v from consents'),
    await one('select count(*) as v from agreement_events'),
  ].join('|');
}
