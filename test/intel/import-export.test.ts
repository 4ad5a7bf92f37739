import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { defaultAgreement } from '../../src/agreement/index.js';
import { publishedDefinitionObjects } from '../../src/exchange/definitions.js';
import { importStix } from '../../src/node/ingest.js';
import { initNode } from '../../src/node/node.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { canonicalJson } from '../../src/stix/canonical.js';
import { lowerCaseIds } from '../../src/stix/id-case.js';
import { SCO_TYPES } from '../../src/stix/types.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const SHARED = new URL('../../../shared/conformance/', import.meta.url).pathname;
const FILES = ['stix-examples', 'stix-objects'].flatMap((d) =>
  readdirSync(join(SHARED, d))
    .filter((f) => f.endsWith('.json'))
    .map((f) => join(SHARED, d, f)),
);

function objectsOf(doc: { type?: string; objects?: unknown[] }): unknown[] {
  return doc.type === 'bundle' ? (doc.objects ?? []) : [doc];
}

const PUBLISHED = new Set(publishedDefinitionObjects(defaultAgreement()).map((o) => canonicalJson(o)));
const notPublished = (o: unknown) => !PUBLISHED.has(canonicalJson(o));

function canonicalSet(objects: unknown[]): string[] {
  return [...new Set(objects.map((o) => canonicalJson(o)))].sort();
}

test('there are conformance files to check', () => {
  assert.ok(FILES.length >= 39, `found ${FILES.length} files under ${SHARED}`);
});

test('every conformance file validates with accord validate', async () => {
  const r = await runCli(['validate', '--json', ...FILES]);
  const reports = JSON.parse(r.stdout) as { file: string; ok: boolean; errors: unknown[] }[];
  const bad = reports.filter((x) => !x.ok);
  assert.deepEqual(bad, [], 'files that did not validate');
  assert.equal(r.code, 0);
});

for (const backend of BACKENDS) {
  describe(`import → export → re-import on ${backend.name}`, () => {
    const dirs = [tempDir(), tempDir()];
    const stores = [backend.fresh(), backend.fresh()];
    const node = (i: number) => [
      '--data',
      dirs[i]!.path,
      '--db',
      backend.name === 'sqlite' ? `sqlite:${dirs[i]!.path}/a.sqlite` : stores[i]!.url,
    ];

    before(async () => {
      for (const i of [0, 1]) {
        const r = await runCli(['init', '--party', 'KZ', ...node(i)]);
        assert.equal(r.code, 0, r.stderr);
      }
    });
    after(async () => {
      for (const s of stores) await s.dispose();
      for (const d of dirs) d.dispose();
    });

    test('every conformance file imports, exports and re-imports unchanged after canonicalisation', async () => {
      const expected = new Set<string>();
      for (const file of FILES) {
        const r = await runCli(['import', '--json', ...node(0), file]);
        assert.equal(r.code, 0, `${file}: ${r.stdout}${r.stderr}`);
        // The import stores ids in lower case (one OASIS example spells one in upper case).
        // An object of a 2.0-style bundle leaves with the spec_version it was read as (2.1):
        // a 2.1 bundle has none of its own to speak for it.
        const objects = objectsOf(JSON.parse(readFileSync(file, 'utf8')))
          .map((o) => lowerCaseIds(o).value as Record<string, unknown>)
          .map((o) =>
            o.spec_version || SCO_TYPES.has(o.type as string) ? o : { ...o, spec_version: '2.1' },
          );
        for (const c of canonicalSet(objects)) expected.add(c);
      }
      const first = await runCli(['export', '--all-versions', ...node(0)]);
      assert.equal(first.code, 0, first.stderr);
      const exported = JSON.parse(first.stdout);
      assert.equal('spec_version' in exported, false, 'a STIX 2.1 bundle has no spec_version');
      // Beside what was imported, the export carries the definitions Accord publishes that
      // those objects name (the TLP 2.0 markings), so every such reference resolves.
      assert.deepEqual(canonicalSet(exported.objects.filter(notPublished)), [...expected].sort());

      const file = join(dirs[1]!.path, 'export.json');
      writeFileSync(file, first.stdout);
      const re = await runCli(['import', ...node(1), file]);
      assert.equal(re.code, 0, re.stdout + re.stderr);
      const second = JSON.parse((await runCli(['export', '--all-versions', ...node(1)])).stdout);
      assert.deepEqual(canonicalSet(second.objects.filter(notPublished)), [...expected].sort());
    });

    test('importing the same file again stores nothing new', async () => {
      const r = await runCli(['import', '--json', ...node(0), FILES[0]!]);
      assert.equal(r.code, 0);
      const [outcome] = JSON.parse(r.stdout);
      assert.equal(outcome.created, 0);
      assert.ok(outcome.unchanged > 0);
    });
  });
}

describe('a bundle with one bad object among a thousand good ones', () => {
  const dir = tempDir();
  const args = ['--data', dir.path];
  const file = join(dir.path, 'bundle.json');
  before(async () => {
    assert.equal((await runCli(['init', '--party', 'BY', ...args])).code, 0);
    const objects = Array.from({ length: 1001 }, (_, i) => ({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
      created: '2024-05-01T10:00:00.000Z',
      modified: '2024-05-01T10:00:00.000Z',
      pattern: `[ipv4-addr:value = '198.51.${i % 256}.${i >> 8}']`,
      pattern_type: 'stix',
      valid_from: '2024-05-01T10:00:00Z',
    }));
    (objects[637] as Record<string, unknown>).modified = '2023-01-01T00:00:00.000Z';
    writeFileSync(
      file,
      JSON.stringify({ type: 'bundle', id: 'bundle--6f3b3d2c-1a2b-4c3d-8e4f-5a6b7c8d9e0f', objects }),
    );
  });
  after(() => dir.dispose());

  test('stores nothing and names the bad one', async () => {
    const r = await runCli(['import', '--json', ...args, file]);
    assert.equal(r.code, 1);
    const [outcome] = JSON.parse(r.stdout);
    assert.equal(outcome.ok, false);
    assert.deepEqual(
      outcome.refused.map((e: { index: number }) => e.index),
      [637],
    );
    assert.match(outcome.refused[0].errors[0].path, /^\$\.objects\[637\]\.modified$/);
    const exported = JSON.parse((await runCli(['export', ...args])).stdout);
    assert.equal(exported.objects.length, 0);
  });

  test('the text report says which object and where', async () => {
    const r = await runCli(['import', ...args, file]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /nothing stored — 1 of 1001 objects refused/);
    assert.match(r.stdout, /\$\.objects\[637\]\.modified/);
  });
});

for (const backend of BACKENDS) {
  describe(`an object held by several Parties, exported (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    const T = '2026-01-10T08:00:00.000Z';
    const shared = {
      type: 'attack-pattern',
      spec_version: '2.1',
      id: 'attack-pattern--0f000000-0000-4000-8000-000000000001',
      created: T,
      modified: T,
      name: 'Spearphishing Attachment',
      object_marking_refs: [TLP2_IDS.clear],
    };
    before(async () => {
      const { node } = await initNode({ data: dir.path, db: store.url }, { party: 'KZ' });
      try {
        const bundle = (objects: object[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
        // The same text from KZ and from BY, as a shared sample reaches every node; and KG's
        // copy of another object that differs from KZ's.
        const differs = { ...shared, id: 'attack-pattern--0f000000-0000-4000-8000-000000000002' };
        for (const [party, objects] of [
          ['KZ', [shared, differs]],
          ['BY', [shared]],
          ['KG', [{ ...differs, name: 'Spearphishing Link' }]],
        ] as const) {
          const r = await importStix(node, { party, sourceNode: 'test' }, bundle([...objects]));
          assert.ok(r.ok, JSON.stringify(r.errors));
        }
      } finally {
        await node.close();
      }
    });
    after(async () => {
      await store.dispose();
      dir.dispose();
    });

    test('identical copies leave once; copies that differ leave each', async () => {
      const r = await runCli(['export', '--data', dir.path, '--db', store.url]);
      assert.equal(r.code, 0, r.stderr);
      const objects = (JSON.parse(r.stdout) as { objects: { id: string; name?: string }[] }).objects;
      assert.deepEqual(
        objects.filter((o) => o.id === shared.id).map((o) => o.name),
        ['Spearphishing Attachment'],
      );
      assert.deepEqual(
        objects
          .filter((o) => o.id === 'attack-pattern--0f000000-0000-4000-8000-000000000002')
          .map((o) => o.name)
          .sort(),
        ['Spearphishing Attachment', 'Spearphishing Link'],
      );
    });
  });
}
