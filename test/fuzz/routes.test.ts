// Every route that takes a body, walked from app.routeList, gets arbitrary and hostile JSON
// (deep nesting, long lists, unpaired surrogates, numbers out of range, patterns built from
// the grammar) as each role: the node answers every one with a status below 500 and, off
// TAXII (whose errors have their own shape), with {"error":{"code","message"}}. Bounded in
// time; SQLite always, PostgreSQL when ACCORD_TEST_POSTGRES names a server (fewer runs).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import { bodyText, deepText } from './hostile.js';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ROLES = ['analyst', 'liaison', 'admin'] as const;
/** Time for generated bodies after the fixed ones, per store: the suite stays within two minutes. */
const RANDOM_MS = { sqlite: 25_000, postgres: 5_000 };

const pathValue = fc.oneof(
  fc.uuid().map((u) => `indicator--${u}`),
  fc.uuid(),
  fc.constantFrom(ALL_OBJECTS_ID, '%00', '..%2F..', 'x'.repeat(300), '%E0%A4%A'),
);

function concrete(url: string, values: string[]): string {
  let i = 0;
  return url.replace(/:([A-Za-z_]+)/g, () => values[i++ % values.length]!);
}

const INDICATOR_HEAD =
  '{"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-0000000000aa","created":"2026-01-10T08:00:00.000Z","modified":"2026-01-10T08:00:00.000Z","valid_from":"2026-01-10T08:00:00.000Z","pattern_type":"stix"';
const wrap = (objects: string) =>
  `{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000bb","objects":[${objects}],"values":["1.2.3.4"]}`;

/** Bodies every route gets, whatever the generator draws: the attacks of issue 12 among them. */
const FIXED = [
  wrap(`${INDICATOR_HEAD},"pattern":"[ipv4-addr:value = '1.2.3.4']","x_deep":${deepText(6_000, 'object')}}`),
  wrap(
    `${INDICATOR_HEAD},"pattern":"${'('.repeat(5_000)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(5_000)}"}`,
  ),
  wrap(
    `${INDICATOR_HEAD},"pattern":"${"[ipv4-addr:value = '1.2.3.4'] AND ".repeat(1_000)}[file:name = 'x']"}`,
  ),
  wrap(`${INDICATOR_HEAD},"pattern":"[ipv4-addr:value = '1.2.3.4']","name":"\\ud800","x_\\udc00":1}`),
  `{"values":${deepText(100_000, 'array')}}`,
  '{"values":["\\ud800"],"name":"\\udc00","objects":[{"type":"ipv4-addr","value":"\\ud800"}]}',
  '{"values":[1e999],"count":-1e999,"objects":[{"type":"ipv4-addr","x":1e999}]}',
  `{"objects":[{"type":"ipv4-addr","values":[${'0,'.repeat(100_000)}0]}],"values":["1.2.3.4"]}`,
  '',
  '{',
];

for (const backend of BACKENDS) {
  describe(`fuzzing every body-taking route (${backend.name})`, () => {
    let t: TestNode;
    const tokens: string[] = [];
    let routes: { method: string; url: string }[] = [];

    before(async () => {
      t = await startTestNode(backend);
      for (const role of ROLES) tokens.push(await t.tokenFor('KZ', role));
      await t.app.ready();
      routes = t.app.routeList.filter((r) => BODY_METHODS.has(r.method));
    });
    after(async () => t.dispose());

    test('no body, path or role gets a 5xx, and errors are in the catalogue shape', {
      timeout: 120_000,
    }, async () => {
      assert.ok(routes.length >= 30, `only ${routes.length} body-taking routes found`);
      const send = async (
        route: { method: string; url: string },
        body: string,
        params: string[],
        who: number,
      ) => {
        const taxii = route.url.startsWith('/taxii2/');
        const r = await t.app.inject({
          method: route.method as 'POST',
          url: concrete(route.url, params),
          headers: {
            ...bearer(tokens[who % tokens.length]!),
            'content-type': taxii ? 'application/taxii+json;version=2.1' : 'application/json',
            accept: taxii ? 'application/taxii+json;version=2.1' : 'application/json',
          },
          payload: body,
        });
        const what = `${route.method} ${route.url} with ${body.slice(0, 120)}`;
        assert.ok(r.statusCode < 500, `${what}: ${r.statusCode} ${r.body.slice(0, 300)}`);
        if (r.statusCode >= 400 && !taxii) {
          const e = (r.json() as { error?: { code?: unknown; message?: unknown } }).error;
          assert.ok(
            typeof e?.code === 'string' && typeof e.message === 'string',
            `${what}: ${r.body.slice(0, 300)}`,
          );
        }
      };
      for (const route of routes) {
        for (const [i, body] of FIXED.entries()) await send(route, body, [randomUUID()], i);
      }
      // Then generated bodies, round-robin over the routes: one round at least, more while time lasts.
      const deadline = Date.now() + RANDOM_MS[backend.name];
      let runs = 0;
      while (runs === 0 || Date.now() < deadline) {
        for (const route of routes) {
          if (runs >= routes.length && Date.now() >= deadline) break;
          await fc.assert(
            fc.asyncProperty(
              bodyText,
              fc.array(pathValue, { minLength: 1, maxLength: 2 }),
              fc.nat(),
              (b, p, who) => send(route, b, p, who),
            ),
            { numRuns: 5, seed: (runs++ * 7919) ^ 0x5eed, endOnFailure: true },
          );
        }
      }
    });
  });
}
