import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// A firewall's token reads /feeds/… and nothing else: it holds no analyst's rights.
for (const backend of BACKENDS) {
  describe(`feeds-only tokens (${backend.name})`, () => {
    let t: TestNode;
    let admin = '';
    let feedsOnly = '';
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      admin = await t.tokenFor('KZ', 'admin');
      const made = await t.app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: bearer(admin),
        payload: { name: 'perimeter firewall', scope: 'feeds' },
      });
      assert.equal(made.statusCode, 201, made.body);
      assert.equal(made.json().scope, 'feeds');
      feedsOnly = made.json().token;
    });
    after(() => t.dispose());

    test('reads feeds, the MISP feed included', async () => {
      for (const url of [
        '/feeds/default/ipv4.txt',
        '/feeds/default/suricata.rules',
        '/feeds/misp/manifest.json',
      ]) {
        const r = await t.app.inject({ url, headers: bearer(feedsOnly) });
        assert.equal(r.statusCode, 200, `${url}: ${r.body}`);
      }
    });

    test('is refused everywhere else with ACCORD_TOKEN_SCOPE', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/objects'],
        ['GET', '/api/v1/feeds'],
        ['POST', '/api/v1/tokens'],
      ] as const) {
        const r = await t.app.inject({ method, url, headers: bearer(feedsOnly), payload: {} });
        assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
        assert.equal(r.json().error.code, 'ACCORD_TOKEN_SCOPE');
        assert.match(r.json().error.message, /\/feeds\//);
      }
      // TAXII answers in its own error shape (TAXII 2.1 §3.6.1), with the same status.
      const taxii = await t.app.inject({ url: '/taxii2/', headers: bearer(feedsOnly) });
      assert.equal(taxii.statusCode, 403, taxii.body);
      assert.match(taxii.body, /feeds/);
      const full = await t.app.inject({ url: '/api/v1/objects', headers: bearer(admin) });
      assert.equal(full.statusCode, 200);
    });

    test("the token list shows each token's scope", async () => {
      const r = await t.app.inject({ url: '/api/v1/tokens', headers: bearer(admin) });
      const scopes = r.json().items.map((i: { name: string; scope: string }) => `${i.name}:${i.scope}`);
      assert.ok(scopes.includes('perimeter firewall:feeds'), scopes.join(' '));
    });
  });
}

describe('accord token create --scope feeds', () => {
  const dir = tempDir();
  const args = ['--data', dir.path];
  after(() => dir.dispose());
  test('makes a feeds-only token; an unknown scope is a usage error', async () => {
    assert.equal((await runCli(['init', '--party', 'KZ', ...args])).code, 0);
    assert.equal(
      (await runCli(['user', 'add', 'fw', '--party', 'KZ', '--role', 'analyst', ...args])).code,
      0,
    );
    const r = await runCli(['token', 'create', 'fw', '--scope', 'feeds', '--json', ...args]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).scope, 'feeds');
    const bad = await runCli(['token', 'create', 'fw', '--scope', 'root', ...args]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--scope is all .* or feeds/);
  });
});
