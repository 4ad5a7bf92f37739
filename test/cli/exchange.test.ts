import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildApp } from '../../src/http/app.js';
import { openNode } from '../../src/node/node.js';
import { addUser, createToken } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { bearer } from '../helpers/node.js';
import { tempDir } from '../helpers/stores.js';

describe('accord notify and accord request, as scripts use them', () => {
  const dir = tempDir();
  const args = ['--data', dir.path];
  before(async () => {
    assert.equal((await runCli(['init', '--party', 'KZ', ...args])).code, 0);
    assert.equal(
      (await runCli(['user', 'add', 'duty-kz', '--party', 'KZ', '--role', 'analyst', ...args])).code,
      0,
    );
  });
  after(() => dir.dispose());

  async function readAs(party: string, url: string) {
    const node = await openNode({ data: dir.path, db: `sqlite:${dir.path}/accord.sqlite` });
    const app = await buildApp(node);
    try {
      const user = await addUser(node.store.db, {
        party,
        name: `reader-${party}-${Date.now()}`,
        role: 'analyst',
      });
      const { token } = await createToken(node.store.db, user, 'test');
      return await app.inject({ url, headers: bearer(token) });
    } finally {
      await app.close();
      await node.close();
    }
  }

  test('notify prints the new notification id and every Party in force receives it', async () => {
    const r = await runCli([
      'notify',
      ...args,
      '--as',
      'duty-kz',
      '--kind',
      'incident',
      '--severity',
      'high',
      '--summary',
      'DDoS on the e-government portal',
      '--tlp',
      'green',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const id = r.stdout.trim();
    assert.match(id, /^x-accord-notification--/);
    const seen = await readAs('BY', `/api/v1/notifications/${id}`);
    assert.equal(seen.statusCode, 200, seen.body);
    assert.match(seen.body, /DDoS on the e-government portal/);
  });

  test('request sends an assistance request to the named Party only', async () => {
    const r = await runCli([
      'request',
      ...args,
      '--json',
      '--as',
      'duty-kz',
      '--kind',
      'assistance',
      '--to',
      'TJ',
      '--summary',
      'Stop the C2 server',
      '--purpose',
      'stop-infrastructure',
      '--indicator',
      '203.0.113.9',
      '--details',
      'Seen beaconing since Monday',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const made = JSON.parse(r.stdout);
    assert.equal(made.addressee, 'TJ');
    assert.equal((await readAs('TJ', `/api/v1/requests/${made.id}`)).statusCode, 200);
    assert.equal((await readAs('KG', `/api/v1/requests/${made.id}`)).statusCode, 404);
  });

  test('a wrong kind is a usage error (2); an unknown user is invalid input (1)', async () => {
    const bad = await runCli([
      'notify',
      ...args,
      '--as',
      'duty-kz',
      '--kind',
      'rumour',
      '--severity',
      'high',
      '--summary',
      'x',
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--kind must be one of threat, incident, response-measure/);
    const nobody = await runCli([
      'request',
      ...args,
      '--as',
      'nobody',
      '--kind',
      'information',
      '--to',
      'BY',
      '--summary',
      'x',
    ]);
    assert.equal(nobody.code, 1);
    assert.match(nobody.stderr, /no user 'nobody'/);
  });
});
