import type { Transaction } from 'kysely';
import { DateAddedClock } from './clock.js';
import { type Db, openDatabase } from './database.js';
import { highWaterDateAdded } from './objects-repo.js';
import type { Database } from './schema.js';

/** An open store: the database and the clock that stamps what enters it. */
export interface Store {
  db: Db;
  clock: DateAddedClock;
  /** Runs `fn` in one transaction: all of it is committed, or none of it. */
  transaction<T>(fn: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function openStore(url: string): Promise<Store> {
  const db = await openDatabase(url);
  const clock = new DateAddedClock(await highWaterDateAdded(db));
  return {
    db,
    clock,
    transaction: (fn) => db.kysely.transaction().execute(fn),
    close: () => db.close(),
  };
}
