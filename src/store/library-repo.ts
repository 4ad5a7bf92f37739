// The library's full-text index (each database's own way: src/store/dialects) and its files' metadata.

import type { Db } from './database.js';
import { dialectOf, type IndexedText, type TextQuery } from './dialect.js';
import { exchangeDb } from './exchange-repo.js';

export async function indexDocument(db: Db, doc: IndexedText): Promise<void> {
  await dialectOf(db).indexText(db.kysely, doc);
}

/** Ids of the documents matching the query, best first. */
export async function searchDocuments(db: Db, q: TextQuery): Promise<string[]> {
  return dialectOf(db).searchText(db.kysely, q);
}

export async function removeFromIndex(db: Db, exercise: string): Promise<void> {
  await dialectOf(db).dropExerciseText(db.kysely, exercise);
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
