import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { markVisit, VISIT_GAP_MS } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// "Since your last visit" is kept per user on the server: whichever browser or token the user
// comes back with, the Overview counts from where their previous visit ended.
for (const backend of BACKENDS) {
  describe(`the user's last visit on ${backend.name}`, () => {
    let t: TestNode;
    let ana: string;
    let other: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      ana = await t.tokenFor('KZ', 'analyst');
      other = await t.tokenFor('BY', 'liaison');
    });
    after(() => t.dispose());

    const visit = (method: 'GET' | 'POST', token: string) =>
      t.app.inject({ method, url: '/api/v1/visit', headers: bearer(token) });
    /** Moves the user's last look into the past, as a pause between visits would. */
    const pause = async (token: string, ms: number) => {
      const me = (await visit('GET', token)).json();
      const then = new Date(Date.parse(me.seen_at) - ms).toISOString();
      await t.node.store.db.kysely
        .updateTable('user_visits')
        .set({ seen_at: then })
        .where('seen_at', '=', me.seen_at)
        .execute();
      return then;
    };

    test('before the first visit there is none to read; the first look has nothing before it', async () => {
      const none = await visit('GET', ana);
      assert.equal(none.statusCode, 404, none.body);
      assert.equal(none.json().error.code, 'ACCORD_NOT_FOUND');
      const first = await visit('POST', ana);
      assert.equal(first.statusCode, 200, first.body);
      const v = first.json();
      assert.equal(v.since, null);
      assert.equal(v.visit_started_at, v.seen_at);
      assert.deepEqual(Object.keys(v).sort(), ['seen_at', 'since', 'visit_started_at']);
    });

    test('looking again soon is the same visit: "since" stays, moving between pages resets nothing', async () => {
      const a = (await visit('POST', ana)).json();
      const b = (await visit('POST', ana)).json();
      assert.equal(b.since, null);
      assert.equal(b.visit_started_at, a.visit_started_at);
      assert.ok(b.seen_at >= a.seen_at);
      assert.deepEqual((await visit('GET', ana)).json(), b);
    });

    test('after a pause a new visit counts from where the last one ended, even with many tabs at once', async () => {
      const ended = await pause(ana, VISIT_GAP_MS + 60_000);
      const tabs = await Promise.all([1, 2, 3, 4].map(() => visit('POST', ana)));
      for (const r of tabs) {
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.json().since, ended, 'every tab counts from the end of the last visit');
      }
      assert.ok(tabs[0]!.json().visit_started_at > ended);
    });

    test('each user has their own: another Party’s user starts afresh', async () => {
      assert.equal((await visit('GET', other)).statusCode, 404);
      assert.equal((await visit('POST', other)).json().since, null);
      assert.notEqual((await visit('GET', ana)).json().since, null);
    });

    test('a clock that steps back does not move the last look backwards', async () => {
      const before = (await visit('GET', ana)).json();
      const user = await t.node.store.db.kysely
        .selectFrom('user_visits')
        .select(['party', 'user_id'])
        .where('seen_at', '=', before.seen_at)
        .executeTakeFirstOrThrow();
      const v = await markVisit(
        t.node.store.db,
        user.party,
        user.user_id,
        new Date(Date.parse(before.seen_at) - 5000),
      );
      assert.equal(v.seenAt, before.seen_at);
      assert.equal(v.previousSeenAt, before.since);
    });

    test('without a token there is no visit to read', async () => {
      const r = await t.app.inject({ method: 'GET', url: '/api/v1/visit' });
      assert.equal(r.statusCode, 401);
    });
  });
}
