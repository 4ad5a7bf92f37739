// SQLite: one writer at a time by construction, and FTS5 over text stemmed before it arrives.
import { sql } from 'kysely';
import type { StoreDialect } from '../dialect.js';

export const sqliteDialect: StoreDialect = {
  name: 'sqlite',
  async lock() {},
  async indexText(k, doc) {
    await sql`delete from library_fts where doc_id = ${doc.id}`.execute(k);
    await sql`insert into library_fts (doc_id, party, exercise, body)
      values (${doc.id}, ${doc.party}, ${doc.exercise}, ${doc.stemmed})`.execute(k);
  },
  async searchText(k, q) {
    const ex = q.exercise === null ? sql`exercise is null` : sql`exercise = ${q.exercise}`;
    const r = await sql<{ doc_id: string }>`select doc_id from library_fts
      where library_fts match ${q.ftsQuery} and ${ex} order by rank limit ${q.limit}`.execute(k);
    return r.rows.map((x) => x.doc_id);
  },
  async dropExerciseText(k, exercise) {
    await sql`delete from library_fts where exercise = ${exercise}`.execute(k);
  },
};
