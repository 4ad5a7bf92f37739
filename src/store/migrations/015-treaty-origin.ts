import type { Kysely, Migration } from 'kysely';

// Where a recorded treaty event comes from: 'depositary' (recorded on the depositary's node,
// or received signed from it) or 'local' (typed in by hand on a node that is not the
// depositary's). A node that follows a depositary counts only the depositary's events, so every
// such node sees the same Parties in force; local ones stay on the node as labelled notes.
export const treatyOrigin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('agreement_events')
      .addColumn('origin', 'text', (c) => c.notNull().defaultTo('local'))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('agreement_events').dropColumn('origin').execute();
  },
};
