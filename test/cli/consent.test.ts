import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { TLP2_IDS } from '../../src/policy/index.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

// On KZ's node: a BY liaison officer (a user of another Party, kept for single-node use) asks
// KZ's consent to pass a KZ indicator to a third party; KZ's liaison decides it here, because
// this node is KZ's. BY's user cannot decide anything for KZ.
const ID = 'indicator--c0c0c0c0-0000-4000-8000-0000000000c1';

describe('accord consent, as scripts use it', () => {
  const dir = tempDir();
  const args = ['--data', dir.path];
  const cli = (...a: string[]) => runCli([...a, ...args]);
  before(async () => {
    assert.equal((await cli('init', '--party', 'KZ')).code, 0);
    for (const [name, party, role] of [
      ['liaison-kz', 'KZ', 'liaison'],
      ['liaison-by', 'BY', 'liaison'],
      ['analyst-by', 'BY', 'analyst'],
    ]) {
      assert.equal((await cli('user', 'add', name!, '--party', party!, '--role', role!)).code, 0);
    }
    const file = join(dir.path, 'one.json');
    writeFileSync(
      file,
      JSON.stringify({
        type: 'indicator',
        spec_version: '2.1',
        id: ID,
        created: '2026-02-01T08:00:00.000Z',
        modified: '2026-02-01T08:00:00.000Z',
        pattern: "[domain-name:value = 'c2.example.org']",
        pattern_type: 'stix',
        valid_from: '2026-02-01T08:00:00Z',
        object_marking_refs: [TLP2_IDS.amber],
      }),
    );
    assert.equal((await cli('import', file)).code, 0);
  });
  after(() => dir.dispose());

  test('ask, list, grant and withdraw; the wrong Party is refused with exit 1', async () => {
    const ask = await cli(
      'consent',
      'ask',
      '--as',
      'liaison-by',
      '--object',
      ID,
      '--to',
      'third-party:europol',
      '--purpose',
      'joint case',
      '--until',
      '2099-01-31',
      '--json',
    );
    assert.equal(ask.code, 0, ask.stderr);
    const asked = JSON.parse(ask.stdout) as { id: string; status: string; grantor: string };
    assert.equal(asked.status, 'requested');
    assert.equal(asked.grantor, 'KZ');

    const byAnalyst = await cli(
      'consent',
      'ask',
      '--as',
      'analyst-by',
      '--object',
      ID,
      '--to',
      'third-party:europol',
      '--purpose',
      'x',
      '--until',
      '2099-01-31',
    );
    assert.equal(byAnalyst.code, 1, 'an analyst does not ask for consent');
    assert.match(byAnalyst.stderr, /liaison/);

    const list = await cli('consent', 'list', '--as', 'liaison-kz');
    assert.equal(list.code, 0);
    assert.match(list.stdout, new RegExp(`${asked.id}\\s+requested\\s+BY asks KZ\\s+to third party europol`));

    const byBy = await cli('consent', 'grant', asked.id, '--as', 'liaison-by');
    assert.equal(byBy.code, 1, 'the requester cannot grant its own request');
    assert.match(byBy.stderr, /KZ/);

    const grant = await cli('consent', 'grant', asked.id, '--as', 'liaison-kz', '--json');
    assert.equal(grant.code, 0, grant.stderr);
    assert.equal(JSON.parse(grant.stdout).status, 'granted');

    const withdraw = await cli('consent', 'withdraw', asked.id, '--as', 'liaison-kz');
    assert.equal(withdraw.code, 0, withdraw.stderr);
    assert.match(withdraw.stdout, /withdrawn/);

    const usage = await cli(
      'consent',
      'ask',
      '--as',
      'liaison-by',
      '--object',
      ID,
      '--to',
      'nobody',
      '--purpose',
      'x',
      '--until',
      '2099-01-31',
    );
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /party:CODE or third-party:ID/);
  });
});
