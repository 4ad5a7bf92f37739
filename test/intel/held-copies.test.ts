// The copies lookups keep between requests (src/intel/held-copies.ts): reused only while the
// store's commit stamp holds, never past a commit, and never where the store gives no stamp.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { heldCopies } from '../../src/intel/held-copies.js';
import { importStix } from '../../src/node/ingest.js';
import { type AccordNode, initNode } from '../../src/node/node.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const T = '2026-01-10T08:00:00.000Z';

const indicator = (id: string, modified: string, extra: object = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id,
  created: T,
  modified,
  pattern: "[ipv4-addr:value = '192.0.2.77']",
  pattern_type: 'stix',
  valid_from: T,
  object_marking_refs: [TLP2_IDS.green],
  ...extra,
});

const bundle = (...objects: object[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });

for (const backend of BACKENDS) {
  describe(`copies kept between lookups (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    let node: AccordNode;
    const id = `indicator--${randomUUID()}`;
    before(async () => {
      node = (await initNode({ data: dir.path, db: store.url }, { party: 'KZ' })).node;
      const r = await importStix(node, { party: 'KZ', sourceNode: 'test' }, bundle(indicator(id, T)));
      assert.ok(r.ok, JSON.stringify(r.errors));
    });
    after(async () => {
      await node.close();
      await store.dispose();
      dir.dispose();
    });

    test('kept while nothing is committed, read again after a commit, revoked copies left out', async () => {
      const stamp = node.store.db.commitStamp();
      const first = (await heldCopies(node, [id], stamp)).get(id)!;
      assert.equal(first.length, 1);
      assert.deepEqual(
        first[0]!.observables.map((o) => o.sufficient),
        [true],
        'its one address, read once',
      );
      const again = (await heldCopies(node, [id], node.store.db.commitStamp())).get(id)!;
      if (backend.name === 'sqlite') assert.equal(again, first, 'the same stamp: the copies kept');
      else assert.notEqual(again, first, 'no stamp: every lookup reads the store');
      assert.ok(
        Object.isFrozen(first[0]) && Object.isFrozen(first[0]!.version),
        'shared copies cannot change',
      );

      const v2 = indicator(id, '2026-01-11T08:00:00.000Z', { revoked: true });
      const r = await importStix(node, { party: 'KZ', sourceNode: 'test' }, bundle(v2));
      assert.ok(r.ok, JSON.stringify(r.errors));
      if (backend.name === 'sqlite')
        assert.notEqual(node.store.db.commitStamp(), stamp, 'a commit moves the stamp');
      const after = (await heldCopies(node, [id], node.store.db.commitStamp())).get(id)!;
      assert.deepEqual(after, [], 'the revoked newest version is not a copy to confirm on');
      const unknown = `indicator--${randomUUID()}`;
      assert.deepEqual((await heldCopies(node, [unknown], node.store.db.commitStamp())).get(unknown), []);
    });
  });
}
