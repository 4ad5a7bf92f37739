import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { classificationMarking } from '../../src/policy/index.js';
import { ACCORD_BIN, runCli } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const T = '2026-02-01T10:00:00.000Z';
const BUNDLE_ID = 'bundle--1b000000-0000-4000-8000-000000000000';

function indicator(i: number, name = `C2 ${i}`): Record<string, unknown> {
  const hex = i.toString(16).padStart(12, '0');
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${hex.slice(0, 8)}-0000-4000-8000-${hex}`,
    created: T,
    modified: T,
    name,
    pattern: `[ipv4-addr:value = '10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}']`,
    pattern_type: 'stix',
    valid_from: T,
  };
}

function writeBundle(path: string, objects: unknown[]): string {
  writeFileSync(path, JSON.stringify({ type: 'bundle', id: BUNDLE_ID, objects }, null, 1));
  return path;
}

interface Outcome {
  ok: boolean;
  created: number;
  unchanged: number;
  committed?: number;
  stoppedAt?: number;
  refused?: { index: number; status: string; errors: { path: string; message: string }[] }[];
}

for (const backend of BACKENDS) {
  describe(`accord import streams bundles larger than one batch, on ${backend.name}`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    const args = [
      '--data',
      dir.path,
      '--db',
      backend.name === 'sqlite' ? `sqlite:${dir.path}/a.sqlite` : store.url,
    ];
    const imp = async (...more: string[]) => {
      const r = await runCli(['import', '--json', ...more, ...args]);
      return { code: r.code, out: JSON.parse(r.stdout)[0] as Outcome, stderr: r.stderr };
    };
    before(async () => {
      assert.equal((await runCli(['init', '--party', 'KZ', ...args])).code, 0);
    });
    after(async () => {
      dir.dispose();
      await store.dispose();
    });

    test('one bad object deep in a 5,000-object bundle stores nothing, and is named', async () => {
      const objects = Array.from({ length: 5_000 }, (_, i) => indicator(i));
      (objects[4_321] as Record<string, unknown>).pattern = "[ipv4-addr:value = '10.0.0.1'";
      const r = await imp(writeBundle(join(dir.path, 'bad.json'), objects));
      assert.equal(r.code, 1);
      assert.equal(r.out.ok, false);
      assert.equal(r.out.created, 0);
      assert.equal(r.out.refused?.[0]?.index, 4_321);
      assert.match(r.out.refused?.[0]?.errors[0]?.path ?? '', /^\$\.objects\[4321\]\.pattern/);
      // Nothing was kept: a dry run of the good objects finds every one of them new.
      objects[4_321] = indicator(4_321);
      const good = writeBundle(join(dir.path, 'good.json'), objects);
      const dry = await imp('--dry-run', good);
      assert.deepEqual([dry.code, dry.out.created, dry.out.unchanged], [0, 5_000, 0]);
      const again = await imp('--dry-run', good);
      assert.equal(again.out.created, 5_000, 'the dry run stored nothing either');
    });

    test('a version held with other content, far apart in one bundle, is a conflict: nothing stored', async () => {
      const objects = Array.from({ length: 4_100 }, (_, i) => indicator(100_000 + i));
      objects.push(indicator(100_010, 'same id and version, other content'));
      const r = await imp(writeBundle(join(dir.path, 'conflict.json'), objects));
      assert.equal(r.code, 1);
      assert.deepEqual(
        r.out.refused?.map((e) => [e.index, e.status]),
        [[4_100, 'conflict']],
      );
      const dry = await imp('--dry-run', writeBundle(join(dir.path, 'c2.json'), objects.slice(0, 4_100)));
      assert.equal(dry.out.created, 4_100);
    });

    test('a classification defined early in the bundle still holds for objects in later batches', async () => {
      // The node is accredited for no classification: what this marking stamps is refused at the door.
      const secret = classificationMarking('KZ', 'Секретно');
      const marked = { ...indicator(203_000), object_marking_refs: [secret.id] };
      const objects = [secret, ...Array.from({ length: 3_000 }, (_, i) => indicator(200_000 + i)), marked];
      const r = await imp(writeBundle(join(dir.path, 'marked.json'), objects));
      assert.equal(r.code, 1);
      assert.deepEqual(
        r.out.refused?.map((e) => [e.index, e.status]),
        [[3_001, 'above-accreditation']],
      );
    });

    test('a classification defined after the objects it marks, batches later, still stops them at the door', async () => {
      const secret = classificationMarking('KZ', 'Секретно');
      const marked = { ...indicator(213_000), object_marking_refs: [secret.id] };
      const objects = [marked, ...Array.from({ length: 3_000 }, (_, i) => indicator(210_000 + i)), secret];
      const file = writeBundle(join(dir.path, 'marked-late.json'), objects);
      // Read again with the definition first, the marked object is judged as it would have been.
      const r = await imp(file);
      assert.equal(r.code, 1);
      assert.equal(r.out.created, 0);
      assert.deepEqual(
        r.out.refused?.map((e) => [e.index, e.status]),
        [[0, 'above-accreditation']],
      );
      // Batches commit as they go: the definition is read before the first one is stored.
      const batched = await imp('--batch', '1000', file);
      assert.equal(batched.code, 1);
      assert.deepEqual([batched.out.committed, batched.out.stoppedAt], [0, 0]);
      assert.deepEqual(
        batched.out.refused?.map((e) => [e.index, e.status]),
        [[0, 'above-accreditation']],
      );
    });

    test('a statement marking defined last, as MITRE publishes ATT&CK, is imported whole', async () => {
      const statement = {
        type: 'marking-definition',
        spec_version: '2.1',
        id: 'marking-definition--1b000000-0000-4000-8000-0000000000aa',
        created: T,
        definition_type: 'statement',
        definition: { statement: 'Copyright the maker; reuse under its terms.' },
      };
      const objects = [
        ...Array.from({ length: 3_000 }, (_, i) => ({
          ...indicator(220_000 + i),
          object_marking_refs: [statement.id],
        })),
        statement,
      ];
      const file = writeBundle(join(dir.path, 'statement-last.json'), objects);
      const r = await imp(file);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual([r.out.created, r.out.unchanged], [3_001, 0]);
      assert.match(r.stderr, /reading the file again/);
      const again = await imp('--batch', '1000', file);
      assert.equal(again.code, 0, again.stderr);
      assert.deepEqual([again.out.created, again.out.unchanged], [0, 3_001]);
    });

    test('--batch commits as it goes, stops at a refused batch, and --from resumes', async () => {
      const objects = Array.from({ length: 5_000 }, (_, i) => indicator(300_000 + i));
      (objects[2_500] as Record<string, unknown>).valid_from = 'yesterday';
      const file = writeBundle(join(dir.path, 'batched.json'), objects);
      const r = await imp('--batch', '1000', file);
      assert.equal(r.code, 1);
      assert.deepEqual([r.out.committed, r.out.stoppedAt, r.out.created], [2_000, 2_000, 2_000]);
      assert.equal(r.out.refused?.[0]?.index, 2_500);
      objects[2_500] = indicator(302_500);
      writeBundle(file, objects);
      const resumed = await imp('--batch', '1000', '--from', '2000', file);
      assert.equal(resumed.code, 0);
      assert.deepEqual([resumed.out.created, resumed.out.unchanged], [3_000, 0]);
      const all = await imp('--dry-run', file);
      assert.deepEqual([all.out.created, all.out.unchanged], [0, 5_000]);
    });

    test('usage errors: --from without --batch, and a batch that is not a count', async () => {
      assert.equal((await runCli(['import', 'x.json', '--from', '3', ...args])).code, 2);
      assert.equal((await runCli(['import', 'x.json', '--batch', '0', ...args])).code, 2);
      assert.equal((await runCli(['import', 'x.json', '--batch', 'ten', ...args])).code, 2);
    });
  });
}

describe('accord import of a large bundle in bounded memory', () => {
  const dir = tempDir();
  after(() => dir.dispose());
  const N = 200_000;

  test(`${N.toLocaleString('en')} indicators streamed from a file, resident memory well under the file's parsed size`, async () => {
    const file = join(dir.path, 'large.json');
    // Written object by object: the test itself never holds the bundle.
    const out = createWriteStream(file);
    out.write(`{"type":"bundle","id":"${BUNDLE_ID}","objects":[\n`);
    for (let i = 0; i < N; i++) {
      const more = out.write(`${i ? ',\n' : ''}${JSON.stringify(indicator(i))}`);
      if (!more) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    await new Promise<void>((r) => out.end(']}\n', () => r()));
    const rss = join(dir.path, 'rss.cjs');
    writeFileSync(
      rss,
      "process.on('exit', () => process.stderr.write('maxrss ' + process.resourceUsage().maxRSS + '\\n'));\n",
    );
    assert.equal(
      spawnSync(process.execPath, [ACCORD_BIN, 'init', '--party', 'KZ', '--data', dir.path]).status,
      0,
    );
    const r = spawnSync(
      process.execPath,
      ['--require', rss, ACCORD_BIN, 'import', '--json', file, '--data', dir.path],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const outcome = JSON.parse(r.stdout)[0] as Outcome;
    assert.equal(outcome.created, N);
    const kb = Number(/maxrss (\d+)/.exec(r.stderr)?.[1]);
    // Read whole, the ~68 MB text and all 200,000 parsed objects would be held at once.
    assert.ok(kb > 0 && kb < 350 * 1024, `peak resident ${Math.round(kb / 1024)} MB`);
  });
});
