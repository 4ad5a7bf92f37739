// The library's full-text index and its files' metadata. SQLite: FTS5 over text the caller
// has stemmed; PostgreSQL: its own Russian and English snowball configurations over a GIN index.

import { sql } from 'kysely';
import type { Db } from './database.js';
import { exchangeDb } from './exchange-repo.js';

export interface IndexedText {
  party: string;
  id: string;
  exercise: string | null;
  /** The raw text, for PostgreSQL. */
  text: string;
  /** The text with its Russian words stemmed, for SQLite's FTS5. */
  stemmed: string;
}

export async function indexDocument(db: Db, doc: IndexedText): Promise<void> {
  const k = db.kysely;
  if (db.dialect === 'postgres') {
    await sql`insert into library_search (party, id, exercise, tsv)
      values (${doc.party}, ${doc.id}, ${doc.exercise},
        to_tsvector('russian', ${doc.text}) || to_tsvector('english', ${doc.text}))
      on conflict (party, id) do update set tsv = excluded.tsv`.execute(k);
    return;
  }
  await sql`delete from library_fts where doc_id = ${doc.id}`.execute(k);
  await sql`insert into library_fts (doc_id, party, exercise, body) values (${doc.id}, ${doc.party}, ${doc.exercise}, ${doc.stemmed})`.execute(
    k,
  );
}

/**
 * Ids of the documents matching the query, best first. `ftsQuery` is the stemmed FTS5
 * expression (SQLite); `text` the raw query (PostgreSQL).
 */
export async function searchDocuments(
  db: Db,
  q: { text: string; ftsQuery: string; exercise: string | null; limit: number },
): Promise<string[]> {
  const k = db.kysely;
  if (db.dialect === 'postgres') {
    const ex = q.exercise === null ? sql`exercise is null` : sql`exercise = ${q.exercise}`;
    const r = await sql<{ id: string }>`select id from library_search
      where ${ex} and tsv @@ (plainto_tsquery('russian', ${q.text}) || plainto_tsquery('english', ${q.text}))
      order by ts_rank(tsv, plainto_tsquery('russian', ${q.text}) || plainto_tsquery('english', ${q.text})) desc, id
      limit ${q.limit}`.execute(k);
    return r.rows.map((x) => x.id);
  }
  const ex = q.exercise === null ? sql`exercise is null` : sql`exercise = ${q.exercise}`;
  const r = await sql<{ doc_id: string }>`select doc_id from library_fts
    where library_fts match ${q.ftsQuery} and ${ex} order by rank limit ${q.limit}`.execute(k);
  return r.rows.map((x) => x.doc_id);
}

export async function removeFromIndex(db: Db, exercise: string): Promise<void> {
  if (db.dialect === 'postgres')
    await sql`delete from library_search where exercise = ${exercise}`.execute(db.kysely);
  else await sql`delete from library_fts where exercise = ${exercise}`.execute(db.kysely);
}

export async function saveFileMeta(db: Db, sha256: string, size: number, mediaType: string): Promise<void> {
  await exchangeDb(db)
    .insertInto('library_files')
    .values({ sha256, size, media_type: mediaType, created_at: new Date().toISOString() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Documents this node holds from other Parties (their records' JSON), for fetching their files. */
export async function receivedDocuments(db: Db, ownParty: string): Promise<{ json: string }[]> {
  return exchangeDb(db)
    .selectFrom('exchange_records')
    .select('json')
    .where('kind', '=', 'document')
    .where('party', '!=', ownParty)
    .execute();
}
