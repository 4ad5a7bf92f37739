import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { type AccordNode, openNode } from '../../src/node/node.js';
import { hashPassword } from '../../src/node/passwords.js';
import { addUser } from '../../src/store/index.js';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const PASSWORD = 'correct horse battery';

// Two node instances opened on one store stand for two `accord serve` processes behind one
// proxy: what one of them learns about sign-ins, the other must know.
for (const backend of BACKENDS) {
  describe(`sign-ins are shared by every process on one store (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    let first: TestNode;
    let second: { node: AccordNode; app: FastifyInstance };
    before(async () => {
      first = await startTestNode(backend, 'KZ', { data: dir.path, db: store.url });
      await addUser(first.node.store.db, {
        party: 'KZ',
        name: 'aigerim',
        role: 'liaison',
        passwordHash: await hashPassword(PASSWORD),
      });
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

    const login = (app: FastifyInstance, password: string, ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/session',
        payload: { name: 'aigerim', password },
        remoteAddress: ip,
      });

    test('failures spread over two processes add up to one limit', async () => {
      const ip = '10.20.30.40';
      for (let i = 0; i < 10; i++) {
        const app = i % 2 === 0 ? first.app : second.app;
        assert.equal((await login(app, 'guess guess guess', ip)).statusCode, 401);
      }
      for (const app of [first.app, second.app]) {
        const r = await login(app, PASSWORD, ip);
        assert.equal(r.statusCode, 429, 'each process refuses after ten failures made across both');
        assert.ok(Number(r.headers['retry-after']) > 0);
      }
      assert.equal((await login(second.app, PASSWORD, '10.20.30.41')).statusCode, 200);
    });

    test('a session made by one process is honoured, and ended, by the other', async () => {
      const r = await login(first.app, PASSWORD, '10.20.30.50');
      assert.equal(r.statusCode, 200, r.body);
      const cookie = String([r.headers['set-cookie']].flat()[0]).split(';')[0]!;
      const csrf = r.json().csrf_token as string;
      const me = await second.app.inject({ url: '/api/v1/session', headers: { cookie } });
      assert.equal(me.statusCode, 200, me.body);
      assert.equal(me.json().user.name, 'aigerim');

      const out = await second.app.inject({
        method: 'DELETE',
        url: '/api/v1/session',
        headers: { cookie, 'x-csrf-token': csrf },
      });
      assert.equal(out.statusCode, 204);
      const gone = await first.app.inject({ url: '/api/v1/objects', headers: { cookie } });
      assert.equal(gone.statusCode, 401, 'signed out in one process is signed out in all');
    });
  });
}
