import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.js';
import { partiesInForceOn } from '../../src/node/agreement-service.js';
import { type AccordNode, initNode } from '../../src/node/node.js';
import { addUser, createToken, listDepositaryNotices, type Role } from '../../src/store/index.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS, type TestBackend, tempDir } from '../helpers/stores.js';

const AGREEMENT = 'csto-2017-information-security';

interface AgreementNode {
  node: AccordNode;
  app: FastifyInstance;
  token(role: Role): Promise<string>;
  dispose(): Promise<void>;
}

let users = 0;

/** Like startTestNode, but made with `init --depositary` when asked: the setting is init's. */
async function startNode(backend: TestBackend, depositary: boolean): Promise<AgreementNode> {
  const dir = tempDir();
  const store =
    backend.name === 'sqlite'
      ? { url: `sqlite:${dir.path}/accord.sqlite`, dispose: async () => {} }
      : backend.fresh();
  const { node } = await initNode({ data: dir.path, db: store.url }, { party: 'KZ', depositary });
  const app = await buildApp(node);
  return {
    node,
    app,
    async token(role) {
      const user = await addUser(node.store.db, { party: 'KZ', name: `agr${++users}`, role });
      return (await createToken(node.store.db, user, 'test')).token;
    },
    async dispose() {
      await app.close();
      await node.close();
      await store.dispose();
      dir.dispose();
    },
  };
}

function states(body: { parties: { code: string; state: string }[] }): Record<string, string> {
  return Object.fromEntries(body.parties.map((p) => [p.code, p.state]));
}

const withdrawalKZ = {
  kind: 'withdrawal-notified',
  party: 'KZ',
  date: '2024-03-01',
  source: "Depositary's note No. 1",
};

for (const backend of BACKENDS) {
  describe(`the Agreement over REST (${backend.name})`, () => {
    let dep: AgreementNode;
    let other: AgreementNode;
    let admin: string;
    let analyst: string;
    before(async () => {
      dep = await startNode(backend, true);
      other = await startNode(backend, false);
      admin = await dep.token('admin');
      analyst = await dep.token('analyst');
    });
    after(async () => {
      await dep?.dispose();
      await other?.dispose();
    });

    const status = (at?: string, token = analyst) =>
      dep.app.inject({ url: `/api/v1/agreement/status${at ? `?at=${at}` : ''}`, headers: bearer(token) });
    const post = (body: unknown, token = admin, app = dep.app) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/agreement/events',
        headers: { ...bearer(token), 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });

    test('GET /agreement gives the definition and its shipped events to any signed-in user', async () => {
      const r = await dep.app.inject({ url: '/api/v1/agreement', headers: bearer(analyst) });
      assert.equal(r.statusCode, 200);
      const body = r.json();
      assert.equal(body.agreement, AGREEMENT);
      assert.equal(body.definition.id, AGREEMENT);
      assert.equal(body.definition.parties.length, 6);
      assert.equal(body.events.length, 7);
      assert.deepEqual(body.recorded, []);
      const anon = await dep.app.inject({ url: '/api/v1/agreement' });
      assert.equal(anon.statusCode, 401);
    });

    test('not in force on 2019-03-31', async () => {
      const r = await status('2019-03-31');
      assert.equal(r.statusCode, 200);
      const body = r.json();
      assert.equal(body.in_force, false);
      assert.equal(body.since, null);
      assert.ok(body.parties.every((p: { state: string }) => p.state === 'signatory'));
      assert.equal(body.parties[0].signed_on, '2017-11-30');
    });

    test('on 2019-04-01 in force for BY, KZ, KG and TJ; AM and RU signatories', async () => {
      const body = (await status('2019-04-01')).json();
      assert.equal(body.in_force, true);
      assert.equal(body.since, '2019-04-01');
      assert.deepEqual(states(body), {
        AM: 'signatory',
        BY: 'in-force',
        KZ: 'in-force',
        KG: 'in-force',
        RU: 'signatory',
        TJ: 'in-force',
      });
      assert.deepEqual(body.parties[1], { code: 'BY', state: 'in-force', since: '2019-04-01' });
    });

    test('without ?at the status is today’s (UTC)', async () => {
      const body = (await status()).json();
      assert.equal(body.at, new Date().toISOString().slice(0, 10));
    });

    test('a date that is not a calendar day is a 400 with its path', async () => {
      for (const at of ['2019-02-30', 'yesterday']) {
        const r = await status(at);
        assert.equal(r.statusCode, 400, at);
        assert.equal(r.json().error.code, 'ACCORD_VALIDATION');
        assert.equal(r.json().error.details[0].path, '$querystring.at');
      }
    });

    test('an analyst of the depositary’s node is refused: 403 saying the role', async () => {
      const r = await post(withdrawalKZ, analyst);
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().error.code, 'ACCORD_FORBIDDEN');
      assert.match(r.json().error.message, /admin/);
    });

    test('an admin of a node that is not the depositary’s is refused: 403 saying so', async () => {
      const r = await post(withdrawalKZ, await other.token('admin'), other.app);
      assert.equal(r.statusCode, 403);
      assert.equal(r.json().error.code, 'ACCORD_FORBIDDEN');
      assert.match(r.json().error.message, /not the depositary's node/);
    });

    test('a malformed event is a 400 listing every problem with its JSON path', async () => {
      const r = await post({ kind: 'withdrawal-notified', date: '2024-02-30', extra: 1 });
      assert.equal(r.statusCode, 400);
      const { error } = r.json();
      assert.equal(error.code, 'ACCORD_VALIDATION');
      const paths = error.details.map((i: { path: string }) => i.path).sort();
      assert.deepEqual(paths, ['$.date', '$.extra', '$.party', '$.source']);
      const kind = await post({ kind: 'annexation', date: '2024-01-01', source: 'x' });
      assert.equal(kind.statusCode, 400);
      assert.equal(kind.json().error.details[0].path, '$.kind');
      const notObject = await post([1, 2]);
      assert.equal(notObject.statusCode, 400);
    });

    test('a withdrawal recorded by the depositary’s admin: 201 with its notice, withdrawn six months later', async () => {
      // Asked before recording, so the cached answer must be dropped when the event is recorded.
      assert.ok((await partiesInForceOn(dep.node, '2024-09-01')).has('KZ'));
      const r = await post(withdrawalKZ);
      assert.equal(r.statusCode, 201, r.body);
      const body = r.json();
      assert.deepEqual(body.event, withdrawalKZ);
      assert.equal(body.notice.agreement, AGREEMENT);
      assert.equal(body.notice.subject.en.startsWith('Notice of withdrawal'), true);
      assert.match(body.notice.text.en, /takes effect on 1 September 2024/);
      assert.deepEqual(body.notice.recipients, ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ']);
      assert.equal(body.notice.changes[0].party, 'KZ');
      assert.equal(body.notice.changes[0].after.state, 'withdrawal-pending');
      assert.equal(states(body.status).KZ, 'withdrawn');
      assert.match(body.record.recorded_by, /^user:agr\d+ \(KZ\)$/);

      const pending = (await status('2024-08-31')).json();
      assert.deepEqual(pending.parties[2], {
        code: 'KZ',
        state: 'withdrawal-pending',
        since: '2019-04-01',
        notice_received_on: '2024-03-01',
        effective_on: '2024-09-01',
      });
      const gone = (await status('2024-09-01')).json();
      assert.deepEqual(gone.parties[2], {
        code: 'KZ',
        state: 'withdrawn',
        since: '2024-09-01',
        in_force_from: '2019-04-01',
        notice_received_on: '2024-03-01',
      });
      assert.equal(gone.in_force, true);
      assert.deepEqual([...(await partiesInForceOn(dep.node, '2024-09-01'))].sort(), ['BY', 'KG', 'TJ']);

      const all = (await dep.app.inject({ url: '/api/v1/agreement', headers: bearer(analyst) })).json();
      assert.equal(all.events.length, 8);
      assert.equal(all.recorded.length, 1);
      assert.equal(all.recorded[0].id, body.record.id);
      assert.deepEqual(all.recorded[0].event, withdrawalKZ);

      // Stored for the exchange layer to deliver to every Party's node.
      const notices = await listDepositaryNotices(dep.node.store.db, AGREEMENT);
      assert.equal(notices.length, 1);
      assert.equal(notices[0]!.id, body.record.notice_id);
      assert.equal(notices[0]!.eventId, body.record.id);
      assert.deepEqual(notices[0]!.notice, body.notice);

      // …and published as a signed TLP:CLEAR STIX object that federation carries to every
      // Party's node; a Party for which the Agreement is not in force (RU) still gets it.
      const ru = await addUser(dep.node.store.db, {
        party: 'RU',
        name: `ru-reader-${++users}`,
        role: 'analyst',
      });
      const ruToken = (await createToken(dep.node.store.db, ru, 't')).token;
      const listed = await dep.app.inject({
        url: '/api/v1/objects?type=x-accord-depositary-notice',
        headers: bearer(ruToken),
      });
      assert.equal(listed.statusCode, 200);
      const [item] = listed.json().items;
      assert.equal(item.object.subject_en, body.notice.subject.en);
      assert.equal(item.object.subject_ru, body.notice.subject.ru);
      assert.deepEqual(item.object.event, withdrawalKZ);
      assert.equal(item.meta.signed, true);
      assert.equal(item.meta.originator, 'KZ');
    });

    test('an event that breaks a rule is a 409 naming the rule, and nothing is stored', async () => {
      const again = await post({ ...withdrawalKZ, date: '2024-04-01' });
      assert.equal(again.statusCode, 409);
      const { error } = again.json();
      assert.equal(error.code, 'ACCORD_CONFLICT');
      assert.equal(error.details.rule, 'duplicate-withdrawal');
      assert.match(error.details.message, /KZ/);

      const future = await post({ ...withdrawalKZ, party: 'TJ', date: '2999-01-01' });
      assert.equal(future.statusCode, 409);
      assert.equal(future.json().error.details.rule, 'date-in-future');

      const unknown = await post({ kind: 'signature', party: 'UZ', date: '2018-01-01', source: 'x' });
      assert.equal(unknown.json().error.details.rule, 'unknown-party');

      const all = (await dep.app.inject({ url: '/api/v1/agreement', headers: bearer(analyst) })).json();
      assert.equal(all.recorded.length, 1);
      assert.equal((await listDepositaryNotices(dep.node.store.db, AGREEMENT)).length, 1);
    });

    test('two recorders racing with contradicting events: one is recorded, the other refused', async () => {
      const notice = { kind: 'withdrawal-notified', party: 'TJ', date: '2025-01-15', source: 'note 2' };
      const results = await Promise.all([post(notice), post({ ...notice, date: '2025-01-16' })]);
      assert.deepEqual(results.map((r) => r.statusCode).sort(), [201, 409]);
      const all = (await dep.app.inject({ url: '/api/v1/agreement', headers: bearer(analyst) })).json();
      assert.equal(
        all.recorded.filter((r: { event: { party: string } }) => r.event.party === 'TJ').length,
        1,
      );
    });
  });
}
