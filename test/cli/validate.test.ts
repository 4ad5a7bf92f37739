import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

const dir = tempDir();
after(() => dir.dispose());

const good = {
  type: 'indicator',
  spec_version: '2.1',
  id: 'indicator--a932fcc6-e032-476c-826f-cb970a5a1ade',
  created: '2024-01-01T00:00:00.000Z',
  modified: '2024-01-01T00:00:00.000Z',
  pattern: "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
  pattern_type: 'stix',
  valid_from: '2024-01-01T00:00:00Z',
};

// Each way of breaking an object, and the path accord validate must name.
const BROKEN: [string, Record<string, unknown>, string][] = [
  ['missing pattern', { pattern: undefined }, '$.pattern'],
  ['id of another type', { id: 'malware--a932fcc6-e032-476c-826f-cb970a5a1ade' }, '$.id'],
  ['timestamp without zone', { created: '2024-01-01T00:00:00' }, '$.created'],
  ['modified before created', { modified: '2023-01-01T00:00:00.000Z' }, '$.modified'],
  ['wrong spec_version', { spec_version: '2.0' }, '$.spec_version'],
  [
    'created_by_ref to a malware',
    { created_by_ref: 'malware--a932fcc6-e032-476c-826f-cb970a5a1ade' },
    '$.created_by_ref',
  ],
  ['bad custom property name', { 'X-Bad': 1 }, "$['X-Bad']"],
  ['confidence out of range', { confidence: 101 }, '$.confidence'],
  ['pattern that does not parse', { pattern: '[file:name MATCHES /x/]' }, '$.pattern'],
  [
    'granular marking selector that does not resolve',
    {
      granular_markings: [
        { marking_ref: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da', selectors: ['nothing'] },
      ],
    },
    '$.granular_markings[0].selectors[0]',
  ],
];

test('a valid object validates with exit 0', async () => {
  const f = join(dir.path, 'good.json');
  writeFileSync(f, JSON.stringify(good));
  const r = await runCli(['validate', f]);
  assert.equal(r.code, 0, r.stdout);
  assert.match(r.stdout, /valid \(1 object\)/);
});

for (const [what, change, path] of BROKEN) {
  test(`${what}: exit 1 and the path ${path}`, async () => {
    const f = join(dir.path, `${what.replace(/\W+/g, '-')}.json`);
    writeFileSync(f, JSON.stringify({ ...good, ...change }));
    const r = await runCli(['validate', '--json', f]);
    assert.equal(r.code, 1);
    const [report] = JSON.parse(r.stdout);
    assert.ok(
      report.errors.some((e: { path: string }) => e.path === path),
      `expected an error at ${path}, got ${JSON.stringify(report.errors)}`,
    );
  });
}

test('a file that is not JSON is reported with its line and column', async () => {
  const f = join(dir.path, 'broken.json');
  writeFileSync(f, '{\n  "type": "indicator",\n  "id": \n}');
  const r = await runCli(['validate', f]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /line 4, column 1/);
});

test('no file is a usage error (exit 2)', async () => {
  assert.equal((await runCli(['validate'])).code, 2);
});
