import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Demo, type DemoNode, startDemo, stopDemo } from '../../src/cli/demo/run-demo.js';
import { addUser, createToken, listVersions } from '../../src/store/index.js';
import { eventually } from '../federation/federation-helpers.js';
import { tempDir } from '../helpers/stores.js';

// Issue 17's "how we will check it", on the six-node demo as `accord demo` starts it, through
// each node's own REST API only: what one Party does reaches the Parties it concerns, on their
// nodes, and what they do there returns. Under the shipped Agreement data the Agreement is in
// force for BY, KZ, KG and TJ; AM and RU have signed only.
const IN_FORCE = ['BY', 'KG', 'TJ'];

// biome-ignore lint/suspicious/noExplicitAny: response bodies, read as a user reads them
type Json = Record<string, any>;

describe('the demo federation, checked from each node’s REST API', () => {
  let demo: Demo;
  const dir = tempDir();
  before(async () => {
    // Six consecutive ports away from the default 8600 and from other suites' ephemeral ones.
    const basePort = 21_000 + Math.floor(Math.random() * 20_000);
    demo = await startDemo({ dataDir: dir.path, basePort });
  });
  after(async () => {
    await stopDemo(demo.nodes);
    dir.dispose();
  });

  const at = (party: string): DemoNode => demo.nodes.find((n) => n.party === party)!;
  async function api(
    party: string,
    method: string,
    path: string,
    body?: unknown,
    token: string = at(party).tokens.liaison,
  ): Promise<{ status: number; json: Json }> {
    const res = await fetch(`${at(party).url}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : {} };
  }
  const ok = async (party: string, method: string, path: string, body?: unknown) => {
    const r = await api(party, method, path, body);
    assert.ok(r.status < 300, `${method} ${path} on ${party}: ${r.status} ${JSON.stringify(r.json)}`);
    return r.json;
  };

  it('a notification keeps its TLP and markings on every recipient, and each ack returns', async () => {
    const sent = await ok('KZ', 'POST', '/notifications', {
      kind: 'threat',
      severity: 'medium',
      summary: 'Credential phishing against ministries',
      recipients: ['BY', 'KG'],
      tlp: 'amber',
    });
    const original = (await ok('KZ', 'GET', `/objects/${sent.id}`)).object;
    for (const p of ['BY', 'KG']) {
      await eventually(
        async () => (await api(p, 'GET', `/notifications/${sent.id}`)).status === 200,
        `the notification on ${p}`,
        30_000,
      );
      const n = await ok(p, 'GET', `/notifications/${sent.id}`);
      assert.equal(n.tlp, 'amber', p);
      assert.equal(n.created_by, 'liaison-kz', p);
      const copy = (await ok(p, 'GET', `/objects/${sent.id}`)).object;
      assert.deepEqual(copy.object_marking_refs, original.object_marking_refs, `${p}: the same markings`);
      await ok(p, 'POST', `/notifications/${sent.id}/ack`);
    }
    assert.equal((await api('TJ', 'GET', `/notifications/${sent.id}`)).status, 404, 'TJ was not named');
    await eventually(
      async () => {
        const d = (await ok('KZ', 'GET', `/notifications/${sent.id}`)).deliveries as {
          party: string;
          acknowledged_by: string | null;
        }[];
        return ['BY', 'KG'].every(
          (p) => d.find((x) => x.party === p)?.acknowledged_by === `liaison-${p.toLowerCase()}`,
        );
      },
      'both acknowledgements on KZ',
      30_000,
    );

    // The scenario's TLP:GREEN incident reached every Party in force, as GREEN.
    const inbox = async (p: string) =>
      ((await ok(p, 'GET', '/notifications?box=inbox')).items as { summary: string; tlp: string }[]).filter(
        (n) => n.summary.startsWith('Banking trojan campaign'),
      );
    for (const p of IN_FORCE) {
      await eventually(async () => (await inbox(p)).length === 1, `the scenario’s incident on ${p}`, 15_000);
      assert.equal((await inbox(p))[0]!.tlp, 'green', p);
    }
  });

  it('a joint case is listed on the assignee’s node, updated there, and the update returns', async () => {
    const c = await ok('KZ', 'POST', '/cases', {
      title: 'Takedown of the trojan’s C2',
      participants: ['TJ'],
    });
    const withMeasure = await ok('KZ', 'POST', `/cases/${c.id}/measures`, {
      title: 'Suspend update-check.tj',
      assignee: 'TJ',
      due: '2026-12-31',
    });
    const measure = withMeasure.measures[0].id as string;
    await eventually(
      async () =>
        ((await ok('TJ', 'GET', '/cases')).items as { id: string; measures: unknown[] }[]).some(
          (x) => x.id === c.id && x.measures.length === 1,
        ),
      'the case with its measure in TJ’s list',
      30_000,
    );
    const moved = await ok('TJ', 'PATCH', `/cases/${c.id}/measures/${measure}`, { state: 'done' });
    assert.equal(moved.measures[0].state, 'done');
    // TJ also takes on a measure of its own, on its node.
    const own = await ok('TJ', 'POST', `/cases/${c.id}/measures`, {
      title: 'Notify the registrar',
      assignee: 'TJ',
      due: '2026-12-20',
    });
    assert.equal(own.measures.length, 2);
    await eventually(
      async () => {
        const onKz = await ok('KZ', 'GET', `/cases/${c.id}`);
        return (
          onKz.measures.find((m: { id: string }) => m.id === measure)?.state === 'done' &&
          onKz.measures.some((m: { title: string; added_by?: string }) => m.added_by === 'TJ')
        );
      },
      'TJ’s update and TJ’s own measure on KZ',
      30_000,
    );
    for (const p of ['BY', 'KG']) assert.equal((await api(p, 'GET', `/cases/${c.id}`)).status, 404, p);
  });

  it('the consent request reaches KG, KG’s liaison grants it there, the grant returns to BY', async () => {
    const asked = ((await ok('BY', 'GET', '/consents')).items as { id: string; grantor: string }[]).find(
      (x) => x.grantor === 'KG',
    );
    assert.ok(asked, 'the scenario’s consent request on BY');
    await eventually(
      async () =>
        ((await ok('KG', 'GET', '/consents')).items as { id: string; status: string }[]).some(
          (x) => x.id === asked.id && x.status === 'requested',
        ),
      'the consent request on KG',
      30_000,
    );

    // BY's administrator makes a user claiming to be KG's liaison: its "grant" is refused.
    const fake = await addUser(at('BY').node.store.db, { party: 'KG', name: 'fake-kg', role: 'liaison' });
    const token = (await createToken(at('BY').node.store.db, fake, 'test')).token;
    const refused = await api('BY', 'POST', `/consents/${asked.id}/grant`, undefined, token);
    assert.equal(refused.status, 403, JSON.stringify(refused.json));
    assert.equal(refused.json.error.code, 'ACCORD_FORBIDDEN');
    assert.match(refused.json.error.message, /KG/);
    assert.equal((await ok('BY', 'GET', `/consents/${asked.id}`)).status, 'requested');

    const granted = await ok('KG', 'POST', `/consents/${asked.id}/grant`);
    assert.equal(granted.status, 'granted');
    await eventually(
      async () => (await ok('BY', 'GET', `/consents/${asked.id}`)).status === 'granted',
      'KG’s signed grant on BY',
      30_000,
    );
  });

  it('blocking statistics count every Party’s outcomes; no node of a Party not in force holds any', async () => {
    const crit = await ok('KZ', 'POST', '/criteria', {
      code: 'C-DEMO-1',
      title_en: 'Banking trojan C2',
      title_ru: 'Командный сервер банковского трояна',
      description_en: 'The resource controls a banking trojan.',
      description_ru: 'Ресурс управляет банковским трояном.',
      legal_reference: 'Law of KZ on informatization, art. 41-1',
    });
    const r = await ok('KZ', 'POST', '/requests', {
      kind: 'blocking',
      addressee: 'TJ',
      summary: 'Block the C2 domains',
      resources: [
        { value: 'update-check.tj', type: 'domain' },
        { value: 'cdn-update-check.tj', type: 'domain' },
      ],
      criteria: [crit.id],
      evidence: 'Sandbox report',
      send: true,
    });
    await eventually(
      async () => (await api('TJ', 'GET', `/requests/${r.id}`)).status === 200,
      'the blocking request on TJ',
      30_000,
    );
    await ok('TJ', 'POST', `/requests/${r.id}/receive`);
    await ok('TJ', 'POST', `/requests/${r.id}/start`);
    await ok('TJ', 'POST', `/requests/${r.id}/partly-answer`, {
      blocked: [{ value: 'update-check.tj' }],
      refused: [{ value: 'cdn-update-check.tj', reason: 'a legitimate CDN' }],
    });
    const month = new Date().toISOString().slice(0, 7);
    for (const p of ['KZ', 'BY', 'KG', 'TJ']) {
      await eventually(
        async () => {
          const s = await ok(p, 'GET', `/criteria/statistics?criterion=${crit.id}`);
          return (
            JSON.stringify(s.items) ===
              JSON.stringify([
                { criterion: crit.id, party: 'TJ', month, requested: 2, blocked: 1, refused: 1 },
              ]) && s.totals[0]?.blocked === 1
          );
        },
        `TJ’s outcomes in ${p}’s statistics`,
        30_000,
      );
    }
    // Article 10: AM and RU have only signed; their nodes hold no Party's records.
    for (const p of ['AM', 'RU']) {
      const held = await listVersions(at(p).node.store.db, {
        types: ['x-accord-blocking-stats', 'x-accord-criterion', 'x-accord-case', 'x-accord-case-entry'],
        limit: 100,
      });
      assert.deepEqual(
        held.map((v) => `${v.party}:${v.type}`),
        [],
        p,
      );
      assert.deepEqual((await ok(p, 'GET', `/criteria/statistics?criterion=${crit.id}`)).items, [], p);
    }
  });

  it('a depositary event reaches every node once', async () => {
    const once = async (p: string) =>
      (
        (await ok(p, 'GET', '/agreement')).recorded as { event: { kind: string; consultation?: string } }[]
      ).filter(
        (r) => r.event.kind === 'consultation-opened' && r.event.consultation === 'demo-consultation-1',
      );
    for (const n of demo.nodes) {
      const recorded = await once(n.party);
      assert.equal(recorded.length, 1, `${n.party} records the depositary’s event once`);
    }
    // One notice, the depositary's: no other node publishes its own.
    const notices = async (p: string) =>
      ((await ok(p, 'GET', '/objects?type=x-accord-depositary-notice')).items as { id: string }[]).map(
        (x) => x.id,
      );
    const onDepositary = await notices('KZ');
    assert.equal(onDepositary.length, 1);
    for (const p of IN_FORCE) assert.deepEqual(await notices(p), onDepositary, p);
  });
});
