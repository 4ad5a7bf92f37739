import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { importStix } from '../../src/node/ingest.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

const FIXTURE = JSON.parse(
  readFileSync(new URL('../../src/cli/demo/data/attack-ics-sample.json', import.meta.url), 'utf8'),
) as {
  objects: { type: string; id: string; name?: string; external_references?: { external_id?: string }[] }[];
};
const technique = (attackId: string) => {
  const t = FIXTURE.objects.find(
    (o) => o.type === 'attack-pattern' && o.external_references?.[0]?.external_id === attackId,
  );
  assert.ok(t, attackId);
  return t.id;
};
const T = '2026-01-10T08:00:00.000Z';
const bundle = (...objects: object[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });
const sdo = (type: string, extra: Record<string, unknown>) => ({
  type,
  spec_version: '2.1',
  id: `${type}--${randomUUID()}`,
  created: T,
  modified: T,
  ...extra,
});

interface Cell {
  attack_id: string;
  count: number;
  reported_by: { id: string }[];
}
interface Matrix {
  name: string;
  tactics: { attack_id: string; techniques: Cell[] }[];
}

function cells(matrices: Matrix[]): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const m of matrices) for (const t of m.tactics) for (const c of t.techniques) out.set(c.attack_id, c);
  return out;
}

for (const backend of BACKENDS) {
  describe(`ATT&CK matrix (${backend.name})`, () => {
    let t: TestNode;
    let kz: string;
    let by: string;
    const kzMalware = sdo('malware', {
      name: 'KZ wiper',
      is_family: true,
      object_marking_refs: [TLP2_IDS.green],
    });
    const kzReport = sdo('report', {
      name: 'Wiper at a KZ substation',
      published: T,
      object_refs: [technique('T0800'), kzMalware.id],
      object_marking_refs: [TLP2_IDS.green],
    });
    const byMalware = sdo('malware', {
      name: 'BY loader',
      is_family: true,
      object_marking_refs: [TLP2_IDS.green],
    });
    const byUses = sdo('relationship', {
      relationship_type: 'uses',
      source_ref: byMalware.id,
      target_ref: technique('T0807'),
      object_marking_refs: [TLP2_IDS.green],
    });
    const byRedUses = sdo('relationship', {
      relationship_type: 'uses',
      source_ref: byMalware.id,
      target_ref: technique('T0809'),
      object_marking_refs: [TLP2_IDS.red],
    });

    const matrix = (token: string, query = '') =>
      t.app.inject({ method: 'GET', url: `/api/v1/attack/matrix${query}`, headers: bearer(token) });

    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
      by = await t.tokenFor('BY');
      const attack = await importStix(t.node, { party: 'KZ', sourceNode: 'local' }, FIXTURE);
      assert.ok(attack.ok, JSON.stringify(attack.errors));
      const mine = await importStix(
        t.node,
        { party: 'KZ', sourceNode: 'local' },
        bundle(kzMalware, kzReport),
      );
      assert.ok(mine.ok, JSON.stringify(mine.errors));
      const theirs = await importStix(
        t.node,
        { party: 'BY', sourceNode: 'accord-by-test' },
        bundle(byMalware, byUses, byRedUses),
      );
      assert.ok(theirs.ok, JSON.stringify(theirs.errors));
    });
    after(() => t.dispose());

    test('the fixture is a matrix of four tactics, twenty techniques, MITRE’s own links not counted', async () => {
      const r = await matrix(kz, '?from=2000-01-01');
      assert.equal(r.statusCode, 200, r.body);
      const { matrices } = r.json() as { matrices: Matrix[] };
      assert.deepEqual(
        matrices.map((m) => m.name),
        ['ATT&CK for ICS'],
      );
      assert.deepEqual(
        matrices[0]!.tactics.map((x) => x.attack_id),
        ['TA0108', 'TA0104', 'TA0107', 'TA0105'],
        'tactics in the matrix’s own order',
      );
      assert.equal(cells(matrices).size, 20);
    });

    test('a technique counts what the reader may see: its own report, a GREEN edge, not a RED one', async () => {
      const r = await matrix(kz);
      assert.equal(r.statusCode, 200, r.body);
      const c = cells(r.json().matrices);
      assert.equal(c.get('T0800')!.count, 1);
      assert.deepEqual(
        c.get('T0800')!.reported_by.map((x) => x.id),
        [kzReport.id],
      );
      assert.equal(c.get('T0807')!.count, 1);
      assert.deepEqual(
        c.get('T0807')!.reported_by.map((x) => x.id),
        [byUses.id],
      );
      assert.equal(c.get('T0809')!.count, 0, 'BY’s TLP:RED edge is not counted for KZ');
      const total = [...c.values()].reduce((n, x) => n + x.count, 0);
      assert.equal(total, 2);
    });

    test('the originator of the RED edge sees it counted', async () => {
      const r = await matrix(by);
      assert.equal(r.statusCode, 200, r.body);
      const c = cells(r.json().matrices);
      assert.equal(c.get('T0809')!.count, 1);
      assert.equal(c.get('T0800')!.count, 1);
    });

    test('the period bounds what is counted, and a bad bound is a 400 that names it', async () => {
      const later = await matrix(kz, '?from=2999-01-01&to=2999-12-31');
      assert.equal(later.statusCode, 200, later.body);
      assert.equal(
        [...cells(later.json().matrices).values()].reduce((n, x) => n + x.count, 0),
        0,
      );
      const bad = await matrix(kz, '?from=last-tuesday');
      assert.equal(bad.statusCode, 400, bad.body);
      assert.equal(bad.json().error.code, 'ACCORD_VALIDATION');
      assert.match(bad.json().error.message, /from/);
      const reversed = await matrix(kz, '?from=2026-02-01&to=2026-01-01');
      assert.equal(reversed.statusCode, 400, reversed.body);
    });
  });
}
