import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

describe('accord peer and accord sync', () => {
  const dir = tempDir();
  after(() => dir.dispose());
  const kz = ['--data', join(dir.path, 'kz')];
  const by = ['--data', join(dir.path, 'by')];

  it('pins a peer from its init output, lists it, syncs and removes it', async () => {
    assert.equal((await runCli(['init', '--party', 'KZ', '--node-id', 'accord-kz', ...kz])).code, 0);
    const byInit = await runCli(['init', '--party', 'BY', '--node-id', 'accord-by', '--json', ...by]);
    const file = join(dir.path, 'by-init.json');
    writeFileSync(file, byInit.stdout);

    const added = await runCli(['peer', 'add', '--key', file, '--url', 'http://127.0.0.1:9', ...kz]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /Pinned accord-by \(BY\)/);
    const again = await runCli(['peer', 'add', '--key', file, '--url', 'http://127.0.0.1:9', ...kz]);
    assert.equal(again.code, 1);
    const usage = await runCli(['peer', 'add', '--key', file, ...kz]);
    assert.equal(usage.code, 2);
    const badKey = await runCli([
      'peer',
      'add',
      '--key',
      '{"kty":"RSA"}',
      '--node-id',
      'x',
      '--party',
      'TJ',
      '--relay-only',
      ...kz,
    ]);
    assert.equal(badKey.code, 1);

    const list = await runCli(['peer', 'list', '--json', ...kz]);
    const rows = JSON.parse(list.stdout) as { node_id: string; party: string; health: { state: string } }[];
    assert.deepEqual(
      rows.map((r) => [r.node_id, r.party, r.health.state]),
      [['accord-by', 'BY', 'not-yet-contacted']],
    );

    // Nobody listens on port 9: the sync reports the failure and exits 1.
    const sync = await runCli(['sync', '--json', ...kz]);
    assert.equal(sync.code, 1);
    assert.equal(JSON.parse(sync.stdout)[0].pull.kind, 'failed');
    const failing = JSON.parse((await runCli(['peer', 'list', '--json', ...kz])).stdout)[0];
    assert.equal(failing.health.state, 'failing');

    assert.equal((await runCli(['hub', 'on', ...kz])).code, 0);
    assert.match((await runCli(['hub', 'status', ...kz])).stdout, /on/);
    assert.equal((await runCli(['peer', 'remove', 'accord-by', ...kz])).code, 0);
    assert.equal((await runCli(['peer', 'remove', 'accord-by', ...kz])).code, 1);
  });
});
