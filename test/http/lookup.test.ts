import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { importStix } from '../../src/node/ingest.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

const T = '2026-01-10T08:00:00.000Z';

function indicator(name: string, pattern: string, tlp: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: T,
    modified: T,
    name,
    pattern,
    pattern_type: 'stix',
    valid_from: T,
    object_marking_refs: [tlp],
    ...extra,
  };
}

const bundle = (...objects: object[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });

for (const backend of BACKENDS) {
  describe(`lookup of pasted values (${backend.name})`, () => {
    let t: TestNode;
    let kz: string;
    let by: string;
    const kzRange = indicator('KZ C2 range', "[ipv4-addr:value = '198.51.100.0/24']", TLP2_IDS.green);
    const kzDomain = indicator('KZ phishing domain', "[domain-name:value = 'evil.example']", TLP2_IDS.green);
    const kzOld = indicator('KZ expired', "[ipv4-addr:value = '192.0.2.50']", TLP2_IDS.green, {
      valid_from: '2019-01-01T00:00:00Z',
      valid_until: '2020-01-01T00:00:00Z',
    });
    const byHost = indicator('BY C2 host', "[ipv4-addr:value = '198.51.100.7']", TLP2_IDS.green);
    const byRed = indicator('BY red', "[domain-name:value = 'secret.example']", TLP2_IDS.red);
    const sighting = {
      type: 'sighting',
      spec_version: '2.1',
      id: `sighting--${randomUUID()}`,
      created: T,
      modified: T,
      sighting_of_ref: byHost.id,
      count: 3,
      first_seen: '2026-01-11T00:00:00Z',
      last_seen: '2026-01-12T00:00:00Z',
      object_marking_refs: [TLP2_IDS.green],
    };

    const lookup = (token: string, values: string[], extra: object = {}) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/lookup',
        headers: bearer(token),
        payload: { values, ...extra },
      });

    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
      by = await t.tokenFor('BY');
      const mine = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle(kzRange, kzDomain, kzOld),
      });
      assert.equal(mine.statusCode, 201, mine.body);
      // BY's indicators, as federation stores them: originated by BY, held on KZ's node.
      const theirs = await importStix(
        t.node,
        { party: 'BY', sourceNode: 'accord-by-test' },
        bundle(byHost, byRed),
      );
      assert.ok(theirs.ok, JSON.stringify(theirs.errors));
      const seen = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle(sighting),
      });
      assert.equal(seen.statusCode, 201, seen.body);
    });
    after(() => t.dispose());

    test('an address: every object on it, who reported it, and its sightings', async () => {
      const r = await lookup(kz, ['198.51.100.7']);
      assert.equal(r.statusCode, 200, r.body);
      const [res] = r.json().results;
      assert.equal(res.known, true);
      assert.equal(res.kind, 'ipv4');
      assert.deepEqual(
        res.matches.map((m: { id: string; how: string; originator: string }) => [m.id, m.how, m.originator]),
        [
          [byHost.id, 'exact', 'BY'],
          [kzRange.id, 'range', 'KZ'],
        ],
      );
      assert.equal(res.matches[1].matched, '198.51.100.0/24');
      assert.deepEqual(res.reported_by, ['BY', 'KZ'], 'also reported by: the correlation');
      assert.deepEqual(res.matches[0].sightings, {
        count: 3,
        first_seen: '2026-01-11T00:00:00Z',
        last_seen: '2026-01-12T00:00:00Z',
        reporters: ['KZ'],
      });
      assert.equal(res.sightings.count, 3);
    });

    test('a pasted list: names under a reported domain, unknowns, and what is not a value at all', async () => {
      const r = await lookup(kz, [
        'WWW.Evil.Example.',
        '203.0.113.1',
        'hello',
        'https://login.evil.example/x',
      ]);
      const results = r.json().results;
      assert.equal(results[0].known, true);
      assert.equal(results[0].normalised, 'www.evil.example');
      assert.equal(results[0].matches[0].how, 'parent-domain');
      assert.equal(results[1].known, false);
      assert.equal(results[2].kind, null);
      assert.match(results[2].error, /not an IP address/);
      assert.equal(results[3].matches[0].how, 'url-host');
      assert.deepEqual(r.json().summary, { checked: 4, known: 2, unrecognised: 1 });
    });

    test('TLP:RED of another Party is unknown to KZ, and known to its originator', async () => {
      const asKz = (await lookup(kz, ['secret.example'])).json().results[0];
      assert.equal(asKz.known, false);
      assert.ok(!JSON.stringify(asKz).includes(byRed.id));
      const asBy = (await lookup(by, ['secret.example'])).json().results[0];
      assert.equal(asBy.known, true);
      assert.equal(asBy.matches[0].id, byRed.id);
    });

    test('an expired indicator counts only when asked for, and says so', async () => {
      assert.equal((await lookup(kz, ['192.0.2.50'])).json().results[0].known, false);
      const r = (await lookup(kz, ['192.0.2.50'], { include_expired: true })).json().results[0];
      assert.equal(r.known, true);
      assert.equal(r.matches[0].expired, true);
    });

    test('a new version that changes the pattern, and a revocation, are followed at once', async () => {
      const later = '2026-02-01T00:00:00.000Z';
      const moved = { ...kzDomain, modified: later, pattern: "[domain-name:value = 'moved.example']" };
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle(moved),
      });
      assert.equal((await lookup(kz, ['evil.example'])).json().results[0].known, false);
      assert.equal((await lookup(kz, ['moved.example'])).json().results[0].known, true);
      const revoked = { ...moved, modified: '2026-03-01T00:00:00.000Z', revoked: true };
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle(revoked),
      });
      assert.equal((await lookup(kz, ['moved.example'])).json().results[0].known, false);
    });

    test('when the exact entry went stale, the object still matches by the range it now holds', async () => {
      const v1 = indicator(
        'KZ narrowing',
        "[ipv4-addr:value = '192.0.2.77'] OR [ipv4-addr:value = '192.0.2.0/24']",
        TLP2_IDS.green,
      );
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle(v1),
      });
      assert.equal((await lookup(kz, ['192.0.2.77'])).json().results[0].matches[0].how, 'exact');
      const v2 = {
        ...v1,
        modified: '2026-02-01T00:00:00.000Z',
        pattern: "[ipv4-addr:value = '192.0.2.0/24']",
      };
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle(v2),
      });
      const r = (await lookup(kz, ['192.0.2.77'])).json().results[0];
      assert.deepEqual(
        r.matches.map((m: { id: string; how: string }) => [m.id, m.how]),
        [[v1.id, 'range']],
      );
    });

    test('an object stored by another path after the index was built is found', async () => {
      const fresh = indicator('TJ new', "[url:value = 'http://drop.example/a.exe']", TLP2_IDS.clear);
      await importStix(t.node, { party: 'TJ', sourceNode: 'accord-tj-test' }, bundle(fresh));
      const r = (await lookup(kz, ['HTTP://drop.example/a.exe'])).json().results[0];
      assert.deepEqual(r.reported_by, ['TJ']);
    });

    test('the objects list searches names and patterns, case-insensitively, within the policy', async () => {
      const search = async (token: string, q: string) =>
        (await t.app.inject({ url: `/api/v1/objects?q=${encodeURIComponent(q)}`, headers: bearer(token) }))
          .json()
          .items.map((i: { object: { id: string } }) => i.object.id)
          .sort();
      assert.deepEqual(await search(kz, 'c2 HOST'), [byHost.id]);
      assert.deepEqual(await search(kz, "'198.51.100."), [kzRange.id, byHost.id].sort());
      assert.deepEqual(await search(kz, 'BY red'), [], 'a withheld object is not found by its name');
      assert.deepEqual(await search(by, 'BY red'), [byRed.id]);
      assert.deepEqual(await search(kz, '100%'), [], '% is a character, not a wildcard');
      const short = await t.app.inject({ url: '/api/v1/objects?q=x', headers: bearer(kz) });
      assert.equal(short.statusCode, 400);
    });

    test('one value by GET, for scripts', async () => {
      const r = await t.app.inject({ url: '/api/v1/lookup?value=198.51.100.200', headers: bearer(kz) });
      assert.equal(r.statusCode, 200);
      assert.equal(r.json().results[0].matches[0].id, kzRange.id);
    });

    test('a lookup that matched another Party’s object is written to the audit log', async () => {
      const admin = await t.tokenFor('KZ', 'admin');
      const log = await t.app.inject({
        url: '/api/v1/audit?action=disclosure&limit=1000',
        headers: bearer(admin),
      });
      const channels = log
        .json()
        .items.filter((e: { details: { objects: { id: string }[] } }) =>
          e.details.objects.some((o) => o.id === byHost.id),
        )
        .map((e: { details: { channel: string } }) => e.details.channel);
      assert.ok(channels.includes('lookup'), JSON.stringify(channels));
    });

    test('bad requests say what is wrong and where', async () => {
      const empty = await lookup(kz, []);
      assert.equal(empty.statusCode, 400);
      assert.match(empty.json().error.message, /values/);
      const tooMany = await lookup(
        kz,
        Array.from({ length: 10_001 }, (_, i) => `10.0.${i >> 8}.${i & 255}`),
      );
      assert.equal(tooMany.statusCode, 400);
      const tooLong = await t.app.inject({
        method: 'POST',
        url: '/api/v1/lookup',
        headers: bearer(kz),
        payload: { values: ['1.2.3.4', 'x'.repeat(2049)] },
      });
      assert.equal(tooLong.statusCode, 400);
      assert.match(JSON.stringify(tooLong.json().error), /values\/1|values\[1\]/);
      const noValue = await t.app.inject({ url: '/api/v1/lookup', headers: bearer(kz) });
      assert.equal(noValue.statusCode, 400);
      const anonymous = await t.app.inject({
        method: 'POST',
        url: '/api/v1/lookup',
        payload: { values: ['1.2.3.4'] },
      });
      assert.equal(anonymous.statusCode, 401);
    });
  });
}

for (const backend of BACKENDS) {
  describe(`reporting sightings (${backend.name})`, () => {
    let t: TestNode;
    let kz: string;
    let by: string;
    const byGreen = indicator(
      'BY C2 for sighting',
      "[domain-name:value = 'sighted.example']",
      TLP2_IDS.green,
    );
    const byRed = indicator('BY red for sighting', "[domain-name:value = 'hidden.example']", TLP2_IDS.red);
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
      by = await t.tokenFor('BY');
      const r = await importStix(
        t.node,
        { party: 'BY', sourceNode: 'accord-by-test' },
        bundle(byGreen, byRed),
      );
      assert.ok(r.ok);
    });
    after(() => t.dispose());

    const sight = (token: string, payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/v1/sightings', headers: bearer(token), payload });

    test('a sighting of another Party’s indicator is signed for the reporter and counted by the originator', async () => {
      const r = await sight(kz, {
        of: byGreen.id,
        count: 5,
        first_seen: '2026-02-01T00:00:00Z',
        last_seen: '2026-02-02T00:00:00Z',
      });
      assert.equal(r.statusCode, 201, r.body);
      const s = r.json();
      assert.equal(s.type, 'sighting');
      assert.equal(s.sighting_of_ref, byGreen.id);
      assert.deepEqual(s.object_marking_refs, [TLP2_IDS.amber], 'AMBER unless said otherwise');
      const stored = await t.app.inject({ url: `/api/v1/objects/${s.id}`, headers: bearer(kz) });
      assert.equal(stored.json().meta.originator, 'KZ');
      assert.equal(stored.json().meta.signed, true);
      const seen = (
        await t.app.inject({
          method: 'POST',
          url: '/api/v1/lookup',
          headers: bearer(by),
          payload: { values: ['www.sighted.example'] },
        })
      ).json().results[0];
      assert.deepEqual(seen.sightings, {
        count: 5,
        first_seen: '2026-02-01T00:00:00Z',
        last_seen: '2026-02-02T00:00:00Z',
        reporters: ['KZ'],
      });
    });

    test('a sighting the asker may not see is not counted in its lookups', async () => {
      // BY sights its own GREEN indicator under TLP:RED (no one named: BY alone).
      const red = {
        type: 'sighting',
        spec_version: '2.1',
        id: 'sighting--7d000000-0000-4000-8000-000000000001',
        created: T,
        modified: T,
        sighting_of_ref: byGreen.id,
        count: 100,
        object_marking_refs: [TLP2_IDS.red],
      };
      assert.ok((await importStix(t.node, { party: 'BY', sourceNode: 'accord-by-test' }, red)).ok);
      const count = async (token: string) =>
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/lookup',
            headers: bearer(token),
            payload: { values: ['sighted.example'] },
          })
        ).json().results[0].sightings;
      assert.equal((await count(kz)).count, 5, 'KZ counts its own AMBER sighting only');
      assert.deepEqual((await count(kz)).reporters, ['KZ']);
      assert.equal((await count(by)).count, 105, 'BY sees both');
    });

    test('one cannot sight what one may not see: 404, as for what does not exist', async () => {
      const hidden = await sight(kz, { of: byRed.id });
      const missing = await sight(kz, { of: 'indicator--00000000-0000-4000-8000-000000000000' });
      assert.equal(hidden.statusCode, 404);
      assert.equal(missing.statusCode, 404);
      assert.equal(hidden.json().error.code, missing.json().error.code);
      assert.ok(!hidden.body.includes('BY red'));
    });

    test('bad reports say what is wrong and where; nothing is stored', async () => {
      const zero = await sight(kz, { of: byGreen.id, count: 0 });
      assert.equal(zero.statusCode, 400);
      assert.match(zero.body, /count/);
      const order = await sight(kz, {
        of: byGreen.id,
        first_seen: '2026-02-02T00:00:00Z',
        last_seen: '2026-02-01T00:00:00Z',
      });
      assert.equal(order.statusCode, 400);
      assert.match(order.body, /\$\.last_seen/);
      const list = await t.app.inject({ url: '/api/v1/objects?type=sighting', headers: bearer(kz) });
      assert.equal(list.json().items.length, 1, 'only the first test’s sighting');
    });
  });
}
