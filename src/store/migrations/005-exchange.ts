import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

// The exchange of Articles 6 and 7: the workflow state of notifications, requests, cases,
// criteria, library documents and exercises (each record is also a STIX object in
// `objects`), per-recipient deliveries, every record's history, blocking statistics, the
// library's files and its full-text index. Portable column types, `party` first in the keys;
// only the full-text index differs: FTS5 on SQLite, a tsvector with GIN on PostgreSQL.
export const exchange: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('exchange_records')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('exercise', 'text')
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('deadline', 'text')
      .addColumn('addressee', 'text')
      .addColumn('json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('exchange_records_pk', ['party', 'id'])
      .execute();
    await db.schema.createIndex('exchange_records_id').on('exchange_records').column('id').execute();
    await db.schema
      .createIndex('exchange_records_kind_seq')
      .on('exchange_records')
      .columns(['kind', 'exercise', 'seq'])
      .execute();

    await db.schema
      .createTable('exchange_deliveries')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text', (c) => c.notNull())
      .addColumn('acked_at', 'text')
      .addColumn('acked_by', 'text')
      .addPrimaryKeyConstraint('exchange_deliveries_pk', ['party', 'record_id'])
      .execute();
    await db.schema
      .createIndex('exchange_deliveries_record')
      .on('exchange_deliveries')
      .column('record_id')
      .execute();

    await db.schema
      .createTable('exchange_events')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('json', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('exchange_events_pk', ['party', 'record_id', 'seq'])
      .execute();

    await db.schema
      .createTable('blocking_items')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .addColumn('criterion', 'text', (c) => c.notNull())
      .addColumn('addressee', 'text', (c) => c.notNull())
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('exercise', 'text')
      .addPrimaryKeyConstraint('blocking_items_pk', ['party', 'request_id', 'resource', 'criterion'])
      .execute();
    await db.schema
      .createIndex('blocking_items_stats')
      .on('blocking_items')
      .columns(['criterion', 'month'])
      .execute();

    await db.schema
      .createTable('library_files')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`create table library_search (party text not null, id text not null, exercise text, tsv tsvector not null, primary key (party, id))`.execute(
        db,
      );
      await sql`create index library_search_tsv on library_search using gin (tsv)`.execute(db);
    } else {
      // Stemmed text (Russian by Accord, English by FTS5's porter): see src/exchange/text.
      await sql`create virtual table library_fts using fts5(doc_id unindexed, party unindexed, exercise unindexed, body, tokenize = 'porter unicode61')`.execute(
        db,
      );
    }
  },
  async down(db: Kysely<unknown>) {
    const pg = db.getExecutor().adapter instanceof PostgresAdapter;
    await sql.raw(pg ? 'drop table library_search' : 'drop table library_fts').execute(db);
    for (const t of [
      'library_files',
      'blocking_items',
      'exchange_events',
      'exchange_deliveries',
      'exchange_records',
    ])
      await db.schema.dropTable(t).execute();
  },
};
