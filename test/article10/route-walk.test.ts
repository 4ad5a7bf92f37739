import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import { base, HIDDEN_ID, HIDDEN_VALUES, ROLES, T, VISIBLE, type Walked, walkNode } from './walk-nodes.js';
import { type Markers, queryFor, valueFor } from './walk-values.js';

// Two KZ nodes built identically, except that node A also holds objects and records of BY
// that KG may not see. Every operation of the OpenAPI document, and every route outside it
// (TAXII, health, federation), is called as each role of KG on both nodes, with the hidden
// objects' ids and observable values as inputs. "Exists but hidden" must read exactly as
// "does not exist": after volatile parts are normalised, any difference in status, body or
// headers is a leak, and so is any 5xx.

/**
 * Differences the walk knows of and tolerates, each shown as a `todo` test. None today: the
 * import oracle, other Parties' audit entries and tokens, and the audit chain's positions were
 * closed (docs/security.md). A new entry here needs a reason and an issue.
 */
const KNOWN: Record<string, string> = {};

/** Parts that differ between two identical nodes whatever they hold. */
function normalise(text: string, w: Walked): string {
  let s = text;
  for (const [who, token] of Object.entries(w.tokens)) s = s.split(token).join(`<token:${who}>`);
  return (
    s
      .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, '<time>')
      .replace(/\b(?!0d0000)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uuid>')
      .replace(/\b[0-9a-f]{64}\b/g, '<hex>')
      .replace(/accord_[A-Za-z0-9_-]{20,}/g, '<new-token>')
      // Signed cursors and signatures; a STIX id (type--uuid) is not one of them.
      .replace(/[A-Za-z0-9_-]{40,}/g, (x) => (/^[a-z][a-z0-9-]*--[0-9a-f]{8}-/.test(x) ? x : '<b64>'))
  );
}

const HEADERS = [
  'content-type',
  'link',
  'location',
  'www-authenticate',
  'x-taxii-date-added-first',
  'x-taxii-date-added-last',
];

interface Call {
  method: string;
  url: string;
  payload?: unknown;
  taxii?: boolean;
}

async function answer(w: Walked, who: string, c: Call): Promise<{ status: number; text: string }> {
  const accept = c.taxii ? 'application/taxii+json;version=2.1' : 'application/json';
  const r = await w.t.app.inject({
    method: c.method as 'GET',
    url: c.url,
    headers: {
      ...bearer(w.tokens[who]!),
      accept,
      ...(c.payload !== undefined ? { 'content-type': accept } : {}),
    },
    ...(c.payload !== undefined ? { payload: JSON.stringify(c.payload) } : {}),
  });
  const headers = HEADERS.map((h) => `${h}: ${String(r.headers[h] ?? '')}`).join('\n');
  const etag = r.headers.etag ? 'etag: present' : 'etag: none';
  return { status: r.statusCode, text: normalise(`${r.statusCode}\n${headers}\n${etag}\n${r.body}`, w) };
}

type Op = {
  method: string;
  path: string;
  parameters?: { name: string; in: string; required?: boolean; schema?: object }[];
  body?: object;
};

function operations(doc: {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Op['parameters']; requestBody?: { content?: Record<string, { schema?: object }> } }
    >
  >;
}): Op[] {
  const ops: Op[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        ...(op.parameters ? { parameters: op.parameters } : {}),
        ...(body ? { body } : {}),
      });
    }
  }
  return ops;
}

/** Bodies the schema leaves open: STIX content naming the hidden object. */
function stixProbe(): Record<string, unknown> {
  return {
    type: 'bundle',
    id: 'bundle--0d0000cc-0000-4000-8000-000000000001',
    objects: [
      {
        ...base,
        type: 'indicator',
        id: HIDDEN_ID,
        name: 'probe',
        pattern: "[domain-name:value = 'probe.example']",
        pattern_type: 'stix',
        valid_from: T,
      },
    ],
  };
}

function openApiCall(op: Op, m: Markers, withMarkers = true): Call {
  const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const p = op.parameters?.find((x) => x.in === 'path' && x.name === name);
    return encodeURIComponent(String(valueFor(p?.schema ?? {}, name, m)));
  });
  const query = new URLSearchParams(queryFor(op.parameters ?? [], m, withMarkers)).toString();
  const payload =
    op.path === '/api/v1/bundles' ? stixProbe() : op.body ? valueFor(op.body, '', m) : undefined;
  return {
    method: op.method,
    url: query ? `${path}?${query}` : path,
    ...(payload !== undefined ? { payload } : {}),
  };
}

/** Routes outside the OpenAPI document: TAXII, health, federation, documentation. */
function otherCalls(routes: { method: string; url: string }[]): (Call & { key: string })[] {
  const calls: (Call & { key: string })[] = [];
  for (const r of routes) {
    if (r.url.startsWith('/api/v1/') || r.url.includes('*')) continue;
    const url = r.url
      .replace(':collectionId', ALL_OBJECTS_ID)
      .replace(':objectId', HIDDEN_ID)
      .replace(':statusId', '0d0000ff-0000-4000-8000-000000000000');
    const taxii = url.startsWith('/taxii2');
    const match =
      taxii && r.method === 'GET' && /(objects|manifest)\/$/.test(url) && !url.includes(HIDDEN_ID);
    calls.push({
      key: `${r.method} ${r.url}`,
      method: r.method,
      url: match ? `${url}?match[id]=${HIDDEN_ID}` : url,
      taxii,
      ...(r.method === 'POST' ? { payload: taxii ? { objects: stixProbe().objects } : {} } : {}),
    });
  }
  return calls;
}

/**
 * Reads first, then writes, then the writes of STIX content, deletions last: a STIX write
 * with a hidden id stores a new object on the node without it, and every later answer
 * about that id would differ for that reason alone.
 */
function order(c: Call): number {
  if (c.method === 'GET') return 0;
  if (c.method === 'DELETE') return 3;
  return c.url.startsWith('/api/v1/bundles') || (c.taxii && c.method === 'POST') ? 2 : 1;
}

for (const backend of BACKENDS) {
  describe(`route walk: hidden reads as absent, for every route and role (${backend.name})`, () => {
    let a: Walked & { records: Record<string, string> };
    let b: Walked & { records: Record<string, string> };
    let markers: Markers;
    const differences = new Map<string, string>();
    const failures: string[] = [];

    before(async () => {
      // One after the other: two apps starting at once on a loaded machine can miss Fastify's
      // plugin start-up timeout.
      a = await walkNode(backend, true);
      b = await walkNode(backend, false);
      markers = { objectId: HIDDEN_ID, records: a.records, values: HIDDEN_VALUES, party: 'TJ' };
    });
    after(async () => {
      await a?.t.dispose();
      await b?.t.dispose();
    });

    test('every operation, as every role, answers alike on both nodes, and never 5xx', async () => {
      const doc = (await a.t.app.inject({ url: '/api/v1/openapi.json' })).json();
      const calls: (Call & { key: string })[] = [
        ...operations(doc).map((op) => ({ key: `${op.method} ${op.path}`, ...openApiCall(op, markers) })),
        // Listings as they are, unfiltered: what a hidden object changes in a whole page.
        ...operations(doc)
          .filter((op) => op.method === 'GET' && op.parameters?.some((p) => p.in === 'query'))
          .map((op) => ({ key: `GET ${op.path} (unfiltered)`, ...openApiCall(op, markers, false) })),
        ...otherCalls(a.t.app.routeList),
      ].sort((x, y) => order(x) - order(y));
      assert.ok(calls.length > 60, `only ${calls.length} routes to walk`);
      let statuses = 0;
      for (const c of calls) {
        for (const role of ROLES) {
          const who = `kg-${role}`;
          const [ra, rb] = await Promise.all([answer(a, who, c), answer(b, who, c)]);
          if (ra.status < 400) statuses++;
          for (const r of [ra, rb])
            if (r.status >= 500) failures.push(`${c.key} as ${role}: ${r.text.slice(0, 300)}`);
          if (ra.text !== rb.text && !differences.has(c.key)) {
            differences.set(
              c.key,
              `${c.method} ${c.url} as ${role}\n  with hidden: ${ra.text.slice(0, 400)}\n  without:     ${rb.text.slice(0, 400)}`,
            );
          }
        }
      }
      assert.ok(statuses > 30, `only ${statuses} calls succeeded: the walk is not reaching the routes`);
      assert.deepEqual(failures, []);
      const unexpected = [...differences].filter(([k]) => !(k in KNOWN));
      assert.deepEqual(
        unexpected.map(([k]) => k),
        [],
        unexpected.map(([, d]) => d).join('\n\n'),
      );
    });

    test('containers and records list only what the reader may see, and how many they left out', async () => {
      const listed = async (w: Walked, who: string, url: string) => {
        const r = await w.t.app.inject({ url, headers: bearer(w.tokens[who]!) });
        assert.equal(r.statusCode, 200, r.body);
        return r.json();
      };
      for (const w of [a, b]) {
        const report = (await listed(w, 'kg-analyst', `/api/v1/objects/${VISIBLE.report}`)).object;
        assert.deepEqual(report.object_refs, [VISIBLE.indicator]);
        assert.equal(report.x_accord_withheld_refs, 1);
        const n = await listed(w, 'kg-analyst', `/api/v1/notifications/${w.records.visibleNotification}`);
        assert.deepEqual([n.object_refs, n.withheld_refs], [[VISIBLE.indicator], 1]);
        const q = await listed(w, 'kg-analyst', `/api/v1/requests/${w.records.visibleRequest}`);
        assert.deepEqual([q.object_refs, q.withheld_refs], [[VISIBLE.indicator], 1]);
        // The maker reads its own lists as it wrote them.
        const own = (await listed(w, 'kz-analyst', `/api/v1/objects/${VISIBLE.report}`)).object;
        assert.deepEqual(own.object_refs, [VISIBLE.indicator, HIDDEN_ID]);
        assert.equal(own.x_accord_withheld_refs, undefined);
        const ownN = await listed(w, 'kz-analyst', `/api/v1/notifications/${w.records.visibleNotification}`);
        assert.deepEqual(ownN.object_refs, [VISIBLE.indicator, HIDDEN_ID]);
      }
    });

    for (const [key, helper] of Object.entries(KNOWN)) {
      test(`${key} answers alike with and without the hidden objects`, { todo: helper }, () => {
        assert.equal(differences.get(key), undefined);
      });
    }
  });
}
