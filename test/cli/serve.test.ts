import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runAccord, startServe } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

describe('accord init, user add, token create, serve — as a script would run them', () => {
  const dir = tempDir();
  const env = { ACCORD_DATA: dir.path };
  let token = '';
  let server: Awaited<ReturnType<typeof startServe>>;

  before(async () => {
    const init = runAccord(['init', '--party', 'KZ'], env);
    assert.equal(init.code, 0, init.stderr);
    assert.equal(runAccord(['user', 'add', 'alice', '--party', 'KZ', '--role', 'analyst'], env).code, 0);
    const t = runAccord(['token', 'create', 'alice'], env);
    assert.equal(t.code, 0, t.stderr);
    token = t.stdout.trim();
    server = await startServe(['--data', dir.path]);
  });
  after(async () => {
    await server?.stop();
    dir.dispose();
  });

  test('token create prints the token alone on standard output', () => {
    assert.match(token, /^accord_[A-Za-z0-9_-]{43}$/);
  });

  test('init again for the same Party changes nothing; for another Party it is refused', () => {
    const again = runAccord(['init', '--party', 'KZ', '--json'], env);
    assert.equal(again.code, 0);
    assert.equal(JSON.parse(again.stdout).created, false);
    const other = runAccord(['init', '--party', 'RU'], env);
    assert.equal(other.code, 1);
    assert.match(other.stderr, /initialised for KZ/);
  });

  test('serve answers /healthz without a token', async () => {
    const r = await fetch(`${server.url}/healthz`);
    assert.equal(r.status, 200);
  });

  test('serve answers the REST API with a token and 401 without one', async () => {
    const ok = await fetch(`${server.url}/api/v1/objects`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), { items: [], next: null });
    const no = await fetch(`${server.url}/api/v1/objects`);
    assert.equal(no.status, 401);
    assert.equal(((await no.json()) as { error: { code: string } }).error.code, 'ACCORD_UNAUTHENTICATED');
  });

  test('usage errors exit 2, unknown users exit 1', () => {
    assert.equal(runAccord(['user', 'add', 'bob', '--party', 'KZ', '--role', 'king'], env).code, 2);
    assert.equal(runAccord(['init'], env).code, 2);
    assert.equal(runAccord(['no-such-command'], env).code, 2);
    const unknown = runAccord(['token', 'create', 'nobody'], env);
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no user 'nobody'/);
  });

  test('a command on a directory with no node says how to make one', () => {
    const empty = tempDir();
    const r = runAccord(['export'], { ACCORD_DATA: empty.path });
    empty.dispose();
    assert.equal(r.code, 1);
    assert.match(r.stderr, /accord init --party/);
  });

  test('SIGTERM stops the server cleanly with exit code 0', async () => {
    const second = await startServe(['--data', dir.path]);
    const code = await second.stop('SIGTERM');
    assert.equal(code, 0);
    assert.match(second.logs(), /shutting down/);
  });
});
