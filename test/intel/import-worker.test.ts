// A large import reads and validates on a worker thread while this one writes
// (import-in-worker.ts). What it decides must be exactly what the same import decides on one
// thread: every document here is imported both ways, on a fresh node each, and the two
// results (or the two errors) must be equal — and right.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { importBundleStream, type StreamImportOptions } from '../../src/intel/import-stream.js';
import { WarninglistMatcher } from '../../src/intel/warninglists/matcher.js';
import { loadWarninglists, useWarninglists } from '../../src/intel/warninglists/service.js';
import { classificationMarking } from '../../src/policy/index.js';
import { countObjects } from '../../src/store/index.js';
import { startTestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

const T = '2026-02-01T10:00:00.000Z';
const BUNDLE = 'bundle--1c000000-0000-4000-8000-000000000000';

function indicator(i: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`,
    created: T,
    modified: T,
    pattern: `[ipv4-addr:value = '198.51.${(i >> 8) & 255}.${i & 255}']`,
    pattern_type: 'stix',
    valid_from: T,
    ...extra,
  };
}

const many = (n: number) => Array.from({ length: n }, (_, i) => indicator(i));

/** The text in chunks of 64 KiB, as a socket or a file would hand it over. */
async function* chunked(text: string, failAfter?: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += 1 << 16) {
    if (failAfter !== undefined && at >= failAfter) throw new Error('the client went away');
    yield bytes.subarray(at, at + (1 << 16));
  }
}

type Outcome =
  | { result: unknown; stored: number }
  | { error: { name: string; code?: string; message: string } };

for (const backend of BACKENDS) {
  describe(`an import read on a worker decides as one read here, on ${backend.name}`, () => {
    const nodes: Awaited<ReturnType<typeof startTestNode>>[] = [];
    after(async () => {
      for (const n of nodes) await n.dispose();
    });

    async function once(
      text: string,
      worker: boolean,
      opts: Partial<StreamImportOptions>,
      failAfter?: number,
    ) {
      const n = await startTestNode(backend);
      nodes.push(n);
      try {
        const result = await importBundleStream(
          n.node,
          { party: 'KZ', sourceNode: 'test' },
          chunked(text, failAfter),
          {
            what: 'the file',
            worker,
            ...opts,
          },
        );
        return { result, stored: await countObjects(n.node.store.db) } satisfies Outcome;
      } catch (e) {
        const err = e as Error & { code?: string };
        return { error: { name: err.name, ...(err.code ? { code: err.code } : {}), message: err.message } };
      }
    }

    /** Imports the text both ways and returns the one outcome they agree on. */
    async function both(
      text: string,
      opts: Partial<StreamImportOptions> = {},
      failAfter?: number,
    ): Promise<Outcome> {
      const here = await once(text, false, opts, failAfter);
      const there = await once(text, true, opts, failAfter);
      if ('result' in here && 'result' in there) {
        // Read here on the main thread, there on another; in all else the same.
        assert.equal((here.result as { readOnThread: number }).readOnThread, 0);
        assert.notEqual((there.result as { readOnThread: number }).readOnThread, 0);
        (there.result as { readOnThread: number }).readOnThread = 0;
      }
      assert.deepEqual(there, here);
      return here;
    }

    const bundle = (objects: unknown[], head: Record<string, unknown> = { spec_version: '2.1' }) =>
      JSON.stringify({ type: 'bundle', id: BUNDLE, ...head, objects }, null, 1);

    test('a bundle of several batches is stored whole, warninglisted values named alike', async () => {
      const objects = many(5000);
      objects[4500] = indicator(4500, { pattern: "[ipv4-addr:value = '127.0.0.1']" });
      const o = await both(bundle(objects));
      assert.ok('result' in o);
      const r = o.result as { ok: boolean; created: number; warninglisted: { index: number }[] };
      assert.equal(r.ok, true);
      assert.equal(r.created, 5000);
      assert.equal(o.stored, 5000);
      assert.deepEqual(
        r.warninglisted.map((w) => w.index),
        [4500],
      );
    });

    test('one invalid object in the third batch: nothing stored, the same object named', async () => {
      const objects = many(5000);
      objects[4321] = indicator(4321, { pattern: "[ipv4-addr:value = '198.51.0.1'" });
      const o = await both(bundle(objects));
      assert.ok('result' in o);
      const r = o.result as { ok: boolean; report: { index: number; errors: { path: string }[] }[] };
      assert.equal(r.ok, false);
      assert.equal(o.stored, 0);
      assert.equal(r.report[0]?.index, 4321);
      assert.match(r.report[0]!.errors[0]!.path, /^\$\.objects\[4321\]\.pattern/);
    });

    test('a 2.0-style bundle whose spec_version comes after its objects lends it to every batch', async () => {
      const objects = many(4100).map(({ spec_version: _s, ...o }) => o);
      const text = `{"type":"bundle","id":"${BUNDLE}","objects":${JSON.stringify(objects)},"spec_version":"2.1"}`;
      const o = await both(text);
      assert.ok('result' in o);
      assert.equal((o.result as { ok: boolean }).ok, true);
      assert.equal(o.stored, 4100);
    });

    test('broken JSON in a late object: the same 400, with its line and column', async () => {
      const text = bundle(many(4200)).replace("198.51.16.10'", "198.51.16.10\u0001'");
      const o = await both(text);
      assert.ok('error' in o);
      assert.equal(o.error.code, 'ACCORD_BAD_REQUEST');
      assert.match(o.error.message, /\$\.objects\[4106\].*line \d+, column \d+/);
    });

    test('batches commit on their own and stop at the refused one; --from resumes the same way', async () => {
      const objects = many(4000);
      objects[3200] = indicator(3200, { valid_from: 'yesterday' });
      const o = await both(bundle(objects), { commitEvery: 1500 });
      assert.ok('result' in o);
      const r = o.result as { committed: number; stoppedAt: number };
      assert.equal(r.committed, 3000);
      assert.equal(r.stoppedAt, 3000);
      assert.equal(o.stored, 3000);
      const resumed = await both(bundle(many(4000)), { commitEvery: 1500, from: 3000 });
      assert.ok('result' in resumed);
      assert.equal((resumed.result as { created: number }).created, 1000);
    });

    test('a classification defined batches after the objects it marks is refused, and handed back', async () => {
      const md = classificationMarking('KZ', 'secret');
      const objects: unknown[] = many(4500);
      objects[10] = indicator(10, { object_marking_refs: [md.id] });
      objects.push(md);
      const o = await both(bundle(objects));
      assert.ok('result' in o);
      const r = o.result as { ok: boolean; lateMarkings: { id: string }[]; errors: { code: string }[] };
      assert.equal(r.ok, false);
      assert.deepEqual(
        r.lateMarkings.map((m) => m.id),
        [md.id],
      );
      assert.equal(r.errors[0]?.code, 'marking-after-use');
    });

    test('lists changed on a node between two imports are the lists the worker uses', async () => {
      const n = await startTestNode(backend);
      nodes.push(n);
      const objects = many(3000);
      objects[2999] = indicator(2999, { pattern: "[domain-name:value = 'flagged.unlisted-host.info']" });
      const run = async () =>
        importBundleStream(n.node, { party: 'KZ', sourceNode: 'test' }, chunked(bundle(objects)), {
          what: 'the file',
          worker: true,
          dryRun: true,
        });
      const before = await run();
      assert.deepEqual(before.warninglisted, []);
      useWarninglists(
        n.node,
        new WarninglistMatcher([
          ...loadWarninglists({ dir: null }).lists,
          {
            id: 'ours',
            name: 'Our own benign hosts',
            version: 1,
            description: '',
            type: 'hostname',
            list: ['unlisted-host.info'],
            matchingAttributes: [],
          },
        ]),
      );
      const after = await run();
      assert.notEqual(after.readOnThread, 0);
      assert.deepEqual(
        after.warninglisted.map((w) => [w.index, w.warninglist.map((h) => h.id)]),
        [[2999, ['ours']]],
      );
    });

    test('a source that fails mid-way fails the import, and the next import on a worker still works', async () => {
      const o = await both(bundle(many(5000)), {}, 300_000);
      assert.ok('error' in o);
      assert.equal(o.error.message, 'the client went away');
      const again = await once(bundle(many(3000)), true, {});
      assert.ok('result' in again);
      assert.equal(again.stored, 3000);
      assert.notEqual((again.result as { readOnThread: number }).readOnThread, 0);
    });
  });
}
