import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, test } from 'node:test';
import { pino } from 'pino';
import { buildApp } from '../../src/http/app.js';
import { cacheSlot } from '../../src/node/caches.js';
import { cursorSeal } from '../../src/node/cursor-seal.js';
import { initNode } from '../../src/node/node.js';
import { tempDir } from '../helpers/stores.js';

/** A pino logger writing its lines into an array, so a test reads what an operator would. */
function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('caches and the logger are held by the node', () => {
  test('each node has its own caches, filled on use and dropped on close', async () => {
    const a = tempDir();
    const b = tempDir();
    const { node: kz } = await initNode({ data: a.path, db: `sqlite:${a.path}/a.sqlite` }, { party: 'KZ' });
    const { node: by } = await initNode({ data: b.path, db: `sqlite:${b.path}/b.sqlite` }, { party: 'BY' });
    try {
      const counter = cacheSlot('counter', () => ({ n: 0 }));
      kz.caches.get(counter).n++;
      kz.caches.get(counter).n++;
      assert.equal(kz.caches.get(counter).n, 2);
      assert.equal(by.caches.get(counter).n, 0, 'another node in the same process starts empty');

      const seal = await cursorSeal(kz);
      assert.equal(await cursorSeal(kz), seal, 'the cursor key is read once per node');
      assert.ok(kz.caches.names().includes('cursor seal'));
    } finally {
      await kz.close();
      await by.close();
      a.dispose();
      b.dispose();
    }
    assert.deepEqual(kz.caches.names(), [], 'closing the node drops what it cached');
  });

  test('the HTTP server logs through the node’s logger, tagged with the node', async () => {
    const dir = tempDir();
    const { log, lines } = capturedLogger();
    const { node } = await initNode(
      { data: dir.path, db: `sqlite:${dir.path}/a.sqlite`, log },
      { party: 'KZ', nodeId: 'accord-kz' },
    );
    const app = await buildApp(node, { webRoot: false });
    try {
      node.log.info('from the node');
      const r = await app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(r.statusCode, 200);
      assert.ok(lines.some((l) => l.msg === 'from the node' && l.node === 'accord-kz'));
      const completed = lines.find((l) => l.msg === 'request completed');
      assert.ok(completed, 'Fastify’s request log went to the node’s logger');
      assert.equal(completed.node, 'accord-kz');
    } finally {
      await app.close();
      await node.close();
      dir.dispose();
    }
  });
});
