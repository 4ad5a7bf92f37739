import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { partyIdentity } from '../../src/node/identity.js';
import { importStix } from '../../src/node/ingest.js';
import { releasabilityMarking, TLP2_IDS } from '../../src/policy/index.js';
import { scoDeterministicId } from '../../src/stix/ids.js';
import { postObjects, taxiiHeaders } from '../federation/taxii-helpers.js';
import { bearer } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import { IDS, leaked, MARKER, type Scenario, startScenario, TAXII_ACCEPT, TAXII_ALL } from './scenario.js';

// Each Party owns its own copy of an id: what it posts is compared with its own rows only,
// so no answer it gets depends on what other Parties hold out of its sight.

const T = '2025-04-01T10:00:00.000Z';
const UNKNOWN = 'report--0d000000-0000-4000-8000-0000000000ab';

function report(id: string, name: string, over: Record<string, unknown> = {}) {
  return {
    type: 'report',
    spec_version: '2.1',
    id,
    created: T,
    modified: T,
    name,
    published: T,
    report_types: ['threat-report'],
    object_refs: [IDS.green],
    ...over,
  };
}

function ipv4(value: string, over: Record<string, unknown> = {}) {
  const o = { type: 'ipv4-addr', spec_version: '2.1', value };
  return { ...o, id: scoDeterministicId(o), ...over };
}

/** A body with every occurrence of each given string replaced, to compare two answers. */
function masked(body: string, ...strings: string[]): unknown {
  let out = body;
  for (const [i, s] of strings.entries()) out = out.split(s).join(`<${i}>`);
  return JSON.parse(out);
}

for (const backend of BACKENDS) {
  describe(`Article 10: no existence oracle, no squatted definitions (${backend.name})`, () => {
    let s: Scenario;
    before(async () => {
      s = await startScenario(backend);
    });
    after(() => s.t.dispose());

    const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      s.t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
    const post = (party: string, doc: object) => call(s.tokens[party]!, 'POST', '/api/v1/bundles', doc);
    const bundle = (...objects: object[]) => ({
      type: 'bundle',
      id: `bundle--${crypto.randomUUID()}`,
      objects,
    });

    test('posting the id of an object KG may not see answers as for an unknown id', async () => {
      assert.equal((await call(s.tokens.KG!, 'GET', `/api/v1/objects/${IDS.red}`)).statusCode, 404);
      const hidden = await post('KG', bundle(report(IDS.red, 'KG own report')));
      const unknown = await post('KG', bundle(report(UNKNOWN, 'KG own report')));
      assert.equal(hidden.statusCode, 201, hidden.body);
      assert.equal(hidden.statusCode, unknown.statusCode);
      assert.deepEqual(masked(hidden.body, IDS.red), masked(unknown.body, UNKNOWN));
      assert.doesNotMatch(hidden.body, /KZ/);

      // A second, different version conflicts with KG's own copy only, and says so alike.
      const again = await post('KG', bundle(report(IDS.red, 'changed')));
      const againUnknown = await post('KG', bundle(report(UNKNOWN, 'changed')));
      assert.equal(again.statusCode, 409);
      assert.deepEqual(masked(again.body, IDS.red), masked(againUnknown.body, UNKNOWN));
      assert.doesNotMatch(again.body, /KZ/);

      // KG reads its own copy; KZ's stays KZ's and hidden from KG.
      const kg = await call(s.tokens.KG!, 'GET', `/api/v1/objects/${IDS.red}`);
      assert.equal(kg.statusCode, 200);
      assert.equal(kg.json().meta.originator, 'KG');
      assert.deepEqual(leaked(kg.body), []);
      const kz = await call(s.tokens.KZ!, 'GET', `/api/v1/objects/${IDS.red}`);
      assert.equal(kz.json().meta.originator, 'KZ', 'a reader’s own copy comes first');
      assert.equal(kz.json().object.name, MARKER.red);
    });

    test('TAXII POST of a hidden id answers as for an unknown one', async () => {
      const id = 'report--0d000000-0000-4000-8000-0000000000c2';
      const hidden = await postObjects(s.t.app, s.tokens.RU!, [report(IDS.red, 'RU report')]);
      const unknown = await postObjects(s.t.app, s.tokens.RU!, [report(id, 'RU report')]);
      assert.equal(hidden.statusCode, 202);
      const strip = (b: { id: string; request_timestamp: string }) => ({
        ...b,
        id: '',
        request_timestamp: '',
        successes: [],
      });
      assert.deepEqual(strip(hidden.json()), strip(unknown.json()));
      assert.equal(hidden.json().success_count, 1);
      const read = await s.t.app.inject({
        url: `${TAXII_ALL}/objects/${IDS.red}/`,
        headers: { ...taxiiHeaders(s.tokens.RU!), accept: TAXII_ACCEPT },
      });
      assert.deepEqual(leaked(read.body), [], 'RU sees its own copy only');
    });

    test('posting SCO values answers alike whether or not another Party holds them hidden', async () => {
      const red = { object_marking_refs: [TLP2_IDS.red] };
      const kzValue = '198.51.100.77';
      const freeValue = '198.51.100.78';
      const kz = await post('KZ', bundle(ipv4(kzValue, red)));
      assert.equal(kz.statusCode, 201, kz.body);
      const kzId = kz.json().report[0].id as string;

      const held = await post('KG', bundle(ipv4(kzValue)));
      const free = await post('KG', bundle(ipv4(freeValue)));
      const freeId = free.json().report[0].id as string;
      assert.equal(held.statusCode, 201);
      assert.deepEqual(masked(held.body, kzId, kzValue), masked(free.body, freeId, freeValue));
      const heldAgain = await post('KG', bundle(ipv4(kzValue)));
      const freeAgain = await post('KG', bundle(ipv4(freeValue)));
      assert.deepEqual(masked(heldAgain.body, kzId, kzValue), masked(freeAgain.body, freeId, freeValue));
      assert.equal(heldAgain.json().unchanged, 1);

      // KG's lookup finds its own copy, and names no one else.
      const look = await call(s.tokens.KG!, 'GET', `/api/v1/lookup?value=${kzValue}`);
      assert.equal(look.statusCode, 200, look.body);
      const answer = JSON.stringify(look.json());
      assert.match(answer, /"KG"/);
      assert.doesNotMatch(answer, /"KZ"/);
      // BY may not see KZ's RED copy either, and does not learn of it from KG's.
      const by = await call(s.tokens.BY!, 'GET', `/api/v1/objects/${kzId}`);
      assert.equal(by.statusCode, 200, 'KG’s unmarked copy is KG’s to share');
      assert.equal(by.json().meta.originator, 'KG');
      const own = await call(s.tokens.KZ!, 'GET', `/api/v1/objects/${kzId}`);
      assert.equal(own.json().meta.originator, 'KZ', 'KZ still reads its own copy first');
      assert.deepEqual(own.json().object.object_marking_refs, [TLP2_IDS.red]);
    });

    test('an edge to a hidden object is its maker’s to read, as one to nothing', async () => {
      const edge = (id: string, target: string) => ({
        type: 'relationship',
        spec_version: '2.1',
        id,
        created: T,
        modified: T,
        relationship_type: 'related-to',
        source_ref: IDS.green,
        target_ref: target,
      });
      const a = 'relationship--0d000000-0000-4000-8000-0000000000e1';
      const b = 'relationship--0d000000-0000-4000-8000-0000000000e2';
      assert.equal((await post('TJ', bundle(edge(a, IDS.classified), edge(b, UNKNOWN)))).statusCode, 201);
      const toHidden = await call(s.tokens.TJ!, 'GET', `/api/v1/objects/${a}`);
      const toNothing = await call(s.tokens.TJ!, 'GET', `/api/v1/objects/${b}`);
      assert.equal(toHidden.statusCode, 200);
      assert.equal(toNothing.statusCode, 200);
    });

    test('ids are lower case from the door; a hidden id’s upper-case spelling teaches nothing', async () => {
      const upper = (id: string) => id.replace(/--(.*)$/, (_, u: string) => `--${u.toUpperCase()}`);
      const later = '2025-06-01T00:00:00.000Z';
      const probe = (id: string) => report(upper(id), 'KG case probe', { created: later, modified: later });
      const hidden = await post('KG', bundle(probe(IDS.red)));
      const unknown = await post('KG', bundle(probe(UNKNOWN)));
      assert.equal(hidden.statusCode, 201, hidden.body);
      assert.equal(hidden.json().report[0].id, IDS.red, 'stored in lower case');
      assert.equal(hidden.json().report[0].warnings[0].code, 'id-lowercased');
      assert.deepEqual(
        masked(hidden.body, upper(IDS.red), IDS.red),
        masked(unknown.body, upper(UNKNOWN), UNKNOWN),
      );
      assert.doesNotMatch(hidden.body, /KZ/);

      // References are lower-cased too, so an upper-case spelling reaches the same object.
      const citing = 'report--0d000000-0000-4000-8000-0000000000ac';
      const ref = await post('KG', bundle(report(citing, 'x', { object_refs: [upper(IDS.green)] })));
      assert.equal(ref.statusCode, 201, ref.body);
      const stored = await call(s.tokens.KG!, 'GET', `/api/v1/objects/${citing}`);
      assert.deepEqual(stored.json().object.object_refs, [IDS.green]);

      const read = await call(s.tokens.KZ!, 'GET', `/api/v1/objects/${upper(IDS.green)}`);
      assert.equal(read.statusCode, 200, 'reads compare ids in lower case');
      assert.equal(read.json().id, IDS.green);

      // A version signed by a peer cannot be rewritten: its upper case is refused instead.
      const signed = await importStix(
        s.t.node,
        { party: 'BY', sourceNode: 'node-by', signatures: [null] },
        report(upper('report--0d000000-0000-4000-8000-0000000000ad'), 'from a peer'),
      );
      assert.equal(signed.ok, false);
      assert.equal(signed.report[0]!.errors?.[0]?.code, 'id-not-lowercase');
    });

    test('KZ still reads and edits its own objects', async () => {
      const next = await post('KZ', {
        type: 'indicator',
        spec_version: '2.1',
        id: IDS.green,
        created: '2025-03-01T09:00:00.000Z',
        modified: '2025-05-01T09:00:00.000Z',
        name: `${MARKER.green} v2`,
        pattern: "[domain-name:value = 'v2.example']",
        pattern_type: 'stix',
        valid_from: '2025-03-01T09:00:00Z',
        object_marking_refs: [TLP2_IDS.green],
      });
      assert.equal(next.statusCode, 201, next.body);
      const r = await call(s.tokens.KZ!, 'GET', `/api/v1/objects/${IDS.green}`);
      assert.equal(r.json().object.name, `${MARKER.green} v2`);
      assert.equal(r.json().versions.length, 2);
      const first = { created: '2025-03-01T09:00:00.000Z', modified: '2025-03-01T09:00:00.000Z' };
      const clash = await post('KZ', report(IDS.red, 'rewritten', first));
      assert.equal(clash.statusCode, 409);
      assert.match(clash.json().error.message, /already held by KZ/);
    });
  });

  describe(`Article 10: definitions cannot be squatted (${backend.name})`, () => {
    let s: Scenario;
    before(async () => {
      s = await startScenario(backend);
    });
    after(() => s.t.dispose());

    const call = (token: string, method: 'GET' | 'POST', url: string, payload?: object) =>
      s.t.app.inject({ method, url, headers: bearer(token), ...(payload ? { payload } : {}) });
    const post = (party: string, doc: object) => call(s.tokens[party]!, 'POST', '/api/v1/bundles', doc);
    const bundle = (...objects: object[]) => ({
      type: 'bundle',
      id: `bundle--${crypto.randomUUID()}`,
      objects,
    });

    // The definition KZ's records to TJ cite: anyone can compute its id.
    const kzToTj = releasabilityMarking(['KZ', 'TJ'], [], { createdByRef: partyIdentity('KZ') });
    const squatId = kzToTj.id as string;
    const wider = releasabilityMarking(['BY', 'KZ', 'TJ'], [], { createdByRef: partyIdentity('KZ') });

    test('an Accord definition under an id its content does not derive is refused', async () => {
      const r = await post('BY', bundle({ ...wider, id: squatId }));
      assert.equal(r.statusCode, 400, r.body);
      assert.equal(r.json().error.code, 'ACCORD_VALIDATION');
      assert.match(r.body, /accord-marking-id/);
      assert.ok(r.body.includes(wider.id as string), 'the message names the id its content derives');
    });

    test('BY’s own definition under KZ’s id neither blocks KZ nor speaks for KZ’s objects', async () => {
      const statement = {
        type: 'marking-definition',
        spec_version: '2.1',
        id: squatId,
        created: T,
        definition_type: 'statement',
        definition: { statement: 'free for all' },
      };
      assert.equal((await post('BY', bundle(statement))).statusCode, 201, 'BY may hold its own copy');

      // KZ cites the id without holding the definition: unknown to KZ, so it fails closed.
      const blind = 'indicator--0d000000-0000-4000-8000-0000000000f1';
      const before = await post('KZ', {
        type: 'indicator',
        spec_version: '2.1',
        id: blind,
        created: T,
        modified: T,
        pattern: "[domain-name:value = 'blind.example']",
        pattern_type: 'stix',
        valid_from: T,
        object_marking_refs: [TLP2_IDS.amber, squatId],
      });
      assert.equal(before.statusCode, 201, before.body);
      assert.equal((await call(s.tokens.BY!, 'GET', `/api/v1/objects/${blind}`)).statusCode, 404);
      assert.equal((await call(s.tokens.TJ!, 'GET', `/api/v1/objects/${blind}`)).statusCode, 404);
      assert.equal((await call(s.tokens.KZ!, 'GET', `/api/v1/objects/${blind}`)).statusCode, 200);

      // KZ's notification to TJ makes KZ's own copy of the definition: it works, and BY is out.
      const n = await call(s.tokens.KZ!, 'POST', '/api/v1/notifications', {
        kind: 'threat',
        severity: 'high',
        summary: 'SQUAT-MARKER-5a1e only for TJ',
        recipients: ['TJ'],
        tlp: 'red',
      });
      assert.equal(n.statusCode, 201, n.body);
      const id = n.json().id as string;
      assert.equal((await call(s.tokens.TJ!, 'GET', `/api/v1/notifications/${id}`)).statusCode, 200);
      assert.equal((await call(s.tokens.BY!, 'GET', `/api/v1/notifications/${id}`)).statusCode, 404);
      const byList = await call(s.tokens.BY!, 'GET', '/api/v1/objects?limit=1000');
      assert.doesNotMatch(byList.body, /SQUAT-MARKER-5a1e/);
      const tjList = await call(s.tokens.TJ!, 'GET', '/api/v1/objects?limit=1000');
      assert.match(tjList.body, /SQUAT-MARKER-5a1e/);

      // A TLP:RED indicator citing the id reaches TJ, named there, and not BY.
      const red = 'indicator--0d000000-0000-4000-8000-0000000000f2';
      const r = await post('KZ', {
        type: 'indicator',
        spec_version: '2.1',
        id: red,
        created: T,
        modified: T,
        pattern: "[domain-name:value = 'red.example']",
        pattern_type: 'stix',
        valid_from: T,
        object_marking_refs: [TLP2_IDS.red, squatId],
      });
      assert.equal(r.statusCode, 201, r.body);
      assert.equal((await call(s.tokens.BY!, 'GET', `/api/v1/objects/${red}`)).statusCode, 404);
      assert.equal((await call(s.tokens.TJ!, 'GET', `/api/v1/objects/${red}`)).statusCode, 200);
    });
  });
}
