// A token's verdict is kept in memory for a moment (src/http/token-verdicts.ts), so that a
// firewall asking many times a second does not cost two queries each time. What must hold
// anyway: a revocation, a disabled user or a new role made through this node counts on the
// very next request, and one made by another process on the same store within
// TOKEN_VERDICT_TTL_MS.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { TOKEN_VERDICT_TTL_MS } from '../../src/http/token-verdicts.js';
import { type AccordNode, openNode } from '../../src/node/node.js';
import { addUser, createToken, revokeToken, updateUser } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

let n = 0;

for (const backend of BACKENDS) {
  describe(`token verdicts kept in memory (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    let first: TestNode;
    // A second node on the same store stands for another `accord serve` process.
    let second: { node: AccordNode; app: FastifyInstance };
    let adminToken: string;
    before(async () => {
      first = await startTestNode(backend, 'KZ', { data: dir.path, db: store.url });
      const admin = await addUser(first.node.store.db, { party: 'KZ', name: 'tv-admin', role: 'admin' });
      adminToken = (await createToken(first.node.store.db, admin, 'test')).token;
      const node = await openNode({ data: dir.path, db: store.url });
      second = { node, app: await buildApp(node, { webRoot: false }) };
    });
    after(async () => {
      await second.app.close();
      await second.node.close();
      await first.dispose();
      await store.dispose();
      dir.dispose();
    });

    const get = (app: FastifyInstance, token: string, url = '/api/v1/objects') =>
      app.inject({ url, headers: bearer(token) });

    async function freshUser(role: 'analyst' | 'admin' = 'analyst') {
      const user = await addUser(first.node.store.db, { party: 'KZ', name: `tv-${++n}`, role });
      const { token, info } = await createToken(first.node.store.db, user, 'script');
      // Used on both nodes first, so that each holds a verdict for it.
      assert.equal((await get(first.app, token)).statusCode, 200);
      assert.equal((await get(second.app, token)).statusCode, 200);
      return { user, token, tokenId: info.id };
    }

    /** Polls until `check` holds, for at most the documented bound and a margin; returns the wait. */
    async function within(what: string, check: () => Promise<boolean>): Promise<number> {
      const t0 = Date.now();
      const until = t0 + TOKEN_VERDICT_TTL_MS + 2_000;
      while (!(await check())) {
        if (Date.now() > until) throw new Error(`${what}: not within ${TOKEN_VERDICT_TTL_MS} ms`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return Date.now() - t0;
    }

    test('a token revoked in the store is refused at once by this node, and soon by the other', async () => {
      const { token, tokenId } = await freshUser();
      await revokeToken(first.node.store.db, tokenId);
      const r = await get(first.app, token);
      assert.equal(r.statusCode, 401, 'the node that revoked it refuses it on the next request');
      assert.match(r.json().error.message, /revoked/);
      await within('the other process refuses the revoked token', async () => {
        return (await get(second.app, token)).statusCode === 401;
      });
    });

    test('a disabled user is refused at once, through the API that disabled them', async () => {
      const { user, token } = await freshUser();
      const off = await first.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: bearer(adminToken),
        payload: { disabled: true },
      });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal((await get(first.app, token)).statusCode, 401);
      await within('the other process refuses the disabled user', async () => {
        return (await get(second.app, token)).statusCode === 401;
      });
    });

    test('a user disabled in the store without revoking their tokens is refused at once too', async () => {
      const { user, token } = await freshUser();
      await updateUser(first.node.store.db, user.id, { disabled: true });
      assert.equal((await get(first.app, token)).statusCode, 401);
      await within('the other process refuses the disabled user', async () => {
        return (await get(second.app, token)).statusCode === 401;
      });
    });

    test('an administrator demoted is no longer one on the next request', async () => {
      const { user, token } = await freshUser('admin');
      assert.equal((await get(first.app, token, '/api/v1/users')).statusCode, 200);
      await updateUser(first.node.store.db, user.id, { role: 'analyst' });
      assert.equal((await get(first.app, token, '/api/v1/users')).statusCode, 403);
    });
  });
}
