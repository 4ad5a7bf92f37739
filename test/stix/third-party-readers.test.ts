import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ALL_OBJECTS_ID, INDICATORS_ID } from '../../src/http/taxii/collections.js';
import { partyIdentity } from '../../src/node/identity.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { runCli } from '../helpers/cli.js';
import { conformanceDir } from '../helpers/conformance.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { checkBundle, checkObject, type Finding } from '../helpers/stix21-check.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// Issue 13, item 5: what Accord hands to STIX tools must be what a strict STIX 2.1 reader
// accepts — an export bundle and TAXII pages holding every Accord object type, with every
// reference they make resolvable, checked by rules written from the specification.

const TAXII = { accept: 'application/taxii+json;version=2.1' };
const T = '2026-01-10T09:00:00.000Z';

function show(f: Finding[]): string {
  return f
    .slice(0, 20)
    .map((x) => `${x.id} ${x.path}: ${x.problem}`)
    .join('\n');
}

test('the checker accepts the OASIS conformance objects and bundles', () => {
  const findings: Finding[] = [];
  for (const d of ['stix-examples', 'stix-objects']) {
    for (const f of readdirSync(join(conformanceDir, d)).filter((x) => x.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(conformanceDir, d, f), 'utf8')) as Record<string, unknown>;
      let found: Finding[];
      if (doc.type !== 'bundle') found = checkObject(doc);
      else if (doc.spec_version === undefined) found = checkBundle(doc, false);
      else {
        // A STIX 2.0-style bundle: the checker says so, and its objects are read as 2.1 with
        // the spec_version the bundle gave them, as Accord reads them.
        const objects = (doc.objects as Record<string, unknown>[]).map((o) => ({
          spec_version: '2.1',
          ...o,
        }));
        found = checkBundle({ ...doc, objects }, false);
        assert.deepEqual(
          found.map((x) => x.path),
          ['spec_version'],
          `${f}: only the bundle's spec_version is a problem`,
        );
        found = [];
      }
      findings.push(...found.map((x) => ({ ...x, id: `${d}/${f} ${x.id}` })));
    }
  }
  assert.deepEqual(findings, [], show(findings));
});

test('the checker refuses what strict readers refuse', () => {
  const base = {
    type: 'x-accord-notification',
    spec_version: '2.1',
    id: 'x-accord-notification--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51',
    created: T,
    modified: T,
    extensions: {
      'extension-definition--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51': { extension_type: 'new-sdo' },
    },
  };
  assert.deepEqual(checkObject(base), []);
  const problems = (o: Record<string, unknown>) => checkObject(o).map((f) => f.path);
  assert.deepEqual(problems({ ...base, severity: 'high' }), ['severity']);
  assert.deepEqual(problems({ ...base, created: '2026-01-10T09:00:00Z' }), ['created']);
  assert.deepEqual(problems({ ...base, spec_version: '2.0' }), ['spec_version']);
  assert.deepEqual(problems({ ...base, Summary: 'x' }), ['Summary']);
  assert.deepEqual(problems({ ...base, object_refs: [] }), ['object_refs', 'object_refs']);
  const bundle = {
    type: 'bundle',
    id: 'bundle--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51',
    spec_version: '2.0',
    objects: [base],
  };
  assert.deepEqual(
    checkBundle(bundle, true).map((f) => f.path),
    ['spec_version', 'extension-definition--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51'],
  );
});

for (const backend of BACKENDS) {
  describe(`every Accord object type as a STIX 2.1 reader gets it, on ${backend.name}`, {
    timeout: 180_000,
  }, () => {
    let t: TestNode;
    const dir = tempDir();
    const store = backend.name === 'sqlite' ? null : backend.fresh();
    const dbUrl = store ? store.url : `sqlite:${dir.path}/accord.sqlite`;
    const tokens: Record<string, string> = {};
    const made: Record<string, string> = {};

    async function post(who: string, url: string, payload: unknown): Promise<Record<string, unknown>> {
      const r = await t.app.inject({
        method: 'POST',
        url,
        headers: bearer(tokens[who]!),
        payload: payload as object,
      });
      assert.ok(r.statusCode < 300, `${url} as ${who}: ${r.statusCode} ${r.body.slice(0, 300)}`);
      return r.json();
    }

    before(async () => {
      t = await startTestNode(backend, 'KZ', { data: dir.path, db: dbUrl });
      tokens.kz = await t.tokenFor('KZ');
      tokens.kzLiaison = await t.tokenFor('KZ', 'liaison');
      tokens.kg = await t.tokenFor('KG');
      const indicator = {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--0e000000-0000-4000-8000-000000000001',
        created: T,
        modified: T,
        created_by_ref: partyIdentity('KZ'),
        name: 'C2',
        pattern: "[ipv4-addr:value = '203.0.113.45']",
        pattern_type: 'stix',
        valid_from: T,
        object_marking_refs: [TLP2_IDS.green],
      };
      await post('kz', '/api/v1/bundles', {
        type: 'bundle',
        id: 'bundle--0e000000-0000-4000-8000-000000000002',
        objects: [indicator],
      });
      // KG's own indicator, which KZ holds and asks KG's consent to pass on.
      const kgIndicator = {
        ...indicator,
        id: 'indicator--0e000000-0000-4000-8000-000000000004',
        created_by_ref: partyIdentity('KG'),
        name: 'KG C2',
      };
      await post('kg', '/api/v1/bundles', {
        type: 'bundle',
        id: 'bundle--0e000000-0000-4000-8000-000000000005',
        objects: [kgIndicator],
      });
      made.notification = (
        await post('kz', '/api/v1/notifications', {
          kind: 'incident',
          severity: 'high',
          summary: 'C2 seen',
          object_refs: [indicator.id],
        })
      ).id as string;
      await post('kg', `/api/v1/notifications/${made.notification}/ack`, {});
      made.request = (
        await post('kz', '/api/v1/requests', {
          kind: 'information',
          addressee: 'KG',
          summary: 'who runs it',
          legal_basis: 'Article 7',
          case_reference: 'KZ-1',
          send: true,
        })
      ).id as string;
      for (const m of ['receive', 'start']) await post('kg', `/api/v1/requests/${made.request}/${m}`, {});
      await post('kg', `/api/v1/requests/${made.request}/answer`, { answer: 'a hosting company' });
      made.case = (await post('kz', '/api/v1/cases', { title: 'C2', participants: ['KG'] })).id as string;
      await post('kz', `/api/v1/cases/${made.case}/comments`, { text: 'blocking at the border' });
      await post('kz', '/api/v1/library', {
        title: 'Draft',
        language: 'en',
        kind: 'draft-treaty',
        content: 'text',
      });
      await post('kzLiaison', '/api/v1/criteria', {
        code: 'C-1',
        title_en: 'Phishing',
        title_ru: 'Фишинг',
        description_en: 'Sites that imitate banks',
        description_ru: 'Сайты, подражающие банкам',
        legal_reference: 'Law 1',
      });
      await post('kzLiaison', '/api/v1/exercises', {
        name: 'Drill',
        starts: '2026-01-01',
        ends: '2099-01-01',
        parties: ['KG'],
      });
      await post('kzLiaison', '/api/v1/consents', {
        object_ids: [kgIndicator.id],
        recipient: { kind: 'third-party', id: 'org-1' },
        purpose: 'research',
        valid_until: '2099-01-01',
      });
      await post('kg', '/api/v1/sightings', { of: indicator.id, count: 2, first_seen: T });
    });
    after(async () => {
      await t.dispose();
      await store?.dispose();
      dir.dispose();
    });

    test('accord export: a 2.1 bundle of every type, valid, with every reference in it', async () => {
      const r = await runCli(['export', '--data', dir.path, '--db', dbUrl]);
      assert.equal(r.code, 0, r.stderr);
      const bundle = JSON.parse(r.stdout) as { objects: Record<string, unknown>[] };
      assert.equal('spec_version' in bundle, false);
      const types = new Set(bundle.objects.map((o) => o.type));
      for (const ty of [
        'indicator',
        'sighting',
        'x-accord-notification',
        'x-accord-acknowledgement',
        'x-accord-request',
        'x-accord-response',
        'x-accord-case',
        'x-accord-document',
        'x-accord-criterion',
        'x-accord-exercise',
        'x-accord-consent',
        'marking-definition',
        'extension-definition',
        'identity',
      ])
        assert.ok(types.has(ty), `the export holds a ${ty} (it holds ${[...types].join(', ')})`);
      const findings = checkBundle(bundle, true);
      assert.deepEqual(findings, [], show(findings));
      const note = bundle.objects.find((o) => o.type === 'x-accord-notification')!;
      assert.equal(note.notification_severity, 'high');
    });

    test('TAXII: every page of each collection is valid, and what it names can be fetched by id', async () => {
      for (const collection of [ALL_OBJECTS_ID, INDICATORS_ID]) {
        const base = `/taxii2/accord/collections/${collection}`;
        const objects: Record<string, unknown>[] = [];
        let next: string | undefined;
        do {
          const r = await t.app.inject({
            url: `${base}/objects/?limit=7${next ? `&next=${encodeURIComponent(next)}` : ''}`,
            headers: { ...TAXII, ...bearer(tokens.kg!) },
          });
          assert.equal(r.statusCode, 200, r.body);
          const page = r.json() as { more: boolean; next?: string; objects?: Record<string, unknown>[] };
          objects.push(...(page.objects ?? []));
          next = page.more ? page.next : undefined;
        } while (next);
        const bundle = { type: 'bundle', id: 'bundle--0e000000-0000-4000-8000-000000000003', objects };
        const findings = checkBundle(bundle, false);
        assert.deepEqual(findings, [], show(findings));
        const held = new Set(objects.map((o) => o.id));
        for (const o of objects) {
          for (const ref of [o.created_by_ref, ...((o.object_marking_refs as string[]) ?? [])]) {
            if (typeof ref !== 'string') continue;
            // The all-objects collection lists the definitions; any collection serves them by id.
            if (collection === ALL_OBJECTS_ID)
              assert.ok(held.has(ref), `${collection} lists ${o.id} but not ${ref}`);
            const one = await t.app.inject({
              url: `${base}/objects/${ref}/`,
              headers: { ...TAXII, ...bearer(tokens.kg!) },
            });
            assert.equal(one.statusCode, 200, `${ref}: ${one.body}`);
            const rest = await t.app.inject({ url: `/api/v1/objects/${ref}`, headers: bearer(tokens.kg!) });
            assert.equal(rest.statusCode, 200, `${ref}: ${rest.body}`);
          }
        }
      }
    });

    test('a third party is served the published definitions, and nothing else it may not see', async () => {
      const ru = await t.tokenFor('RU');
      for (const id of [
        TLP2_IDS.red,
        partyIdentity('KZ'),
        'extension-definition--6f0b7c4e-2a57-4e0e-9d4b-0c1f1e7a3b51',
      ]) {
        const r = await t.app.inject({ url: `/api/v1/objects/${id}`, headers: bearer(ru) });
        assert.equal(r.statusCode, 200, `${id}: ${r.body}`);
      }
      const hidden = await t.app.inject({ url: `/api/v1/objects/${made.notification}`, headers: bearer(ru) });
      assert.equal(hidden.statusCode, 404);
    });
  });
}
