import { type Kysely, type Migration, sql } from 'kysely';
import { canonicalJson, sha256Hex } from '../../stix/canonical.js';
import { RENAMED_PROPERTIES, withCurrentNames } from '../../stix/reserved.js';

// Stored objects that use a property name STIX reserves get its current name
// (src/stix/reserved.ts): x-accord-notification's `severity` becomes `notification_severity`.
// Only unsigned rows are rewritten. A signed row is its originator's signed text: rewriting it
// would break the signature a peer checks, so it stays as signed, readers accept the old name,
// and the copy a STIX reader is served carries the new one (src/node/redaction.ts).
export const reservedNames: Migration = {
  async up(db: Kysely<unknown>) {
    for (const type of Object.keys(RENAMED_PROPERTIES)) {
      const rows = await sql<{ party: string; id: string; modified: string; json: string }>`
        select party, id, modified, json from objects where type = ${type} and signature is null`.execute(db);
      for (const r of rows.rows) {
        const renamed = withCurrentNames(JSON.parse(r.json) as Record<string, unknown>);
        if (!renamed) continue;
        const json = canonicalJson(renamed);
        await sql`update objects set json = ${json}, content_hash = ${sha256Hex(json)}
          where party = ${r.party} and id = ${r.id} and modified = ${r.modified}`.execute(db);
      }
    }
  },
  async down() {
    // The old name is reserved by STIX: nothing is renamed back.
  },
};
