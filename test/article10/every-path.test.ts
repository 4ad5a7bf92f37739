import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decisionId } from '../../src/exchange/consent-service.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { runCli } from '../helpers/cli.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  EXPECTED,
  IDS,
  type Key,
  leaked,
  MARKER,
  type Scenario,
  startScenario,
  TAXII_ACCEPT,
  TAXII_ALL,
} from './scenario.js';

const ALL_KEYS = Object.keys(IDS) as Key[];
const sorted = (xs: Key[]) => [...xs].sort();

for (const backend of BACKENDS) {
  describe(`Article 10 on every way out (${backend.name})`, () => {
    let s: Scenario;
    before(async () => {
      s = await startScenario(backend);
    });
    after(() => s.t.dispose());

    const get = (token: string, url: string, headers: Record<string, string> = {}) =>
      s.t.app.inject({ url, headers: { ...bearer(token), ...headers } });

    for (const party of Object.keys(EXPECTED)) {
      const expected = sorted(EXPECTED[party]!);

      test(`${party}: REST list shows exactly what the rules allow`, async () => {
        const r = await get(s.tokens[party]!, '/api/v1/objects?limit=1000');
        assert.equal(r.statusCode, 200);
        assert.deepEqual(sorted(leaked(r.body)), expected);
      });

      test(`${party}: REST get answers 404 for each object it may not see, as for one that does not exist`, async () => {
        const missing = await get(
          s.tokens[party]!,
          '/api/v1/objects/indicator--0d000000-0000-4000-8000-0000000000aa',
        );
        for (const key of ALL_KEYS) {
          const r = await get(s.tokens[party]!, `/api/v1/objects/${IDS[key]}`);
          if (expected.includes(key)) {
            assert.equal(r.statusCode, 200, `${party} should see ${key}`);
          } else {
            assert.equal(r.statusCode, 404, `${party} must not see ${key}`);
            assert.deepEqual(leaked(r.body), []);
            assert.equal(r.json().error.code, missing.json().error.code);
          }
        }
      });

      test(`${party}: objects pulled in by reference pass the policy too`, async () => {
        const r = await get(s.tokens[party]!, `/api/v1/objects/${IDS.rel}?include=refs`);
        if (!expected.includes('rel')) return assert.equal(r.statusCode, 404);
        const refs = r
          .json()
          .references.map((i: { object: { id: string } }) => i.object.id)
          // The TLP definitions are published to every reader (docs/taxii.md): not Party data.
          .filter((id: string) => !(Object.values(TLP2_IDS) as string[]).includes(id))
          .sort();
        const allowed = [IDS.green, IDS.red].filter((id) => expected.some((k) => IDS[k] === id)).sort();
        assert.deepEqual(refs, allowed);
      });

      test(`${party}: TAXII objects, manifest, object and versions show the same`, async () => {
        const h = { accept: TAXII_ACCEPT };
        const objects = await get(s.tokens[party]!, `${TAXII_ALL}/objects/?limit=1000`, h);
        assert.equal(objects.statusCode, 200, objects.body);
        assert.deepEqual(sorted(leaked(objects.body)), expected);
        const manifest = await get(s.tokens[party]!, `${TAXII_ALL}/manifest/?limit=1000`, h);
        const listed = manifest.json().objects?.map((o: { id: string }) => o.id) ?? [];
        assert.deepEqual(
          listed.filter((id: string) => Object.values(IDS).includes(id as never)).sort(),
          expected.map((k) => IDS[k]).sort(),
        );
        for (const key of ALL_KEYS) {
          const one = await get(s.tokens[party]!, `${TAXII_ALL}/objects/${IDS[key]}/`, h);
          const versions = await get(s.tokens[party]!, `${TAXII_ALL}/objects/${IDS[key]}/versions/`, h);
          const visible = expected.includes(key);
          assert.equal(one.statusCode, visible ? 200 : 404, `${party} ${key} object`);
          assert.equal(versions.statusCode, visible ? 200 : 404, `${party} ${key} versions`);
          if (!visible) assert.deepEqual(leaked(one.body + versions.body), []);
        }
      });

      test(`${party}: a lookup knows exactly the indicators' values it may see ("known" is a disclosure)`, async () => {
        const indicators: Key[] = ALL_KEYS.filter((k) => k !== 'red' && k !== 'rel');
        const values = indicators.map((k) => `${MARKER[k].toLowerCase()}.example`);
        const r = await s.t.app.inject({
          method: 'POST',
          url: '/api/v1/lookup',
          headers: bearer(s.tokens[party]!),
          payload: { values },
        });
        assert.equal(r.statusCode, 200, r.body);
        const known = indicators.filter((_, i) => r.json().results[i].known);
        assert.deepEqual(sorted(known), sorted(expected.filter((k) => indicators.includes(k))));
        for (const [i, k] of indicators.entries()) {
          if (expected.includes(k)) continue;
          const res = r.json().results[i];
          assert.deepEqual(res.matches, []);
          assert.deepEqual(res.reported_by, []);
          assert.ok(!r.body.includes(IDS[k]), `${party} lookup named ${k}`);
        }
      });
    }

    test('an export for a Party holds what that Party may receive, and no more', async () => {
      const dir = s.t.node.dataDir;
      for (const party of ['TJ', 'KG', 'RU']) {
        const r = await runCli(['export', '--data', dir, '--db', dbUrl(s), '--for', party]);
        assert.equal(r.code, 0, r.stderr);
        assert.deepEqual(sorted(leaked(r.stdout)), sorted(EXPECTED[party]!));
      }
    });

    test('written consent lets a third party receive one object, until it is withdrawn', async () => {
      const ru = s.tokens.RU!;
      assert.equal((await get(ru, `/api/v1/objects/${IDS.amber}`)).statusCode, 404);
      const ask = await s.t.app.inject({
        method: 'POST',
        url: '/api/v1/consents',
        headers: bearer(s.liaison.BY!),
        payload: {
          object_ids: [IDS.amber],
          recipient: { kind: 'party', party: 'RU' },
          purpose: 'joint investigation',
          valid_until: '2099-12-31',
        },
      });
      assert.equal(ask.statusCode, 201, ask.body);
      const id = ask.json().id;
      assert.equal(ask.json().grantor, 'KZ');
      assert.equal(
        (await get(ru, `/api/v1/objects/${IDS.amber}`)).statusCode,
        404,
        'a request is not a consent',
      );

      const byKg = await s.t.app.inject({
        method: 'POST',
        url: `/api/v1/consents/${id}/grant`,
        headers: bearer(s.liaison.KG!),
      });
      assert.equal(
        byKg.statusCode,
        404,
        'a Party that is neither requester nor originator does not see the consent',
      );
      const byAnalyst = await s.t.app.inject({
        method: 'POST',
        url: `/api/v1/consents/${id}/grant`,
        headers: bearer(s.tokens.KZ!),
      });
      assert.equal(byAnalyst.statusCode, 403, 'only a liaison officer signs');

      const grant = await s.t.app.inject({
        method: 'POST',
        url: `/api/v1/consents/${id}/grant`,
        headers: bearer(s.liaison.KZ!),
      });
      assert.equal(grant.statusCode, 200, grant.body);
      assert.equal(grant.json().status, 'granted');
      const seen = await get(ru, `/api/v1/objects/${IDS.amber}`);
      assert.equal(seen.statusCode, 200);
      assert.deepEqual(leaked((await get(ru, '/api/v1/objects?limit=1000')).body).sort(), ['amber', 'clear']);
      assert.equal(
        (await get(ru, `/api/v1/objects/${IDS.red}`)).statusCode,
        404,
        'the consent covers its object only',
      );

      // The decision is KG's own object (the request's id is the requester's), naming the request.
      const signed = await get(s.tokens.KZ!, `/api/v1/objects/${decisionId(id)}`);
      assert.equal(signed.statusCode, 200);
      assert.equal(signed.json().meta.signed, true, 'a grant is stored as a signed x-accord-consent object');
      assert.equal(signed.json().object.request_ref, id);

      const again = await s.t.app.inject({
        method: 'POST',
        url: `/api/v1/consents/${id}/grant`,
        headers: bearer(s.liaison.KZ!),
      });
      assert.equal(again.statusCode, 409);

      const withdraw = await s.t.app.inject({
        method: 'POST',
        url: `/api/v1/consents/${id}/withdraw`,
        headers: bearer(s.liaison.KZ!),
      });
      assert.equal(withdraw.statusCode, 200);
      assert.equal(
        (await get(ru, `/api/v1/objects/${IDS.amber}`)).statusCode,
        404,
        'withdrawn for future disclosures',
      );
    });

    test('asking consent for an object one cannot see looks like asking for one that does not exist', async () => {
      const r = await s.t.app.inject({
        method: 'POST',
        url: '/api/v1/consents',
        headers: bearer(s.liaison.KG!),
        payload: {
          object_ids: [IDS.red],
          recipient: { kind: 'third-party', id: 'INTERPOL' },
          purpose: 'x',
          valid_until: '2099-12-31',
        },
      });
      assert.equal(r.statusCode, 404);
      assert.deepEqual(leaked(r.body), []);
    });

    test('the disclosures were written to an intact audit chain', async () => {
      const log = await get(s.admin, '/api/v1/audit?action=disclosure&limit=1000');
      assert.equal(log.statusCode, 200);
      const entries = log.json().items as {
        details: { recipient: { party?: string }; objects: { id: string }[] };
      }[];
      const toBy = entries
        .filter((e) => e.details.recipient.party === 'BY')
        .flatMap((e) => e.details.objects.map((o) => o.id));
      assert.ok(toBy.includes(IDS.red), 'BY reading the RED report is on record');
      const toKg = entries
        .filter((e) => e.details.recipient.party === 'KG')
        .flatMap((e) => e.details.objects.map((o) => o.id));
      assert.ok(!toKg.includes(IDS.red));
      const verify = await get(s.admin, '/api/v1/audit/verify');
      assert.equal(verify.json().ok, true);
      assert.equal(
        (await get(s.tokens.KZ!, '/api/v1/audit')).statusCode,
        403,
        'the log is for administrators',
      );
    });

    test('the markers are really in the objects (the test can fail)', async () => {
      const r = await get(s.tokens.KZ!, '/api/v1/objects?limit=1000');
      for (const key of ALL_KEYS) assert.ok(r.body.includes(MARKER[key]), key);
    });
  });
}

function dbUrl(s: Scenario): string {
  return s.t.node.store.db.display.includes('***') ? '' : s.t.node.store.db.display;
}
