import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main.js';

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'accord-pattern-'));
const bundle = join(dir, 'bundle.json');
writeFileSync(
  bundle,
  JSON.stringify({
    type: 'bundle',
    id: 'bundle--1',
    objects: [
      {
        type: 'observed-data',
        id: 'observed-data--a',
        first_observed: '2024-01-01T00:00:00Z',
        last_observed: '2024-01-01T00:00:00Z',
        number_observed: 1,
        object_refs: ['ipv4-addr--1'],
      },
      { type: 'ipv4-addr', id: 'ipv4-addr--1', value: '198.51.100.7' },
    ],
  }),
);

describe('accord pattern check', () => {
  it('exits 0 when every pattern is valid', async () => {
    const r = await run(['pattern', 'check', "[ipv4-addr:value = '1.2.3.4']", '[file:size > 5]']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^ok/m);
  });

  it('exits 1 with the position of each error', async () => {
    const r = await run(['pattern', 'check', "[file:name = 'a']", '[file:name MATCHES /x/]']);
    assert.equal(r.code, 1);
    assert.match(r.out, /expected a string after MATCHES at 1:19, found '\/'/);
  });

  it('prints JSON with --json', async () => {
    const r = await run(['pattern', 'check', '--json', '[file:size = ]']);
    assert.equal(r.code, 1);
    const [result] = JSON.parse(r.out);
    assert.equal(result.valid, false);
    assert.equal(result.errors[0].column, 13);
  });

  it('is a usage error without patterns', async () => {
    assert.equal((await run(['pattern', 'check'])).code, 2);
  });
});

describe('accord pattern match', () => {
  it('prints matching observed-data and exits 0', async () => {
    const r = await run(['pattern', 'match', "[ipv4-addr:value ISSUBSET '198.51.100.0/24']", bundle]);
    assert.equal(r.code, 0);
    assert.equal(r.out.trim(), 'observed-data--a');
  });

  it('exits 1 when nothing matches, or the pattern is invalid', async () => {
    assert.equal((await run(['pattern', 'match', "[ipv4-addr:value = '10.0.0.1']", bundle])).code, 1);
    const bad = await run(['pattern', 'match', '[ipv4-addr:value = ]', bundle]);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /at 1:19/);
  });

  it('prints JSON with --json', async () => {
    const r = await run(['pattern', 'match', '--json', "[ipv4-addr:value = '198.51.100.7']", bundle]);
    assert.deepEqual(JSON.parse(r.out), { matched: true, observedDataIds: ['observed-data--a'] });
  });

  it('exits 1 for a missing file and 2 for missing arguments', async () => {
    assert.equal((await run(['pattern', 'match', '[a:b = 1]', join(dir, 'none.json')])).code, 1);
    assert.equal((await run(['pattern', 'match', '[a:b = 1]'])).code, 2);
  });
});
