import { sql } from 'kysely';
import type { Db } from '../../src/store/index.js';

/** The date_added of the first seeded row; row i gets SEED_BASE + i. */
export const SEED_BASE = 1_700_000_000_000_000;

/** The address the i-th seeded indicator names: 10.x.y.z, one per row. */
export function seededIp(i: number): string {
  return `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
}

/**
 * Writes `n` KZ TLP:GREEN indicators straight into the table, past the ingest: enough rows
 * for start-up to have real work, in seconds. SQLite through one prepared statement in one
 * transaction; PostgreSQL in one statement over generate_series. Each row reads as the
 * import would have stored it, so the index and lookups treat it as any other.
 */
export async function seedIndicators(db: Db, n: number): Promise<void> {
  const json = (id: string, ip: string) =>
    `{"created":"2024-05-01T10:00:00.000Z","id":"${id}","indicator_types":["malicious-activity"],"modified":"2024-05-01T10:00:00.000Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],"pattern":"[ipv4-addr:value = '${ip}']","pattern_type":"stix","spec_version":"2.1","type":"indicator","valid_from":"2024-05-01T10:00:00Z"}`;
  if (db.dialect === 'sqlite') {
    const insert = db.sqlite.prepare(
      `insert into objects (party, id, modified, type, date_added, source_node, content_hash, revoked, latest, exercise, signature, json)
       values ('KZ', ?, '2024-05-01T10:00:00.000Z', 'indicator', ?, 'seed', ?, 0, 1, null, null, ?)`,
    );
    db.sqlite.transaction(() => {
      for (let i = 0; i < n; i++) {
        const hex = i.toString(16).padStart(12, '0');
        const id = `indicator--${hex.slice(4)}-0000-4000-8000-${hex}`;
        insert.run(id, SEED_BASE + i, hex, json(id, seededIp(i)));
      }
    })();
    return;
  }
  const id = sql`'indicator--' || lpad(to_hex(i), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(i), 12, '0')`;
  const ip = sql`'10.' || ((i >> 16) & 255) || '.' || ((i >> 8) & 255) || '.' || (i & 255)`;
  await sql`
    insert into objects (party, id, modified, type, date_added, source_node, content_hash, revoked, latest, exercise, signature, json)
    select 'KZ', ${id}, '2024-05-01T10:00:00.000Z', 'indicator', ${SEED_BASE}::bigint + i, 'seed', lpad(to_hex(i), 12, '0'), 0, 1, null, null,
      '{"created":"2024-05-01T10:00:00.000Z","id":"' || ${id} || '","indicator_types":["malicious-activity"],"modified":"2024-05-01T10:00:00.000Z","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],"pattern":"[ipv4-addr:value = ''' || ${ip} || ''']","pattern_type":"stix","spec_version":"2.1","type":"indicator","valid_from":"2024-05-01T10:00:00Z"}'
    from generate_series(0, ${n - 1}::int) as i`.execute(db.kysely);
}
