import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { keyFingerprint } from '../../src/federation/peering/health.js';
import { addUser, createToken, listAudit } from '../../src/store/index.js';
import { recordPeerFailure } from '../../src/store/peers-repo.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

/** A fresh Ed25519 key pair as JWKs: the public one to pin, the private one to refuse. */
function keyPair(): { pub: Record<string, unknown>; priv: Record<string, unknown> } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    pub: publicKey.export({ format: 'jwk' }) as Record<string, unknown>,
    priv: privateKey.export({ format: 'jwk' }) as Record<string, unknown>,
  };
}

interface PeerJson {
  node_id: string;
  party: string;
  url: string | null;
  fingerprint: string;
  health: { state: string; failures?: number; last_error?: string; reason?: string };
}

for (const backend of BACKENDS) {
  describe(`administration: peers (${backend.name})`, () => {
    let t: TestNode;
    let adminToken: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const admin = await addUser(t.node.store.db, { party: 'KZ', name: 'peer-admin', role: 'admin' });
      adminToken = (await createToken(t.node.store.db, admin, 'test')).token;
    });
    after(() => t.dispose());

    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, token = adminToken) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });
    const list = async () => (await call('GET', '/peers')).json().items as PeerJson[];

    test('only an administrator sees and changes peers', async () => {
      for (const role of ['analyst', 'liaison'] as const) {
        const token = await t.tokenFor('KZ', role);
        assert.equal((await call('GET', '/peers', undefined, token)).statusCode, 403);
        assert.equal((await call('POST', '/peers', { junk: 1 }, token)).statusCode, 403);
        assert.equal((await call('DELETE', '/peers/accord-by', undefined, token)).statusCode, 403);
      }
    });

    test('a peer added appears with its fingerprint and health; removed, it disappears', async () => {
      const { pub } = keyPair();
      const r = await call('POST', '/peers', {
        key: pub,
        url: 'http://127.0.0.1:9',
        party: 'BY',
        node_id: 'accord-by',
      });
      assert.equal(r.statusCode, 201, r.body);
      const added = r.json() as PeerJson;
      assert.equal(added.fingerprint, keyFingerprint(pub));
      assert.deepEqual(added.health, { state: 'not-yet-contacted' });
      const shown = (await list()).find((p) => p.node_id === 'accord-by');
      assert.deepEqual(shown, added);

      await recordPeerFailure(t.node.store.db, 'accord-by', 'connect ECONNREFUSED 127.0.0.1:9');
      const failing = (await list()).find((p) => p.node_id === 'accord-by')!;
      assert.equal(failing.health.state, 'failing');
      assert.equal(failing.health.failures, 1);
      assert.match(failing.health.last_error!, /ECONNREFUSED/);

      const del = await call('DELETE', '/peers/accord-by');
      assert.equal(del.statusCode, 204);
      assert.ok(!(await list()).some((p) => p.node_id === 'accord-by'));
      assert.equal((await call('DELETE', '/peers/accord-by')).statusCode, 404);
    });

    test("takes the peer's init output as accord peer add does, and shows each health state", async () => {
      const tj = keyPair();
      const init = { node_id: 'accord-tj', party: 'TJ', public_key: tj.pub, fingerprint: 'ignored' };
      const relay = await call('POST', '/peers', { key: init, relay_only: true });
      assert.equal(relay.statusCode, 201, relay.body);
      assert.equal(relay.json().url, null);
      assert.deepEqual(relay.json().health, { state: 'relay-only' });
      // AM has signed only: the Agreement is not in force for it, so nothing is exchanged.
      const am = await call('POST', '/peers', {
        key: keyPair().pub,
        url: 'https://am.example',
        party: 'AM',
        node_id: 'accord-am',
      });
      assert.equal(am.json().health.state, 'suspended');
      assert.match(am.json().health.reason, /not in force for AM/);
      const again = await call('POST', '/peers', { key: init, relay_only: true });
      assert.equal(again.statusCode, 409);
    });

    test('bad input is a 400 that names the member at fault', async () => {
      const { pub, priv } = keyPair();
      const base = { key: pub, url: 'http://127.0.0.1:9', party: 'KG', node_id: 'accord-kg' };
      const cases: [object, string][] = [
        [{ ...base, key: priv }, '$.key'],
        [{ ...base, key: { kty: 'RSA' } }, '$.key'],
        [{ ...base, url: 'ftp://x' }, '$.url'],
        [{ ...base, relay_only: true }, '$.url'],
        [{ key: pub, party: 'KG', node_id: 'accord-kg' }, '$.url'],
        [{ ...base, party: 'kg' }, '$.party'],
        [{ key: pub, url: base.url, node_id: 'accord-kg' }, '$.party'],
        [{ key: pub, url: base.url, party: 'KG' }, '$.node_id'],
        [{ ...base, node_id: 'has space' }, '$.node_id'],
        [{ ...base, key: { node_id: 'accord-kg', party: 'BY', public_key: pub } }, '$.party'],
        [{ ...base, key: 'not an object' }, '$.key'],
      ];
      for (const [body, path] of cases) {
        const r = await call('POST', '/peers', body);
        assert.equal(r.statusCode, 400, `${JSON.stringify(body)}: ${r.body}`);
        assert.equal(r.json().error.details[0].path, path, r.body);
      }
      const self = await call('POST', '/peers', { ...base, node_id: t.node.settings.nodeId });
      assert.equal(self.statusCode, 400);
      assert.match(self.json().error.message, /itself/);
      assert.ok(!(await list()).some((p) => p.node_id === 'accord-kg'), 'nothing was pinned');
      assert.equal((await call('DELETE', '/peers/has%20space')).statusCode, 400);
    });

    test('adding and removing peers is audited with the key fingerprint', async () => {
      const added = await listAudit(t.node.store.db, { action: 'admin.peer.added', limit: 100 });
      const by = added.find((e) => (e.subject as { id: string }).id === 'accord-by')!;
      assert.equal((by.actor as { id: string }).id, 'peer-admin');
      assert.match((by.details as { fingerprint: string }).fingerprint, /^[0-9a-f]{32}$/);
      const removed = await listAudit(t.node.store.db, { action: 'admin.peer.removed', limit: 100 });
      assert.equal(removed.length, 1);
    });
  });
}
