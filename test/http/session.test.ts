import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/http/app.js';
import { LoginLimiter } from '../../src/http/login-limiter.js';
import { hashPassword, verifyPassword } from '../../src/node/passwords.js';
import { addUser, findUserWithPassword, listAudit } from '../../src/store/index.js';
import { ACCORD_BIN, runCli } from '../helpers/cli.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { tempDir } from '../helpers/stores.js';

const PASSWORD = 'correct horse battery';

function cookieOf(setCookie: string | string[] | undefined): string {
  const line = [setCookie].flat()[0] ?? '';
  return line.split(';')[0]!;
}

describe('console sessions', () => {
  let t: TestNode;
  let token: string;
  before(async () => {
    t = await startTestNode(undefined, 'KZ');
    await addUser(t.node.store.db, {
      party: 'KZ',
      name: 'aigerim',
      role: 'liaison',
      passwordHash: await hashPassword(PASSWORD),
    });
    await addUser(t.node.store.db, { party: 'KZ', name: 'nopass', role: 'analyst' });
    token = await t.tokenFor('KZ');
  });
  after(() => t.dispose());

  const login = (name: string, password: string, ip = '127.0.0.1') =>
    t.app.inject({ method: 'POST', url: '/api/v1/session', payload: { name, password }, remoteAddress: ip });

  test('passwords are salted scrypt with their parameters, and verify only themselves', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    assert.notEqual(a, b, 'the salt makes two hashes of one password differ');
    assert.equal(await verifyPassword(PASSWORD, a), true);
    assert.equal(await verifyPassword('wrong password!', a), false);
    assert.equal(await verifyPassword(PASSWORD, null), false);
    assert.equal(await verifyPassword(PASSWORD, 'scrypt$garbage'), false);
    await assert.rejects(hashPassword('short'), /at least 10 characters/);
  });

  test('sign-in sets an HttpOnly SameSite=Strict cookie and returns the user and a CSRF token', async () => {
    const r = await login('aigerim', PASSWORD);
    assert.equal(r.statusCode, 200, r.body);
    const setCookie = String(r.headers['set-cookie']);
    assert.match(setCookie, /^accord_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict/);
    assert.doesNotMatch(setCookie, /Secure/, 'plain http on loopback: no Secure flag');
    const body = r.json();
    assert.deepEqual(body.user, { name: 'aigerim', party: 'KZ', role: 'liaison' });
    assert.match(body.csrf_token, /^[\w-]{43}$/);

    const cookie = cookieOf(r.headers['set-cookie']);
    const me = await t.app.inject({ url: '/api/v1/session', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.deepEqual(me.json(), body);
  });

  test('the cookie authenticates reads; writes need the X-CSRF-Token header', async () => {
    const r = await login('aigerim', PASSWORD);
    const cookie = cookieOf(r.headers['set-cookie']);
    const csrf = r.json().csrf_token as string;
    const read = await t.app.inject({ url: '/api/v1/consents', headers: { cookie } });
    assert.equal(read.statusCode, 200);

    const ask = {
      object_ids: ['indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f'],
      recipient: { kind: 'third-party', id: 'org-1' },
      purpose: 'x',
      valid_until: '2099-01-01',
    };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consents',
      headers: { cookie },
      payload: ask,
    });
    assert.equal(without.statusCode, 403);
    assert.match(without.json().error.message, /X-CSRF-Token/);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consents',
      // One character changed (to another character: a token ending in A stays wrong).
      headers: { cookie, 'x-csrf-token': `${csrf.slice(0, -1)}${csrf.endsWith('A') ? 'B' : 'A'}` },
      payload: ask,
    });
    assert.equal(wrong.statusCode, 403);
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/v1/consents',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: ask,
    });
    assert.notEqual(right.statusCode, 403, right.body);
    assert.notEqual(right.statusCode, 401, right.body);
  });

  test('token requests need no CSRF token', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundles',
      headers: bearer(token),
      payload: { type: 'bundle', id: 'bundle--2a1f3bd4-5c6d-4e7f-8a9b-0c1d2e3f4a5b', objects: [] },
    });
    assert.notEqual(r.statusCode, 403);
    assert.notEqual(r.statusCode, 401);
  });

  test('a wrong password, an unknown user and a user without a password get one answer', async () => {
    for (const [name, pw] of [
      ['aigerim', 'not the password'],
      ['nobody', PASSWORD],
      ['nopass', PASSWORD],
    ] as const) {
      const r = await login(name, pw, '10.9.9.9');
      assert.equal(r.statusCode, 401);
      assert.equal(r.json().error.message, 'the user name or password is wrong');
      assert.equal(r.headers['set-cookie'], undefined);
    }
    const failed = await listAudit(t.node.store.db, { action: 'login.failed', limit: 100 });
    assert.deepEqual(
      failed.map((e) => (e.details as { reason: string }).reason),
      ['wrong-password', 'unknown-user', 'no-password'],
    );
    const ok = await listAudit(t.node.store.db, { action: 'login', limit: 100 });
    assert.ok(ok.length >= 1, 'successful sign-ins are audited');
  });

  test('sign-out ends the session: the cookie stops working', async () => {
    const r = await login('aigerim', PASSWORD);
    const cookie = cookieOf(r.headers['set-cookie']);
    const csrf = r.json().csrf_token;
    const out = await t.app.inject({
      method: 'DELETE',
      url: '/api/v1/session',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    assert.equal(out.statusCode, 204);
    assert.match(String(out.headers['set-cookie']), /Max-Age=0/);
    const after = await t.app.inject({ url: '/api/v1/objects', headers: { cookie } });
    assert.equal(after.statusCode, 401);
    assert.match(after.json().error.message, /sign in again/);
  });

  test('a forged or malformed cookie is refused', async () => {
    for (const cookie of [
      'accord_session=AAAA',
      `accord_session=${'A'.repeat(43)}`,
      'accord_session="<x>"',
    ]) {
      const r = await t.app.inject({ url: '/api/v1/objects', headers: { cookie } });
      assert.equal(r.statusCode, 401, cookie);
    }
  });

  test('repeated failures are refused with 429 and Retry-After, even with the right password', async () => {
    const ip = '10.1.2.3';
    for (let i = 0; i < 10; i++)
      assert.equal((await login('aigerim', 'guess guess guess', ip)).statusCode, 401);
    const r = await login('aigerim', PASSWORD, ip);
    assert.equal(r.statusCode, 429);
    assert.ok(Number(r.headers['retry-after']) > 0);
    assert.equal(r.json().error.code, 'ACCORD_RATE_LIMITED');
    assert.equal(
      (await login('aigerim', PASSWORD, '10.1.2.4')).statusCode,
      200,
      'another address is not blocked',
    );
  });

  test('the limiter forgets failures after its window', async () => {
    let now = 0;
    const l = new LoginLimiter(t.node.store.db, { perUser: 2, perAddress: 3, windowMs: 1000 }, () => now);
    await l.fail('a', 'x');
    await l.fail('a', 'x');
    assert.ok((await l.retryAfter('a', 'x')) > 0);
    assert.equal(await l.retryAfter('b', 'x'), 0);
    await l.succeed('a', 'x');
    assert.equal(await l.retryAfter('a', 'x'), 0, 'a sign-in clears the name’s count');
    await l.fail('b', 'x');
    assert.ok((await l.retryAfter('c', 'x')) > 0, 'but not the address’s');
    now = 1001;
    assert.equal(await l.retryAfter('a', 'x'), 0);
    assert.equal(await l.retryAfter('c', 'x'), 0);
  });

  test('Secure cookies when configured', async () => {
    const app = await buildApp(t.node, { secureCookies: true, webRoot: false });
    const r = await app.inject({
      method: 'POST',
      url: '/api/v1/session',
      payload: { name: 'aigerim', password: PASSWORD },
    });
    assert.match(String(r.headers['set-cookie']), /; Secure/);
    await app.close();
  });
});

describe('accord user … --password-stdin', () => {
  const dir = tempDir();
  after(() => dir.dispose());
  const accord = (args: string[], input?: string) =>
    spawnSync(process.execPath, [ACCORD_BIN, ...args, '--data', dir.path], {
      encoding: 'utf8',
      input: input ?? '',
    });

  test('adds a user with a password from stdin and changes it; never takes it from argv', async () => {
    const { initNode, openNode } = await import('../../src/node/node.js');
    await (
      await initNode({ data: dir.path, db: `sqlite:${dir.path}/accord.sqlite` }, { party: 'KZ' })
    ).node.close();
    const add = accord(
      ['user', 'add', 'dana', '--party', 'KZ', '--role', 'analyst', '--password-stdin'],
      `${PASSWORD}\n`,
    );
    assert.equal(add.status, 0, add.stderr);
    const noFlag = await runCli(['user', 'password', 'dana', '--data', dir.path]);
    assert.equal(noFlag.code, 2);
    assert.match(noFlag.stderr, /--password-stdin/);
    const set = accord(['user', 'password', 'dana', '--password-stdin'], 'another password\n');
    assert.equal(set.status, 0, set.stderr);

    const node = await openNode({ data: dir.path, db: `sqlite:${dir.path}/accord.sqlite` });
    try {
      const found = await findUserWithPassword(node.store.db, 'dana');
      assert.equal(await verifyPassword('another password', found?.passwordHash), true);
      assert.equal(await verifyPassword(PASSWORD, found?.passwordHash), false);
    } finally {
      await node.close();
    }
  });
});
