import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import { IDS, leaked, MARKER, type Scenario, startScenario, TAXII_ACCEPT } from './scenario.js';

// KG is a Party in force that the RED report is not released to and that is not accredited
// for the classified indicator. Every route the app has is called as a KG user, with the
// withheld objects' ids wherever a route takes an id, and nothing of them may come back.
// A route added later is walked too: if it forgets the policy gate, this test fails.
const WITHHELD = ['red', 'classified'] as const;

/** A value for each path parameter; a route with a parameter not named here fails the test. */
function paramValue(name: string, url: string): string | undefined {
  if (name === 'collectionId') return ALL_OBJECTS_ID;
  if (name === 'objectId') return IDS.red;
  if (name === 'statusId') return randomUUID();
  if (name === 'measure') return randomUUID();
  if (name === 'party') return 'KG';
  // The MISP feed's manifest names every event (report) the reader receives, with its info.
  if (name === 'file' && url.startsWith('/feeds/misp')) return 'manifest.json';
  if (name === 'file') return url.startsWith('/feeds') ? 'values.csv' : '0'.repeat(64);
  if (name === 'name') return 'default';
  if (name === 'id') return url.includes('consents') ? `x-accord-consent--${randomUUID()}` : IDS.red;
  return undefined;
}

function concrete(url: string): { path: string; unknown: string[] } {
  const unknown: string[] = [];
  const path = url
    .replace(/:([A-Za-z_]+)/g, (_, name: string) => {
      const v = paramValue(name, url);
      if (v === undefined) unknown.push(name);
      return v ?? 'x';
    })
    .replace(/\*/g, 'index.html');
  return { path, unknown };
}

for (const backend of BACKENDS) {
  describe(`every route withholds what the policy denies (${backend.name})`, () => {
    let s: Scenario;
    before(async () => {
      s = await startScenario(backend);
    });
    after(() => s.t.dispose());

    test('the app has the routes this test expects to walk', () => {
      const urls = s.t.app.routeList.map((r) => `${r.method} ${r.url}`);
      for (const must of ['GET /api/v1/objects', 'GET /api/v1/objects/:id', 'POST /api/v1/bundles']) {
        assert.ok(urls.includes(must), `${must} is not registered`);
      }
      assert.ok(
        urls.some((u) => u.startsWith('GET /taxii2/')),
        'TAXII routes are walked too',
      );
    });

    test('no route discloses a withheld object, whatever the method', async () => {
      const routes = [...s.t.app.routeList].sort((a, b) => order(a.method) - order(b.method));
      const problems: string[] = [];
      for (const route of routes) {
        const { path, unknown } = concrete(route.url);
        if (unknown.length > 0) {
          problems.push(`${route.method} ${route.url}: add a value for :${unknown.join(', :')} to this test`);
          continue;
        }
        const body = route.method === 'GET' || route.method === 'DELETE' ? undefined : probeBody();
        const r = await s.t.app.inject({
          method: route.method as 'GET',
          url: path,
          headers: {
            ...bearer(s.tokens.KG!),
            accept: path.startsWith('/taxii2') ? TAXII_ACCEPT : 'application/json',
            ...(body
              ? { 'content-type': path.startsWith('/taxii2') ? TAXII_ACCEPT : 'application/json' }
              : {}),
          },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });
        if (r.statusCode >= 500)
          problems.push(`${route.method} ${path}: ${r.statusCode} ${r.body.slice(0, 200)}`);
        const found = leaked(r.body).filter((k) => (WITHHELD as readonly string[]).includes(k));
        if (found.length > 0) problems.push(`${route.method} ${path} leaked ${found.join(', ')}`);
        // An id is a disclosure too ("this exists"), unless the caller sent it.
        for (const k of WITHHELD) {
          if (
            r.body.includes(IDS[k]) &&
            !path.includes(IDS[k]) &&
            !JSON.stringify(body ?? '').includes(IDS[k])
          ) {
            problems.push(`${route.method} ${path} named ${k} (${IDS[k]})`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    test('after every route was tried as KG, the withheld objects are intact for their originator', async () => {
      for (const k of WITHHELD) {
        const r = await s.t.app.inject({ url: `/api/v1/objects/${IDS[k]}`, headers: bearer(s.tokens.KZ!) });
        assert.equal(r.statusCode, 200, `${k} was changed or deleted by a Party that may not see it`);
        assert.ok(r.body.includes(MARKER[k]));
      }
    });
  });
}

/** Reads first, writes after, deletions last: a write that worked must not hide a read leak. */
function order(method: string): number {
  return method === 'GET' ? 0 : method === 'DELETE' ? 2 : 1;
}

/** A body that names the withheld objects the way most write routes take ids. */
function probeBody(): Record<string, unknown> {
  return {
    object_ids: [IDS.red, IDS.classified],
    objects: [
      {
        type: 'relationship',
        id: `relationship--${randomUUID()}`,
        source_ref: IDS.red,
        target_ref: IDS.classified,
      },
    ],
    recipient: { kind: 'third-party', id: 'probe' },
    purpose: 'probe',
    valid_until: '2099-12-31',
  };
}
