// PostgreSQL: advisory transaction locks, and its snowball configurations over a GIN index.
import { sql } from 'kysely';
import { type StoreDialect, WRITER_LOCKS } from '../dialect.js';

export const postgresDialect: StoreDialect = {
  name: 'postgres',
  async lock(trx, which) {
    await sql`select pg_advisory_xact_lock(${sql.lit(WRITER_LOCKS[which])})`.execute(trx);
  },
  async indexText(k, doc) {
    await sql`insert into library_search (party, id, exercise, tsv)
      values (${doc.party}, ${doc.id}, ${doc.exercise},
        to_tsvector('russian', ${doc.text}) || to_tsvector('english', ${doc.text}))
      on conflict (party, id) do update set tsv = excluded.tsv`.execute(k);
  },
  async searchText(k, q) {
    const ex = q.exercise === null ? sql`exercise is null` : sql`exercise = ${q.exercise}`;
    const query = sql`(plainto_tsquery('russian', ${q.text}) || plainto_tsquery('english', ${q.text}))`;
    const r = await sql<{ id: string }>`select id from library_search
      where ${ex} and tsv @@ ${query}
      order by ts_rank(tsv, ${query}) desc, id
      limit ${q.limit}`.execute(k);
    return r.rows.map((x) => x.id);
  },
  async dropExerciseText(k, exercise) {
    await sql`delete from library_search where exercise = ${exercise}`.execute(k);
  },
};
