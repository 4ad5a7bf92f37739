import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, createToken, listAudit, type User } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

for (const backend of BACKENDS) {
  describe(`administration: tokens (${backend.name})`, () => {
    let t: TestNode;
    let adminToken: string;
    let alice: User;
    let aliceToken: string;
    let bobToken: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const db = t.node.store.db;
      const admin = await addUser(db, { party: 'KZ', name: 'tok-admin', role: 'admin' });
      adminToken = (await createToken(db, admin, 'test')).token;
      alice = await addUser(db, { party: 'KZ', name: 'alice', role: 'analyst' });
      aliceToken = (await createToken(db, alice, 'laptop')).token;
      const bob = await addUser(db, { party: 'KZ', name: 'bob', role: 'liaison' });
      bobToken = (await createToken(db, bob, 'laptop')).token;
    });
    after(() => t.dispose());

    const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

    test('an administrator makes a token for a user: the secret is shown once, and works', async () => {
      const r = await call(adminToken, 'POST', '/tokens', { user: 'alice', name: 'firewall feed' });
      assert.equal(r.statusCode, 201, r.body);
      const made = r.json();
      assert.match(made.token, /^accord_[\w-]{43}$/);
      assert.equal(made.user, 'alice');
      assert.equal(made.name, 'firewall feed');
      assert.equal(made.revoked_at, null);
      const used = await call(made.token, 'GET', '/objects');
      assert.equal(used.statusCode, 200, 'the new token authenticates as alice');

      const list = await call(adminToken, 'GET', '/tokens');
      assert.equal(list.statusCode, 200);
      assert.ok(!list.body.includes(made.token), 'the secret is never listed');
      assert.doesNotMatch(list.body, /hash/);
      const listed = (list.json().items as Record<string, unknown>[]).find((i) => i.id === made.id)!;
      assert.deepEqual(Object.keys(listed).sort(), [
        'created_at',
        'id',
        'last_used_at',
        'name',
        'revoked_at',
        'scope',
        'user',
        'user_id',
      ]);
    });

    test('a revoked token stops working at once, and stays listed as revoked', async () => {
      const made = (await call(adminToken, 'POST', '/tokens', { user: 'bob', name: 'to revoke' })).json();
      assert.equal((await call(made.token, 'GET', '/tokens')).statusCode, 200);
      const del = await call(adminToken, 'DELETE', `/tokens/${made.id}`);
      assert.equal(del.statusCode, 200, del.body);
      assert.ok(del.json().revoked_at);
      const refused = await call(made.token, 'GET', '/tokens');
      assert.equal(refused.statusCode, 401);
      assert.match(refused.json().error.message, /revoked/);
      const again = await call(adminToken, 'DELETE', `/tokens/${made.id}`);
      assert.equal(again.statusCode, 409);
      const listed = (await call(adminToken, 'GET', '/tokens?user=bob')).json().items as { id: string }[];
      assert.ok(listed.some((i) => i.id === made.id));
    });

    test('anyone manages their own tokens, and only their own', async () => {
      const own = await call(aliceToken, 'POST', '/tokens', { name: 'my script' });
      assert.equal(own.statusCode, 201, own.body);
      assert.equal(own.json().user, 'alice');
      const forBob = await call(aliceToken, 'POST', '/tokens', { user: 'bob', name: 'sneaky' });
      assert.equal(forBob.statusCode, 403);

      const mine = (await call(aliceToken, 'GET', '/tokens')).json().items as { user: string }[];
      assert.ok(mine.length >= 2);
      assert.ok(
        mine.every((i) => i.user === 'alice'),
        'an analyst sees only their own tokens',
      );
      const others = (await call(aliceToken, 'GET', '/tokens?user=bob')).json().items;
      assert.deepEqual(others, []);

      const bobs = (await call(bobToken, 'GET', '/tokens')).json().items as { id: string }[];
      const stranger = await call(aliceToken, 'DELETE', `/tokens/${bobs[0]!.id}`);
      assert.equal(stranger.statusCode, 404, "another user's token is answered as missing");
      assert.equal((await call(bobToken, 'GET', '/tokens')).statusCode, 200, 'and keeps working');

      const revokeOwn = await call(aliceToken, 'DELETE', `/tokens/${own.json().id}`);
      assert.equal(revokeOwn.statusCode, 200);
      assert.equal((await call(own.json().token, 'GET', '/tokens')).statusCode, 401);
    });

    test('no token for an unknown or disabled user', async () => {
      const unknown = await call(adminToken, 'POST', '/tokens', { user: 'nobody', name: 'x' });
      assert.equal(unknown.statusCode, 404);
      const carol = await addUser(t.node.store.db, { party: 'KZ', name: 'carol', role: 'analyst' });
      const off = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${carol.id}`,
        headers: bearer(adminToken),
        payload: { disabled: true },
      });
      assert.equal(off.statusCode, 200);
      const disabled = await call(adminToken, 'POST', '/tokens', { user: 'carol', name: 'x' });
      assert.equal(disabled.statusCode, 409);
    });

    test('bad input is a 400 with the path', async () => {
      const noName = await call(adminToken, 'POST', '/tokens', { user: 'alice' });
      assert.equal(noName.statusCode, 400);
      assert.equal(noName.json().error.details[0].path, '$.name');
      const empty = await call(adminToken, 'POST', '/tokens', { name: '' });
      assert.equal(empty.json().error.details[0].path, '$.name');
      const extra = await call(adminToken, 'POST', '/tokens', { name: 'x', role: 'admin' });
      assert.equal(extra.statusCode, 400);
      const badId = await call(adminToken, 'DELETE', '/tokens/not-a-uuid');
      assert.equal(badId.statusCode, 400);
      const unknown = await call(adminToken, 'DELETE', `/tokens/${crypto.randomUUID()}`);
      assert.equal(unknown.statusCode, 404);
    });

    test('making and revoking tokens is audited, without the secret', async () => {
      const created = await listAudit(t.node.store.db, { action: 'token.created', limit: 100 });
      assert.equal(created.length, 3, 'the refused attempts made none');
      const revoked = await listAudit(t.node.store.db, { action: 'token.revoked', limit: 100 });
      assert.ok(revoked.some((e) => (e.actor as { id: string }).id === 'alice'));
      assert.doesNotMatch(JSON.stringify([...created, ...revoked]), /accord_[\w-]{43}/);
    });
  });
}
