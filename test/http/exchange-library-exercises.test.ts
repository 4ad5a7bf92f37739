import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

for (const backend of BACKENDS) {
  describe(`library, exercises, cases and jurisdiction over REST on ${backend.name}`, () => {
    let t: TestNode;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      tok.KZ = await t.tokenFor('KZ', 'admin');
      for (const p of ['BY', 'KG', 'TJ']) tok[p] = await t.tokenFor(p, 'liaison');
    });
    after(() => t.dispose());

    const call = (method: 'GET' | 'POST', url: string, party: string, payload?: object, ex?: string) =>
      t.app.inject({
        method,
        url,
        headers: { ...bearer(tok[party]!), ...(ex ? { 'x-accord-exercise': ex } : {}) },
        ...(payload ? { payload } : {}),
      });
    const ids = (r: { json(): { items: { id: string }[] } }) => r.json().items.map((i) => i.id);

    test('library search finds Russian and English documents by other word forms', async () => {
      const ru = await call('POST', '/api/v1/library', 'KZ', {
        title: 'Проект соглашения о противодействии компьютерным атакам',
        language: 'ru',
        kind: 'draft-treaty',
        content: 'Стороны обмениваются сведениями о вредоносных программах.',
        files: [
          {
            filename: 'draft.txt',
            media_type: 'text/plain',
            content_base64: Buffer.from('текст').toString('base64'),
          },
        ],
      });
      assert.equal(ru.statusCode, 201, ru.body);
      const en = await call('POST', '/api/v1/library', 'BY', {
        title: 'Analysis of botnet infrastructures',
        language: 'en',
        kind: 'analysis',
        content: 'Attackers rented servers in several countries.',
      });
      assert.equal(en.statusCode, 201, en.body);
      assert.deepEqual(ids(await call('GET', `/api/v1/library?q=${encodeURIComponent('атака')}`, 'BY')), [
        ru.json().id,
      ]);
      assert.deepEqual(
        ids(await call('GET', `/api/v1/library?q=${encodeURIComponent('вредоносной программы')}`, 'KG')),
        [ru.json().id],
      );
      assert.deepEqual(ids(await call('GET', '/api/v1/library?q=infrastructure%20attacker', 'KZ')), [
        en.json().id,
      ]);
      const f = ru.json().files[0];
      assert.equal(f.size, Buffer.from('текст').length);
      const got = await call('GET', `/api/v1/library/${ru.json().id}/files/${f.sha256}`, 'TJ');
      assert.equal(got.statusCode, 200);
      assert.equal(got.body, 'текст');
    });

    test('exercise data never appears outside its exercise, and is purged with it', async () => {
      const ex = (
        await call('POST', '/api/v1/exercises', 'KZ', {
          name: 'Cyber Shield',
          starts: '2024-01-01',
          ends: '2030-01-01',
          parties: ['BY'],
        })
      ).json();
      const n = (
        await call(
          'POST',
          '/api/v1/notifications',
          'KZ',
          { kind: 'incident', severity: 'high', summary: 'EXERCISE incident' },
          ex.id,
        )
      ).json();
      assert.deepEqual(n.delivered_to, ['BY'], 'inside an exercise, "all" is its participants');
      assert.equal(n.exercise, ex.id);
      const r = (
        await call(
          'POST',
          '/api/v1/requests',
          'KZ',
          {
            kind: 'assistance',
            addressee: 'BY',
            summary: 'EX',
            purpose: 'determine-source',
            indicators: ['203.0.113.9'],
            send: true,
          },
          ex.id,
        )
      ).json();
      const d = (
        await call(
          'POST',
          '/api/v1/library',
          'KZ',
          { title: 'Exercise scenario учения', language: 'en', kind: 'training' },
          ex.id,
        )
      ).json();
      const c = (
        await call('POST', '/api/v1/cases', 'KZ', { title: 'EX case', participants: ['BY'] }, ex.id)
      ).json();
      const exIds = [n.id, r.id, d.id, c.id];

      // Inside the exercise: there.
      assert.ok(ids(await call('GET', '/api/v1/notifications', 'BY', undefined, ex.id)).includes(n.id));
      assert.ok(ids(await call('GET', '/api/v1/requests?box=inbox', 'BY', undefined, ex.id)).includes(r.id));
      assert.ok(ids(await call('GET', '/api/v1/library?q=scenario', 'BY', undefined, ex.id)).includes(d.id));
      assert.ok(ids(await call('GET', '/api/v1/cases', 'BY', undefined, ex.id)).includes(c.id));
      // Outside it, on every path: not there, for its maker either.
      for (const p of ['KZ', 'BY']) {
        for (const url of [
          '/api/v1/notifications',
          '/api/v1/requests',
          '/api/v1/cases',
          '/api/v1/library',
          '/api/v1/library?q=scenario',
          '/api/v1/objects?limit=1000',
        ]) {
          const body = (await call('GET', url, p)).body;
          for (const id of exIds) assert.ok(!body.includes(id), `${id} leaked to ${p} via ${url}`);
        }
        for (const id of exIds) {
          const kind = id.split('--')[0]!.replace('x-accord-', '');
          const paths: Record<string, string> = {
            notification: 'notifications',
            request: 'requests',
            document: 'library',
            case: 'cases',
          };
          const path = paths[kind];
          assert.equal((await call('GET', `/api/v1/${path}/${id}`, p)).statusCode, 404);
          assert.equal((await call('GET', `/api/v1/objects/${id}`, p)).statusCode, 404);
        }
      }
      // Real data does not enter the exercise either.
      const real = (await call('GET', '/api/v1/library', 'KZ', undefined, ex.id)).json();
      assert.deepEqual(ids({ json: () => real }), [d.id]);
      // A Party outside the exercise cannot work in it.
      assert.equal((await call('GET', '/api/v1/notifications', 'KG', undefined, ex.id)).statusCode, 404);

      assert.equal(
        (await call('POST', `/api/v1/exercises/${ex.id}/purge`, 'KZ')).statusCode,
        409,
        'end it first',
      );
      assert.equal((await call('POST', `/api/v1/exercises/${ex.id}/end`, 'KZ')).statusCode, 200);
      const purged = await call('POST', `/api/v1/exercises/${ex.id}/purge`, 'KZ');
      assert.equal(purged.statusCode, 200, purged.body);
      assert.ok(purged.json().removed.objects >= 4);
      assert.equal((await call('GET', '/api/v1/notifications', 'BY', undefined, ex.id)).statusCode, 409);
    });

    test('a joint case shows each Party only the gathered records it may see', async () => {
      const secret = (
        await call('POST', '/api/v1/notifications', 'KZ', {
          kind: 'threat',
          severity: 'low',
          summary: 'for BY only',
          recipients: ['BY'],
        })
      ).json();
      const c = (
        await call('POST', '/api/v1/cases', 'KZ', {
          title: 'APT campaign',
          participants: ['BY', 'KG'],
          refs: [secret.id],
        })
      ).json();
      const m = (
        await call('POST', `/api/v1/cases/${c.id}/measures`, 'KZ', {
          title: 'Sinkhole C2',
          assignee: 'KG',
          due: '2030-01-01',
        })
      ).json();
      const mid = m.measures[0].id;
      const upd = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${c.id}/measures/${mid}`,
        headers: bearer(tok.KG!),
        payload: { state: 'done' },
      });
      assert.equal(upd.statusCode, 200, upd.body);
      assert.deepEqual((await call('GET', `/api/v1/cases/${c.id}`, 'BY')).json().refs, [secret.id]);
      const kg = (await call('GET', `/api/v1/cases/${c.id}`, 'KG')).json();
      assert.deepEqual(kg.refs, []);
      assert.equal(kg.measures[0].state, 'done');
      assert.deepEqual(
        kg.timeline.map((e: { action: string }) => e.action),
        ['opened', 'measure-added', 'measure-updated'],
      );
      assert.equal((await call('GET', `/api/v1/cases/${c.id}`, 'TJ')).statusCode, 404);
    });

    test('jurisdiction routing proposes the Party for addresses, ranges, AS numbers and domains, and unknown otherwise', async () => {
      const values = {
        '45.139.179.10': 'KZ',
        '155.212.244.0/24': 'BY',
        '178.219.159.7': 'KG',
        '195.58.156.1': 'TJ',
        '91.103.24.0/21': 'AM',
        '5.44.0.0/20': 'RU',
        '2a04:2c0::1': 'TJ',
        '2001:67c:14a8::/48': 'KZ',
        'example.kz': 'KZ',
        'пример.қаз': 'KZ',
        'сайт.рф': 'RU',
        'xn--p1ai.xn--p1ai': 'RU',
        'a.бел': 'BY',
        'b.by': 'BY',
        'c.հայ': 'AM',
        'd.am': 'AM',
        'e.kg': 'KG',
        'f.tj': 'TJ',
        'g.ru': 'RU',
        '8.8.8.8': null,
        'example.com': null,
        '10.0.0.1': null,
        AS9198: 'KZ',
        AS6697: 'BY',
        AS12389: 'RU',
        as8449: 'KG',
        AS12297: 'AM',
        AS24722: 'TJ',
        AS15169: null,
        AS12345: null,
        'not a value': null,
      } as Record<string, string | null>;
      const r = await call('POST', '/api/v1/jurisdiction', 'KZ', { values: Object.keys(values) });
      assert.equal(r.statusCode, 200, r.body);
      const got = Object.fromEntries(
        r.json().items.map((i: { value: string; party: string | null }) => [i.value, i.party]),
      );
      assert.deepEqual(got, values);
      assert.match(r.json().data.date, /^\d{4}-\d{2}-\d{2}$/);
      const u = (await call('GET', '/api/v1/jurisdiction?value=8.8.8.8', 'KZ')).json().items[0];
      assert.equal(u.status, 'unknown');
    });
  });
}
