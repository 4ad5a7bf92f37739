import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { addUser, createToken, listAudit, type User } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

const PASSWORD = 'a long enough password';
const subjectOf = (e: { subject?: unknown }) => (e.subject as { id?: string } | undefined)?.id;
const actorOf = (e: { actor: unknown }) => (e.actor as { id: string }).id;

for (const backend of BACKENDS) {
  describe(`administration: users (${backend.name})`, () => {
    let t: TestNode;
    let admin: User;
    let adminToken: string;
    let analystToken: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      admin = await addUser(t.node.store.db, { party: 'KZ', name: 'root-admin', role: 'admin' });
      adminToken = (await createToken(t.node.store.db, admin, 'test')).token;
      analystToken = await t.tokenFor('KZ', 'analyst');
    });
    after(() => t.dispose());

    const call = (token: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
    const signIn = (name: string, password: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password } });
    const addAs = async (name: string, role = 'analyst') => {
      const r = await call(adminToken, 'POST', '/users', { name, role, password: PASSWORD });
      assert.equal(r.statusCode, 201, r.body);
      return r.json() as { id: string; name: string };
    };

    test('only an administrator manages users: 403 for others whatever the body, 401 for nobody', async () => {
      const liaison = await t.tokenFor('KZ', 'liaison');
      for (const token of [analystToken, liaison]) {
        assert.equal((await call(token, 'GET', '/users')).statusCode, 403);
        const post = await call(token, 'POST', '/users', { name: 'x', role: 'admin', password: PASSWORD });
        assert.equal(post.statusCode, 403);
        assert.equal(post.json().error.code, 'ACCORD_FORBIDDEN');
        const garbage = await call(token, 'POST', '/users', { nonsense: true });
        assert.equal(garbage.statusCode, 403, 'refused before the body is looked at');
        assert.equal((await call(token, 'PATCH', `/users/${admin.id}`, { role: 'analyst' })).statusCode, 403);
      }
      assert.equal((await t.app.inject({ url: '/api/v1/users' })).statusCode, 401);
    });

    test('the list names each user with role, Party and state, and never a password hash', async () => {
      await addAs('listed-user');
      const r = await call(adminToken, 'GET', '/users');
      assert.equal(r.statusCode, 200);
      const items = r.json().items as Record<string, unknown>[];
      const u = items.find((i) => i.name === 'listed-user')!;
      assert.deepEqual(Object.keys(u).sort(), [
        'created_at',
        'disabled',
        'foreign_party',
        'id',
        'name',
        'party',
        'role',
      ]);
      assert.equal(u.party, 'KZ');
      assert.equal(u.foreign_party, false);
      assert.equal(u.disabled, false);
      assert.doesNotMatch(r.body, /scrypt|password/);
    });

    test('a user made here signs in to the console with the password given', async () => {
      const made = await addAs('new-liaison', 'liaison');
      const s = await signIn('new-liaison', PASSWORD);
      assert.equal(s.statusCode, 200, s.body);
      assert.deepEqual(s.json().user, { name: 'new-liaison', party: 'KZ', role: 'liaison' });
      assert.equal((await signIn('new-liaison', 'not the password')).statusCode, 401);
      const again = await call(adminToken, 'POST', '/users', {
        name: made.name,
        role: 'analyst',
        password: PASSWORD,
      });
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().error.code, 'ACCORD_CONFLICT');
    });

    test('bad input is a 400 that names the member at fault', async () => {
      const cases: [object, string][] = [
        [{ name: 'bob', role: 'analyst', password: 'short' }, '$.password'],
        [{ name: 'has space', role: 'analyst', password: PASSWORD }, '$.name'],
        [{ name: 'bob', role: 'superuser', password: PASSWORD }, '$.role'],
        [{ name: 'bob', role: 'analyst' }, '$.password'],
        [{ name: 'bob', role: 'analyst', password: PASSWORD, party: 'BY' }, '$'],
      ];
      for (const [body, path] of cases) {
        const r = await call(adminToken, 'POST', '/users', body);
        assert.equal(r.statusCode, 400, JSON.stringify(body));
        assert.equal(r.json().error.code, 'ACCORD_VALIDATION');
        assert.equal(r.json().error.details[0].path, path, r.body);
      }
      const patch = await call(adminToken, 'PATCH', `/users/${admin.id}`, {});
      assert.equal(patch.statusCode, 400);
      const badId = await call(adminToken, 'PATCH', '/users/not-a-uuid', { disabled: true });
      assert.equal(badId.statusCode, 400);
      assert.match(badId.json().error.message, /params/);
      const unknown = await call(adminToken, 'PATCH', `/users/${crypto.randomUUID()}`, { disabled: true });
      assert.equal(unknown.statusCode, 404);
    });

    test('a new role takes effect on the next request', async () => {
      const u = await addAs('promoted');
      const s = await signIn('promoted', PASSWORD);
      const cookie = String(s.headers['set-cookie']).split(';')[0]!;
      const r = await call(adminToken, 'PATCH', `/users/${u.id}`, { role: 'admin' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().role, 'admin');
      const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
      assert.equal(me.json().user.role, 'admin');
      assert.equal((await t.app.inject({ url: '/api/v1/users', headers: { cookie } })).statusCode, 200);
    });

    test('disabling a user ends their sessions and their tokens for good; enabling lets them sign in again', async () => {
      const u = await addAs('leaver');
      const s = await signIn('leaver', PASSWORD);
      const cookie = String(s.headers['set-cookie']).split(';')[0]!;
      const made = await call(adminToken, 'POST', '/tokens', { user: 'leaver', name: 'script' });
      const token = made.json().token as string;
      assert.equal((await call(token, 'GET', '/tokens')).statusCode, 200);

      const off = await call(adminToken, 'PATCH', `/users/${u.id}`, { disabled: true });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().disabled, true);
      assert.equal((await call(token, 'GET', '/tokens')).statusCode, 401, 'the token stops working');
      assert.equal((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode, 401);
      assert.equal((await signIn('leaver', PASSWORD)).statusCode, 401);
      const listed = (await call(adminToken, 'GET', '/tokens?user=leaver')).json().items;
      assert.ok(listed[0].revoked_at, 'its tokens are revoked, not only suspended');

      const on = await call(adminToken, 'PATCH', `/users/${u.id}`, { disabled: false });
      assert.equal(on.json().disabled, false);
      assert.equal((await signIn('leaver', PASSWORD)).statusCode, 200);
      assert.equal((await call(token, 'GET', '/tokens')).statusCode, 401, 'an old token stays revoked');
    });

    test('a new password replaces the old one and ends the sessions', async () => {
      const u = await addAs('forgetful');
      const s = await signIn('forgetful', PASSWORD);
      const cookie = String(s.headers['set-cookie']).split(';')[0]!;
      const r = await call(adminToken, 'PATCH', `/users/${u.id}`, { password: 'another long password' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal((await t.app.inject({ url: '/api/v1/session', headers: { cookie } })).statusCode, 401);
      assert.equal((await signIn('forgetful', PASSWORD)).statusCode, 401);
      assert.equal((await signIn('forgetful', 'another long password')).statusCode, 200);
      const short = await call(adminToken, 'PATCH', `/users/${u.id}`, { password: 'short' });
      assert.equal(short.json().error.details[0].path, '$.password');
    });

    test('an administrator cannot disable or demote themself: the node keeps an administrator', async () => {
      for (const change of [{ disabled: true }, { role: 'liaison' }]) {
        const r = await call(adminToken, 'PATCH', `/users/${admin.id}`, change);
        assert.equal(r.statusCode, 409, r.body);
        assert.equal(r.json().error.code, 'ACCORD_CONFLICT');
      }
      assert.equal((await call(adminToken, 'GET', '/users')).statusCode, 200, 'still an administrator');
      const keep = await call(adminToken, 'PATCH', `/users/${admin.id}`, { role: 'admin' });
      assert.equal(keep.statusCode, 200);
    });

    test('every change is in the audit log with the administrator who made it', async () => {
      const added = await listAudit(t.node.store.db, { action: 'admin.user.added', limit: 100 });
      assert.ok(added.some((e) => subjectOf(e) === 'new-liaison' && actorOf(e) === 'root-admin'));
      const changed = await listAudit(t.node.store.db, { action: 'admin.user.changed', limit: 100 });
      const leaverEntries = changed.filter((e) => subjectOf(e) === 'leaver');
      const leaverId = (leaverEntries[0]?.details as { user_id?: string } | undefined)?.user_id;
      assert.deepEqual(
        leaverEntries.map((e) => e.details),
        [
          { user_id: leaverId, disabled: true, tokens_revoked: 1 },
          { user_id: leaverId, disabled: false },
        ],
      );
      assert.deepEqual(leaverEntries[0]?.subject, { type: 'user', id: 'leaver', party: 'KZ' });
      assert.ok(
        changed.some((e) => subjectOf(e) === 'forgetful' && JSON.stringify(e.details).includes('reset')),
      );
      assert.doesNotMatch(JSON.stringify(changed), /another long password/);
    });
  });
}
