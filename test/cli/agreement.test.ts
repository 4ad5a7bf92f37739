import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runAccord, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

const FIXTURE = new URL('../agreement/fixtures/example-2-of-3.json', import.meta.url);

function states(json: string): Record<string, string> {
  const body = JSON.parse(json) as { parties: { code: string; state: string }[] };
  return Object.fromEntries(body.parties.map((p) => [p.code, p.state]));
}

describe('accord agreement status and record', () => {
  const dir = tempDir();
  const cli = (...args: string[]) => runCli([...args, '--data', dir.path]);
  let nodeId = '';

  before(async () => {
    const init = await cli('init', '--party', 'KZ', '--depositary', '--json');
    assert.equal(init.code, 0, init.stderr);
    const out = JSON.parse(init.stdout);
    assert.equal(out.depositary, true);
    nodeId = out.node_id;
  });
  after(() => dir.dispose());

  test('--at 2019-03-31 --json: not in force, every Party a signatory', async () => {
    const r = await cli('agreement', 'status', '--at', '2019-03-31', '--json');
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.parse(r.stdout);
    assert.equal(body.in_force, false);
    assert.equal(body.since, null);
    assert.deepEqual(new Set(Object.values(states(r.stdout))), new Set(['signatory']));
  });

  test('--at 2019-04-01 --json: in force for BY, KZ, KG and TJ; AM and RU signatories', async () => {
    const r = await cli('agreement', 'status', '--at', '2019-04-01', '--json');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).since, '2019-04-01');
    assert.deepEqual(states(r.stdout), {
      AM: 'signatory',
      BY: 'in-force',
      KZ: 'in-force',
      KG: 'in-force',
      RU: 'signatory',
      TJ: 'in-force',
    });
  });

  test('without --json: a table of Party, state and dates', async () => {
    const r = await cli('agreement', 'status', '--at', '2019-04-01');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /On 2019-04-01: in force since 2019-04-01/);
    assert.match(r.stdout, /^PARTY\s+STATE\s+DATES$/m);
    assert.match(r.stdout, /^AM {2}Republic of Armenia\s+signatory\s+signed 2017-11-30$/m);
    assert.match(r.stdout, /^KZ {2}Republic of Kazakhstan\s+in-force\s+since 2019-04-01$/m);
  });

  test('a date that is not a calendar day is a usage error (exit 2) that says so', async () => {
    for (const at of ['2019-02-30', '1.4.2019']) {
      const r = await cli('agreement', 'status', '--at', at);
      assert.equal(r.code, 2, at);
      assert.match(r.stderr, /is not a calendar date written YYYY-MM-DD/);
    }
  });

  test('record: exit 0, names the node, default source; the Party is withdrawn six months later', async () => {
    const r = await cli(
      'agreement',
      'record',
      'withdrawal-notified',
      '--party',
      'kz',
      '--date',
      '2024-03-01',
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Recorded withdrawal-notified dated 2024-03-01 on node ${nodeId}`));
    assert.match(r.stdout, /takes effect on 1 September 2024/);

    const all = await cli('agreement', 'status', '--at', '2024-09-01', '--json');
    assert.equal(states(all.stdout).KZ, 'withdrawn');
    const before = await cli('agreement', 'status', '--at', '2024-08-31', '--json');
    assert.equal(states(before.stdout).KZ, 'withdrawal-pending');
  });

  test('record --json gives the event with its default source and the notice', async () => {
    const r = await cli(
      'agreement',
      'record',
      'consultation-opened',
      '--party',
      'BY,KG',
      '--consultation',
      'C-1',
      '--date',
      '2024-05-02',
      '--json',
    );
    assert.equal(r.code, 0, r.stderr);
    const body = JSON.parse(r.stdout);
    assert.equal(body.recorded, true);
    assert.equal(body.node, nodeId);
    assert.deepEqual(body.event.parties, ['BY', 'KG']);
    assert.match(body.event.source, new RegExp(`^recorded by node ${nodeId} on \\d{4}-\\d{2}-\\d{2}$`));
    assert.match(body.recorded_by, new RegExp(`^cli:.+@${nodeId}$`));
    assert.equal(body.notice.event.consultation, 'C-1');
  });

  test('record: an event that breaks a rule exits 1 with the rule and its message', async () => {
    const r = await cli(
      'agreement',
      'record',
      'withdrawal-notified',
      '--party',
      'KZ',
      '--date',
      '2024-04-01',
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, /refused under the rule duplicate-withdrawal: .*KZ/);
    const json = await cli(
      'agreement',
      'record',
      'ratification-notified',
      '--party',
      'UZ',
      '--date',
      '2020-01-01',
      '--source',
      'x',
      '--json',
    );
    assert.equal(json.code, 1);
    assert.equal(JSON.parse(json.stdout).rule, 'unknown-party');
  });

  test('record: a wrong command line exits 2', async () => {
    const usage: string[][] = [
      ['annexation', '--party', 'KZ', '--date', '2024-01-01'],
      ['withdrawal-notified', '--party', 'KZ'],
      ['withdrawal-notified', '--party', 'KZ', '--date', '2024-02-30'],
      ['withdrawal-notified', '--party', 'KZ,BY', '--date', '2024-01-01'],
      ['protocol-in-force', '--date', '2024-01-01'],
      ['consultation-closed', '--date', '2024-01-01'],
      [],
    ];
    for (const args of usage) {
      const r = await cli('agreement', 'record', ...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /Usage: accord agreement record EVENT/);
    }
  });

  test('init --depositary on a node made without it is refused, not ignored', async () => {
    const d = tempDir();
    try {
      assert.equal((await runCli(['init', '--party', 'BY', '--data', d.path])).code, 0);
      const r = await runCli(['init', '--party', 'BY', '--depositary', '--data', d.path]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /without --depositary/);
    } finally {
      d.dispose();
    }
  });
});

describe('accord init --agreement FILE', () => {
  test('the node uses that agreement from then on, under its own rules', async () => {
    const d = tempDir();
    try {
      const init = runAccord(['init', '--party', 'XA', '--agreement', FIXTURE.pathname, '--data', d.path]);
      assert.equal(init.code, 0, init.stderr);
      assert.match(init.stdout, /agreement: {3}example-2-of-3/);
      // Two notifications of three suffice; a 12-month notice period.
      const cli = (...args: string[]) => runCli([...args, '--data', d.path]);
      const s = await cli('agreement', 'status', '--at', '2020-09-30', '--json');
      assert.equal(s.code, 0, s.stderr);
      assert.equal(JSON.parse(s.stdout).agreement, 'example-2-of-3');
      assert.deepEqual(states(s.stdout), { XA: 'in-force', XB: 'in-force', XC: 'signatory' });
      const later = await cli('agreement', 'status', '--at', '2022-08-31', '--json');
      assert.equal(states(later.stdout).XA, 'withdrawn');

      const rec = await cli(
        'agreement',
        'record',
        'withdrawal-notified',
        '--party',
        'XB',
        '--date',
        '2023-01-10',
      );
      assert.equal(rec.code, 0, rec.stderr);
      const after = await cli('agreement', 'status', '--at', '2024-01-10', '--json');
      assert.deepEqual(states(after.stdout), { XA: 'withdrawn', XB: 'withdrawn', XC: 'in-force' });
      // The 2017 Agreement's Parties are not this agreement's.
      const ru = await cli('agreement', 'record', 'signature', '--party', 'RU', '--date', '2021-01-01');
      assert.equal(ru.code, 1);
      assert.match(ru.stderr, /unknown-party/);
    } finally {
      d.dispose();
    }
  });

  test('a bad file exits 1, names every problem by its JSON path, and makes no node', async () => {
    const d = tempDir();
    try {
      const def = JSON.parse(readFileSync(FIXTURE, 'utf8'));
      def.parties[1].code = 'xb';
      delete def.withdrawal;
      const bad = join(d.path, 'bad.json');
      writeFileSync(bad, JSON.stringify(def));
      const r = await runCli(['init', '--party', 'XA', '--agreement', bad, '--data', d.path]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /\$\.parties\[1\]\.code: must be an ISO 3166-1 alpha-2 code/);
      assert.match(r.stderr, /\$\.withdrawal: is required/);

      // A file of the right shape whose own events break its rules.
      const broken = JSON.parse(readFileSync(FIXTURE, 'utf8'));
      broken.events.push({ kind: 'withdrawal-notified', party: 'XA', date: '2021-09-30', source: 'x' });
      writeFileSync(bad, JSON.stringify(broken));
      const j = await runCli(['init', '--party', 'XA', '--agreement', bad, '--data', d.path, '--json']);
      assert.equal(j.code, 1);
      assert.deepEqual(
        JSON.parse(j.stdout).errors.map((i: { path: string; code: string }) => [i.path, i.code]),
        [['$.events[7]', 'duplicate-withdrawal']],
      );

      const status = await runCli(['agreement', 'status', '--data', d.path]);
      assert.equal(status.code, 1);
      assert.match(status.stderr, /no Accord node/);
    } finally {
      d.dispose();
    }
  });
});
