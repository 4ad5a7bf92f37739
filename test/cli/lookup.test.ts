import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

const T = '2026-01-10T08:00:00.000Z';
const RED = 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed';

describe('accord lookup, as a script uses it', () => {
  const dir = tempDir();
  const args = ['--data', dir.path];
  before(async () => {
    assert.equal((await runCli(['init', '--party', 'KZ', ...args])).code, 0);
    const bundle = {
      type: 'bundle',
      id: 'bundle--0b1c0000-0000-4000-8000-000000000001',
      objects: [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: 'indicator--0b1c0000-0000-4000-8000-000000000002',
          created: T,
          modified: T,
          name: 'C2 range',
          pattern: "[ipv4-addr:value = '198.51.100.0/24']",
          pattern_type: 'stix',
          valid_from: T,
          object_marking_refs: [RED],
        },
      ],
    };
    const file = join(dir.path, 'b.json');
    writeFileSync(file, JSON.stringify(bundle));
    assert.equal((await runCli(['import', file, ...args])).code, 0);
  });
  after(() => dir.dispose());

  test('prints each value with what is known, and exits 0 when anything is', async () => {
    const r = await runCli(['lookup', '198.51.100.9', '203.0.113.1', 'nonsense', ...args]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n');
    assert.match(lines[0]!, /^198\.51\.100\.9\tknown — reported by KZ/);
    assert.match(
      lines[1]!,
      /indicator--0b1c0000-0000-4000-8000-000000000002\tKZ\t198\.51\.100\.0\/24 \(in range\)/,
    );
    // Unknown here, but a documentation address: the warninglist says so.
    assert.equal(lines[2], '203.0.113.1\tunknown; on warninglist: Documentation address ranges');
    assert.match(lines[3]!, /^nonsense\tinvalid: not an IP address/);
  });

  test('answers for another Party what that Party may know: TLP:RED stays unknown', async () => {
    const r = await runCli(['lookup', '198.51.100.9', '--for', 'BY', '--json', ...args]);
    assert.equal(r.code, 1, 'nothing known exits 1, like grep');
    assert.equal(JSON.parse(r.stdout).results[0].known, false);
  });

  test('reads a file of values, one a line, and refuses to run with none', async () => {
    const list = join(dir.path, 'values.txt');
    writeFileSync(list, '# firewall denies\n198.51.100.1\n\n198.51.100.2\n');
    const r = await runCli(['lookup', '--file', list, '--json', ...args]);
    assert.deepEqual(
      JSON.parse(r.stdout).results.map((x: { known: boolean }) => x.known),
      [true, true],
    );
    assert.equal((await runCli(['lookup', ...args])).code, 2);
  });
});
