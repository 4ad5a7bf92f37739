// `accord pattern match` under the node's limits: a total time budget, and the JSON door.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { LIMITS } from '../../../src/stix/limits.js';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/stores.js';

const dir = tempDir();
after(() => dir.dispose());

function observations(n: number, name: string) {
  const objects: object[] = [];
  for (let i = 0; i < n; i++) {
    const ref = `file--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    objects.push({ type: 'file', id: ref, name });
    objects.push({
      type: 'observed-data',
      id: `observed-data--00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      first_observed: '2024-01-01T00:00:00Z',
      last_observed: '2024-01-01T00:00:00Z',
      number_observed: 1,
      object_refs: [ref],
    });
  }
  return { type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000000', objects };
}

describe('accord pattern match limits', () => {
  it('^(a|aa)*b$ over 50 observations stops at the total budget with a clear error, exit 1', async () => {
    const file = join(dir.path, 'slow.json');
    writeFileSync(file, JSON.stringify(observations(50, `${'a'.repeat(60)}c`)));
    const t0 = Date.now();
    const r = await runCli(['pattern', 'match', "[file:name MATCHES '^(a|aa)*b$']", file]);
    const took = Date.now() - t0;
    assert.equal(r.code, 1);
    assert.match(r.stderr, /matching the pattern took longer than 2000 ms, the most one match may take/);
    assert.ok(took < LIMITS.matchTotalMs + 1_500, `took ${took} ms`);
  });

  it('a file nested deeper than the limit is refused at the door with its path', async () => {
    const file = join(dir.path, 'deep.json');
    writeFileSync(file, `{"type":"bundle","objects":[${'['.repeat(10_000)}${']'.repeat(10_000)}]}`);
    const r = await runCli(['pattern', 'match', "[file:name = 'x']", file]);
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /\$\.objects\[0\](\[0\])+ in .*deep\.json: arrays and objects may nest at most 64 deep/,
    );
  });
});
