import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { recordAudit } from '../../src/audit/log.js';
import { initNode } from '../../src/node/node.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// Tampering made directly in the database, as an insider with SQL access would, and what
// `accord audit verify` says about each kind.
for (const backend of BACKENDS) {
  describe(`accord audit verify on ${backend.name}`, () => {
    const dir = tempDir();
    const store =
      backend.name === 'sqlite'
        ? { url: `sqlite:${dir.path}/accord.sqlite`, dispose: async () => {} }
        : backend.fresh();
    const args = ['--data', dir.path, '--db', store.url];
    let node: Awaited<ReturnType<typeof initNode>>['node'];

    before(async () => {
      node = (await initNode({ data: dir.path, db: store.url }, { party: 'KZ' })).node;
    });
    after(async () => {
      await node.close();
      await store.dispose();
      dir.dispose();
    });

    beforeEach(async () => {
      await node.store.db.kysely.deleteFrom('audit_log').execute();
      await recordAudit(
        node,
        Array.from({ length: 6 }, (_, i) => ({
          at: `2026-01-0${i + 1}T00:00:00.000Z`,
          actor: { kind: 'user' as const, id: `analyst-${i}`, party: 'BY' },
          action: 'disclosure',
          details: { objects: [{ id: `indicator--00000000-0000-4000-8000-00000000000${i}` }] },
        })),
      );
    });

    const verify = async () => {
      const r = await runCli(['audit', 'verify', '--json', ...args]);
      return { code: r.code, verdict: JSON.parse(r.stdout) };
    };
    const db = () => node.store.db.kysely;

    test('an untouched log passes', async () => {
      const { code, verdict } = await verify();
      assert.equal(code, 0);
      assert.equal(verdict.ok, true);
      assert.equal(verdict.count, 6);
    });

    test('a changed entry is named', async () => {
      await db().updateTable('audit_log').set({ details: '{"objects":[]}' }).where('seq', '=', 3).execute();
      const { code, verdict } = await verify();
      assert.equal(code, 1);
      assert.deepEqual([verdict.problem, verdict.seq], ['changed', 3]);
    });

    test('a deleted entry is named', async () => {
      await db().deleteFrom('audit_log').where('seq', '=', 4).execute();
      const { code, verdict } = await verify();
      assert.equal(code, 1);
      assert.equal(verdict.problem, 'deleted');
      assert.equal(verdict.seq, 4);
    });

    test('an inserted entry is named', async () => {
      // Room for a forged entry between 2 and 3: shift the tail up by one.
      for (let seq = 6; seq >= 3; seq--) {
        await db()
          .updateTable('audit_log')
          .set({ seq: seq + 100 } as never)
          .where('seq', '=', seq)
          .execute();
      }
      const forged = await db()
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '=', 2)
        .executeTakeFirstOrThrow();
      await db()
        .insertInto('audit_log')
        .values({ ...forged, seq: 3, at: '2026-01-02T12:00:00.000Z' })
        .execute();
      for (let seq = 3; seq <= 6; seq++) {
        await db()
          .updateTable('audit_log')
          .set({ seq: seq + 1 } as never)
          .where('seq', '=', seq + 100)
          .execute();
      }
      const { code, verdict } = await verify();
      assert.equal(code, 1);
      assert.equal(verdict.problem, 'inserted');
      assert.equal(verdict.seq, 3);
    });

    test('two entries swapped are named as reordered', async () => {
      const a = await db().selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
      const b = await db().selectFrom('audit_log').selectAll().where('seq', '=', 5).executeTakeFirstOrThrow();
      await db().deleteFrom('audit_log').where('seq', 'in', [2, 5]).execute();
      await db()
        .insertInto('audit_log')
        .values([
          { ...a, seq: 5 },
          { ...b, seq: 2 },
        ])
        .execute();
      const { code, verdict } = await verify();
      assert.equal(code, 1);
      assert.equal(verdict.problem, 'reordered');
      assert.equal(verdict.seq, 2);
    });

    test('the text report names the entry', async () => {
      await db().updateTable('audit_log').set({ action: 'login' }).where('seq', '=', 5).execute();
      const r = await runCli(['audit', 'verify', ...args]);
      assert.equal(r.code, 1);
      assert.match(r.stdout, /TAMPERED at entry 5 \(changed\)/);
    });
  });
}
