// Filling a store for a read benchmark: rows inserted directly (one prepared statement, one
// transaction, no fsync), so that the read path is what is measured, not the import.
import type Sqlite from 'better-sqlite3';

/** The date_added of the first row; row i gets BASE_MICROS + i. */
export const BASE_MICROS = 1_700_000_000_000_000;

/** The i-th address of a scatter over 1.0.0.0–223.255.255.255 (a multiplicative hash). */
export function scatteredIp(i: number): string {
  const h = Math.imul(i, 2654435761) >>> 0;
  return `${1 + ((h >>> 24) % 223)}.${(h >>> 16) & 255}.${(h >>> 8) & 255}.${h & 255}`;
}

/** The i-th indicator of a bench bundle, with its pattern's address. */
export function benchIndicator(i: number, address: string): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`,
    created: '2024-05-01T10:00:00.000Z',
    modified: '2024-05-01T10:00:00.000Z',
    name: `C2 ${i}`,
    indicator_types: ['malicious-activity'],
    pattern: `[ipv4-addr:value = '${address}']`,
    pattern_type: 'stix',
    valid_from: '2024-05-01T10:00:00Z',
  };
}

/** Inserts `n` KZ indicators, the i-th with the pattern `patternOf(i)` (no single quotes escaped). */
export function fillIndicators(db: Sqlite.Database, n: number, patternOf: (i: number) => string): void {
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `insert into objects (party, id, modified, type, date_added, source_node, content_hash, revoked, latest, exercise, signature, json)
     values ('KZ', ?, '2024-05-01T10:00:00.000000Z', 'indicator', ?, 'bench', ?, 0, 1, null, null, ?)`,
  );
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const hex = i.toString(16).padStart(12, '0');
      const id = `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`;
      const json = `{"created":"2024-05-01T10:00:00.000Z","id":"${id}","indicator_types":["malicious-activity"],"modified":"2024-05-01T10:00:00.000Z","name":"C2 ${i}","object_marking_refs":["marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb"],"pattern":"${patternOf(i)}","pattern_type":"stix","spec_version":"2.1","type":"indicator","valid_from":"2024-05-01T10:00:00Z"}`;
      insert.run(id, BASE_MICROS + i, hex, json);
    }
  })();
  db.pragma('synchronous = FULL');
}
