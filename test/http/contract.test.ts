import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// One contract between the server and the console: every /api/v1 operation declares what it
// answers, so Fastify keeps only declared fields on the way out and the console's types
// (web/src/lib/*-types.ts, from src/http/contract) describe what really arrives.

type Schema = {
  type?: string | string[];
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  $ref?: string;
};
type Operation = { responses?: Record<string, { content?: Record<string, { schema?: Schema }> }> };

/**
 * 2xx answers that are open objects on purpose. A STIX object is open by its specification
 * (custom properties and extensions travel as the maker wrote them, after the gate).
 */
const OPEN_ON_PURPOSE: Record<string, string> = {
  'POST /api/v1/sightings': 'answers the STIX sighting it made, as the gate discloses it',
};

/**
 * Members open on purpose wherever they stand in an answer: a STIX object is open by its
 * specification, and a history event's details differ by action and are shown as given.
 */
const OPEN_MEMBERS: Record<string, string> = {
  object: 'a STIX object: open by its specification, after the gate',
  details: 'what an event did differs by action, and is shown as given',
};

/** Where a schema (or a page of it, or a member of its union) is an object with no declared shape. */
function openParts(s: Schema | undefined, at: string, depth = 0): string[] {
  if (!s || depth > 3) return [];
  const alts = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  if (alts.length) return alts.flatMap((a) => openParts(a, at, depth));
  if (s.type === 'array') return openParts(s.items, `${at}[]`, depth + 1);
  if (s.type !== 'object' && !s.properties) return [];
  const props = Object.keys(s.properties ?? {});
  if (props.length === 0 || s.additionalProperties === true) return [at || '(body)'];
  // Lists and nested objects are checked too, a few levels down.
  return props.flatMap((p) => {
    const m = s.properties![p]!;
    if (p in OPEN_MEMBERS) return [];
    return m.type === 'array' || m.type === 'object' ? openParts(m, `${at}.${p}`, depth + 1) : [];
  });
}

for (const backend of BACKENDS) {
  describe(`the REST contract on ${backend.name}`, () => {
    let t: TestNode;
    let doc: { paths: Record<string, Record<string, Operation>> };
    before(async () => {
      t = await startTestNode(backend);
      const r = await t.app.inject({ url: '/api/v1/openapi.json' });
      assert.equal(r.statusCode, 200);
      doc = r.json();
    });
    after(() => t.dispose());

    test('every /api/v1 operation declares a closed 2xx answer', () => {
      const problems: string[] = [];
      let checked = 0;
      for (const [path, ops] of Object.entries(doc.paths)) {
        for (const [method, op] of Object.entries(ops)) {
          if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
          const key = `${method.toUpperCase()} ${path}`;
          checked++;
          const ok = Object.entries(op.responses ?? {}).filter(([s]) => /^2\d\d$/.test(s));
          const found: string[] = [];
          if (ok.length === 0) found.push('no 2xx response declared');
          for (const [status, r] of ok) {
            const json = r.content?.['application/json']?.schema;
            // 204 has no body; a file or a STIX bundle is declared by its own media type.
            if (!json) continue;
            if (key in OPEN_ON_PURPOSE) continue;
            for (const where of openParts(json, '')) found.push(`${status} ${where} is an open object`);
          }
          if (found.length === 0) continue;
          problems.push(`${key}: ${found.join('; ')}`);
        }
      }
      assert.ok(checked > 60, `only ${checked} operations in the document`);
      assert.deepEqual(problems, [], 'operations without a closed answer');
    });
  });
}
