import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { TLP2_IDS } from '../../src/policy/index.js';
import { canonicalJson, sha256Hex } from '../../src/stix/canonical.js';
import { getVersions, ingestVersions, type NewVersion } from '../../src/store/index.js';
import { reservedNames } from '../../src/store/migrations/021-reserved-names.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// x-accord-notification said `severity`, a name STIX 2.1 reserves. Migration 021 renames it
// where it may rewrite (unsigned rows); a signed copy keeps its text, and STIX readers are
// served the current name.

const T = '2025-06-01T00:00:00.000Z';
const EXT = 'extension-definition--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51';

function oldNotification(n: number): Record<string, unknown> {
  return {
    type: 'x-accord-notification',
    spec_version: '2.1',
    id: `x-accord-notification--00000000-0000-4000-8000-00000000002${n}`,
    created: T,
    modified: T,
    kind: 'incident',
    severity: 'critical',
    summary: `old copy ${n}`,
    sender: 'KG',
    recipients: 'all',
    delivered_to: ['KZ'],
    deadline: T,
    object_marking_refs: [TLP2_IDS.green],
    extensions: { [EXT]: { extension_type: 'new-sdo' } },
  };
}

function row(o: Record<string, unknown>, signature: string | null): NewVersion {
  const json = canonicalJson(o);
  return {
    party: 'KG',
    id: o.id as string,
    modified: '2025-06-01T00:00:00.000000Z',
    type: o.type as string,
    contentHash: sha256Hex(json),
    revoked: false,
    exercise: null,
    signature,
    sourceNode: 'accord-kg',
    json,
  };
}

for (const backend of BACKENDS) {
  describe(`the reserved name severity on ${backend.name}`, () => {
    let t: TestNode;
    const unsigned = oldNotification(1);
    const signed = oldNotification(2);
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const s = t.node.store;
      const r = await s.transaction((trx) =>
        ingestVersions(trx, s.db, s.clock, [row(unsigned, null), row(signed, 'eyJhbGciOiJFZERTQSJ9..c2ln')]),
      );
      assert.equal(r.ok, true);
      // The node was made with every migration; run 021 again over the rows just stored.
      await reservedNames.up(s.db.kysely as never);
    });
    after(() => t.dispose());

    test('an unsigned stored copy is renamed, a signed one keeps the text its signature covers', async () => {
      const [u] = await getVersions(t.node.store.db, unsigned.id as string);
      const stored = JSON.parse(u!.json);
      assert.equal(stored.notification_severity, 'critical');
      assert.equal('severity' in stored, false);
      assert.equal(u!.contentHash, sha256Hex(u!.json));
      const [s] = await getVersions(t.node.store.db, signed.id as string);
      assert.equal(s!.json, canonicalJson(signed));
      assert.ok(s!.signature);
    });

    test('a STIX reader is served the signed old copy under the current name, unsigned', async () => {
      const token = await t.tokenFor('KZ');
      const r = await t.app.inject({ url: `/api/v1/objects/${signed.id}`, headers: bearer(token) });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().object.notification_severity, 'critical');
      assert.equal('severity' in r.json().object, false);
      assert.equal(r.json().meta.signed, false);
    });
  });
}
