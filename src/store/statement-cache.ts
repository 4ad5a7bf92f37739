import type Sqlite from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/**
 * better-sqlite3 behind Kysely, with its prepared statements kept. Kysely prepares every
 * query it runs; preparing (parsing and planning the SQL) cost more than running most of
 * them — a third of a batch lookup's time. Statements are reused in least-recently-used
 * order; Kysely runs them to completion synchronously (`all`/`run`, never a live iterator),
 * so one statement is never in use twice at once.
 */
export function withStatementCache(db: Sqlite.Database, capacity = 500): SqliteDatabase {
  const cache = new Map<string, Sqlite.Statement>();
  return {
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = db.prepare(sql);
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
    close() {
      cache.clear();
      db.close();
    },
  };
}
