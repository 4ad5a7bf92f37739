import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// The everyday paths a script takes, on one node where users of two Parties work (as a training
// node does): a request routed by jurisdiction, answered and declined; a notification
// acknowledged; a joint case with a measure moved on by its assignee; and, once KG's withdrawal
// has taken effect, a new request to KG refused while what is open with it is listed.
for (const backend of BACKENDS) {
  describe(`accord request/notify/case as scripts use them (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    const args = ['--data', dir.path, '--db', store.url];
    const cli = (...a: string[]) => runCli([...a, ...args]);
    const json = async (...a: string[]) => {
      const r = await cli(...a, '--json');
      assert.equal(r.code, 0, r.stderr);
      return JSON.parse(r.stdout);
    };
    before(async () => {
      assert.equal((await cli('init', '--party', 'KZ')).code, 0);
      for (const [name, party, role] of [
        ['duty-kz', 'KZ', 'analyst'],
        ['liaison-kg', 'KG', 'liaison'],
      ])
        assert.equal((await cli('user', 'add', name!, '--party', party!, '--role', role!)).code, 0);
    });
    after(async () => {
      dir.dispose();
      await store.dispose();
    });

    const ask = (...extra: string[]) =>
      cli(
        'request',
        '--as',
        'duty-kz',
        '--kind',
        'assistance',
        '--purpose',
        'determine-source',
        '--summary',
        'Who runs this C2?',
        '--indicator',
        'c2.bad-host.kg',
        ...extra,
      );

    test('without --to the request goes to the Party of the indicator’s jurisdiction, and is answered', async () => {
      const r = await ask('--json');
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /addressed to KG by jurisdiction \(c2\.bad-host\.kg → KG\)/);
      const made = JSON.parse(r.stdout);
      assert.equal(made.addressee, 'KG');
      assert.equal(made.state, 'sent');

      const answered = await json(
        'request',
        'answer',
        made.id,
        '--as',
        'liaison-kg',
        '--answer',
        'A rented VPS; owner identified.',
      );
      assert.equal(answered.state, 'answered');
      assert.equal(answered.response.answer, 'A rented VPS; owner identified.');
      // The requester cannot answer its own request.
      const again = await ask('--json');
      const own = await cli(
        'request',
        'answer',
        JSON.parse(again.stdout).id,
        '--as',
        'duty-kz',
        '--answer',
        'x',
      );
      assert.equal(own.code, 1);
      assert.match(own.stderr, /addressee/);
    });

    test('a decline needs its ground; with it the request is declined', async () => {
      const made = JSON.parse((await ask('--json')).stdout);
      const bare = await cli('request', 'decline', made.id, '--as', 'liaison-kg');
      assert.equal(bare.code, 2);
      assert.match(bare.stderr, /--ground is required/);
      const declined = await json(
        'request',
        'decline',
        made.id,
        '--as',
        'liaison-kg',
        '--ground',
        'Criminal Procedure Code, art. 161',
      );
      assert.equal(declined.state, 'declined');
      assert.equal(declined.response.ground, 'Criminal Procedure Code, art. 161');
    });

    test('no routable value and no --to is a usage error', async () => {
      const r = await cli(
        'request',
        '--as',
        'duty-kz',
        '--kind',
        'information',
        '--summary',
        'x',
        '--legal-basis',
        'y',
        '--case-reference',
        'z',
      );
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--to CODE is required/);
    });

    test('notify ack acknowledges for the user’s Party', async () => {
      const sent = await json(
        'notify',
        '--as',
        'duty-kz',
        '--kind',
        'incident',
        '--severity',
        'high',
        '--summary',
        'DDoS',
        '--to',
        'KG',
      );
      const acked = await json('notify', 'ack', sent.id, '--as', 'liaison-kg');
      const kg = acked.deliveries.find((d: { party: string }) => d.party === 'KG');
      assert.equal(kg.acknowledgedBy, 'liaison-kg');
      assert.equal(
        (
          await cli(
            'notify',
            'ack',
            'x-accord-notification--00000000-0000-4000-8000-000000000000',
            '--as',
            'liaison-kg',
          )
        ).code,
        1,
      );
    });

    test('a case: opened, a measure for KG added, moved on by KG, shown with its timeline', async () => {
      const c = await json('case', 'create', '--as', 'duty-kz', '--title', 'Botnet takedown', '--with', 'kg');
      assert.deepEqual(c.participants, ['KG', 'KZ']);
      const withMeasure = await json(
        'case',
        'measure',
        c.id,
        '--as',
        'duty-kz',
        '--add',
        'Sinkhole the C2 domain',
        '--assignee',
        'KG',
        '--due',
        '2027-01-31',
      );
      const m = withMeasure.measures[0];
      assert.equal(m.state, 'planned');
      const moved = await json(
        'case',
        'measure',
        c.id,
        '--as',
        'liaison-kg',
        '--measure',
        m.id,
        '--state',
        'done',
      );
      assert.equal(moved.measures[0].state, 'done');
      const shown = await json('case', 'show', c.id, '--as', 'liaison-kg');
      assert.deepEqual(
        shown.timeline.map((e: { action: string }) => e.action),
        ['opened', 'measure-added', 'measure-updated'],
      );
      const listed = await json('case', 'list', '--as', 'duty-kz');
      assert.ok(listed.items.some((x: { id: string }) => x.id === c.id));
      assert.equal((await cli('case', 'measure', c.id, '--as', 'liaison-kg')).code, 2);

      // KG takes a measure on itself; assigning one to KZ is the owner's, and refused.
      const add = (assignee: string) =>
        cli(
          'case',
          'measure',
          c.id,
          '--as',
          'liaison-kg',
          '--add',
          'Notify the registrar',
          '--assignee',
          assignee,
          '--due',
          '2027-02-15',
          '--json',
        );
      const own = await add('KG');
      assert.equal(own.code, 0, own.stderr);
      const added = JSON.parse(own.stdout).measures.find(
        (x: { title: string }) => x.title === 'Notify the registrar',
      );
      assert.deepEqual([added.assignee, added.addedBy], ['KG', 'KG']);
      const other = await add('KZ');
      assert.equal(other.code, 1);
      assert.match(other.stderr, /only KZ, the owner, assigns measures to KZ/);
      // Done, so that KG owes nothing under this case when it withdraws below.
      const done = await json(
        'case',
        'measure',
        c.id,
        '--as',
        'liaison-kg',
        '--measure',
        added.id,
        '--state',
        'done',
      );
      assert.ok(done.measures.every((x: { state: string }) => x.state === 'done'));
    });

    test('after KG’s withdrawal takes effect: a new request is refused, what is open is listed', async () => {
      const open = JSON.parse((await ask('--to', 'KG', '--json')).stdout);
      const rec = await cli(
        'agreement',
        'record',
        'withdrawal-notified',
        '--party',
        'KG',
        '--date',
        '2026-01-12',
      );
      assert.equal(rec.code, 0, rec.stderr);
      const refused = await ask('--to', 'KG');
      assert.equal(refused.code, 1);
      assert.match(refused.stderr, /KG withdrew from the Agreement with effect from 2026-07-12/);
      const o = await json('agreement', 'obligations', 'KG');
      assert.equal(o.status.state, 'withdrawn');
      const owed: string[] = o.owes.requests.map((r: { id: string }) => r.id);
      assert.ok(owed.includes(open.id), 'the request still open with KG is listed');
      assert.equal(o.settled, false);
      // Still answerable until settled: KG answers everything it owes, and nothing is left.
      for (const id of owed)
        assert.equal(
          (await json('request', 'answer', id, '--as', 'liaison-kg', '--answer', 'late, but here')).state,
          'answered',
        );
      assert.equal((await json('agreement', 'obligations', 'KG')).settled, true);
    });
  });
}
