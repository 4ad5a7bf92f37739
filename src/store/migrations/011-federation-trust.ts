import { type Kysely, type Migration, PostgresAdapter, sql } from 'kysely';

// Federation an operator can trust (issue 16):
// - peer_delivered: which version (or deletion) each peer has acknowledged, so that a
//   disclosure is audited once, when it arrived, however often it was sent or pulled;
// - peer_parked: items refused for a reason that can go away (a key not yet pinned, an
//   accreditation too low, the Agreement not yet in force), kept to be offered again;
// - on peers: refused requests counted, what the last probe or exchange found and since
//   when, and running totals of new, unchanged and refused items each way.
// On PostgreSQL, commits that a pusher must see raise a NOTIFY carrying the schema's name,
// so that every process on the store wakes at once (SQLite watches data_version instead).
export const federationTrust: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('peer_delivered')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('peer_node', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('stamp', 'bigint', (c) => c.notNull())
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addPrimaryKeyConstraint('peer_delivered_pk', ['party', 'peer_node', 'kind', 'id', 'modified'])
      .execute();
    await db.schema
      .createIndex('peer_delivered_offered')
      .on('peer_delivered')
      .columns(['peer_node', 'stamp'])
      .execute();
    await db.schema
      .createTable('peer_parked')
      .addColumn('party', 'text', (c) => c.notNull())
      .addColumn('peer_node', 'text', (c) => c.notNull())
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('modified', 'text', (c) => c.notNull())
      .addColumn('origin_node', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('item', 'text', (c) => c.notNull())
      .addColumn('parked_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('peer_parked_pk', [
        'party',
        'peer_node',
        'direction',
        'kind',
        'id',
        'modified',
      ])
      .execute();
    for (const [name, type] of [
      ['refused_requests', 'integer'],
      ['last_refused_at', 'text'],
      ['last_refused_reason', 'text'],
      ['health_state', 'text'],
      ['health_detail', 'text'],
      ['health_since', 'text'],
      ['checked_at', 'text'],
      ['sent_new', 'bigint'],
      ['sent_unchanged', 'bigint'],
      ['sent_refused', 'bigint'],
      ['received_new', 'bigint'],
      ['received_unchanged', 'bigint'],
      ['received_refused', 'bigint'],
    ] as const) {
      await db.schema
        .alterTable('peers')
        .addColumn(name, type, (c) => (type === 'text' ? c : c.notNull().defaultTo(0)))
        .execute();
    }
    if (isPostgres(db)) {
      await sql`create or replace function accord_notify_change() returns trigger language plpgsql as $$
        begin perform pg_notify('accord_changes', current_schema()); return null; end $$`.execute(db);
      for (const [table, events] of [
        ['objects', 'insert'],
        ['tombstones', 'insert'],
        ['peers', 'insert or delete'],
        ['agreement_events', 'insert'],
        ['settings', 'insert or update'],
      ] as const) {
        await sql
          .raw(
            `create trigger ${table}_notify after ${events} on ${table} for each statement execute function accord_notify_change()`,
          )
          .execute(db);
      }
    }
  },
  async down(db: Kysely<unknown>) {
    if (isPostgres(db)) {
      for (const t of ['objects', 'tombstones', 'peers', 'agreement_events', 'settings'])
        await sql.raw(`drop trigger if exists ${t}_notify on ${t}`).execute(db);
      await sql`drop function if exists accord_notify_change()`.execute(db);
    }
    for (const c of [
      'refused_requests',
      'last_refused_at',
      'last_refused_reason',
      'health_state',
      'health_detail',
      'health_since',
      'checked_at',
      'sent_new',
      'sent_unchanged',
      'sent_refused',
      'received_new',
      'received_unchanged',
      'received_refused',
    ])
      await db.schema.alterTable('peers').dropColumn(c).execute();
    await db.schema.dropTable('peer_parked').execute();
    await db.schema.dropTable('peer_delivered').execute();
  },
};

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
