import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { initNode, openNode } from '../../src/node/node.js';
import { listAudit } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

for (const backend of BACKENDS) {
  describe(`accord user list and the operator's audited changes (${backend.name})`, () => {
    const dir = tempDir();
    const store =
      backend.name === 'sqlite'
        ? { url: `sqlite:${dir.path}/accord.sqlite`, dispose: async () => {} }
        : backend.fresh();
    const args = ['--data', dir.path, '--db', store.url];

    before(async () => {
      const { node } = await initNode({ data: dir.path, db: store.url }, { party: 'KZ' });
      await node.close();
      for (const [name, party, role] of [
        ['aigerim', 'KZ', 'admin'],
        ['boris', 'BY', 'analyst'],
        ['dmitry-long-name', 'BY', 'admin'],
      ]) {
        const r = await runCli(['user', 'add', name!, '--party', party!, '--role', role!, ...args]);
        assert.equal(r.code, 0, r.stderr);
      }
    });
    after(async () => {
      await store.dispose();
      dir.dispose();
    });

    test('the table flags each user of another Party than the node’s', async () => {
      const r = await runCli(['user', 'list', ...args]);
      assert.equal(r.code, 0, r.stderr);
      const lines = r.stdout.trim().split('\n');
      assert.match(lines[0]!, /^NAME\s+PARTY\s+ROLE\s+STATE$/);
      const row = (name: string) => lines.find((l) => l.startsWith(`${name} `))!;
      assert.match(row('aigerim'), /^aigerim\s+KZ\s+admin\s+active$/);
      assert.match(row('boris'), /^boris\s+BY\s+analyst\s+active\s+FOREIGN PARTY$/);
      assert.match(row('dmitry-long-name'), /^dmitry-long-name\s+BY\s+admin\s+active\s+FOREIGN PARTY$/);
      assert.match(lines.at(-1)!, /2 user\(s\) of another Party than KZ: they act only as their own Party/);
    });

    test('--json gives foreign_party per user, and never a password hash', async () => {
      const r = await runCli(['user', 'list', '--json', ...args]);
      assert.equal(r.code, 0, r.stderr);
      const users = JSON.parse(r.stdout) as { name: string; party: string; foreign_party: boolean }[];
      assert.deepEqual(
        users.map((u) => [u.name, u.party, u.foreign_party]),
        [
          ['aigerim', 'KZ', false],
          ['boris', 'BY', true],
          ['dmitry-long-name', 'BY', true],
        ],
      );
      assert.doesNotMatch(r.stdout, /hash|scrypt/);
    });

    test('adding users and making tokens on the command line is audited, without the secret', async () => {
      const made = await runCli(['token', 'create', 'boris', '--label', 'firewall', ...args]);
      assert.equal(made.code, 0, made.stderr);
      const secret = made.stdout.trim();
      const node = await openNode({ data: dir.path, db: store.url });
      try {
        const added = await listAudit(node.store.db, { action: 'admin.user.added', limit: 100 });
        const boris = added.find((e) => (e.subject as { id: string }).id === 'boris')!;
        assert.deepEqual(boris.actor, { kind: 'system', id: 'accord user add', party: 'KZ' });
        assert.deepEqual(boris.subject, { type: 'user', id: 'boris', party: 'BY' });
        assert.equal((boris.details as { role: string }).role, 'analyst');
        const tokens = await listAudit(node.store.db, { action: 'token.created', limit: 100 });
        assert.equal(tokens.length, 1);
        assert.equal((tokens[0]!.subject as { party: string }).party, 'BY');
        assert.equal((tokens[0]!.details as { name: string }).name, 'firewall');
        const all = await listAudit(node.store.db, { limit: 1000 });
        assert.ok(!JSON.stringify(all).includes(secret), 'the token never enters the log');
      } finally {
        await node.close();
      }
    });

    test('an argument too many is a usage error', async () => {
      const r = await runCli(['user', 'list', 'extra', ...args]);
      assert.equal(r.code, 2);
    });
  });
}
