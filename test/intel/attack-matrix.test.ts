import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { buildMatrices, MITRE_IDENTITY } from '../../src/intel/attack-matrix.js';

type Obj = { type: string; id: string; [k: string]: unknown };
const FIXTURE = (
  JSON.parse(
    readFileSync(new URL('../../src/cli/demo/data/attack-ics-sample.json', import.meta.url), 'utf8'),
  ) as { objects: Obj[] }
).objects;
const byAttackId = (aid: string) =>
  FIXTURE.find(
    (o) => (o.external_references as { external_id?: string }[] | undefined)?.[0]?.external_id === aid,
  )!;

const edge = (n: number, target: string, extra: Record<string, unknown> = {}): Obj => ({
  type: 'relationship',
  id: `relationship--00000000-0000-4000-8000-00000000000${n}`,
  relationship_type: 'uses',
  source_ref: 'malware--00000000-0000-4000-8000-000000000000',
  target_ref: target,
  ...extra,
});

function cell(matrices: ReturnType<typeof buildMatrices>, aid: string) {
  for (const m of matrices)
    for (const t of m.tactics) for (const c of t.techniques) if (c.attack_id === aid) return c;
  return undefined;
}

describe('buildMatrices', () => {
  test('copies of ATT&CK held by several Parties make one matrix, one cell per technique', () => {
    const twice = [...FIXTURE, ...FIXTURE.map((o) => ({ ...o }))];
    const [m, ...rest] = buildMatrices(twice, []);
    assert.equal(rest.length, 0);
    assert.equal(
      m!.tactics.reduce((n, t) => n + t.techniques.length, 0),
      20,
    );
  });

  test('uses and indicates count; other edges, MITRE’s own edges and repeats do not', () => {
    const t = byAttackId('T0809').id;
    const m = buildMatrices(FIXTURE, [
      edge(1, t),
      edge(2, t, { relationship_type: 'indicates' }),
      edge(3, t, { relationship_type: 'mitigates' }),
      edge(4, t, { created_by_ref: MITRE_IDENTITY }),
      // As some of Enterprise ATT&CK's own edges are: no maker, only MITRE as last modifier.
      edge(5, t, { x_mitre_modified_by_ref: MITRE_IDENTITY }),
      edge(1, t),
    ]);
    assert.equal(cell(m, 'T0809')!.count, 2);
  });

  test('a sub-technique is counted under its parent', () => {
    const parent = byAttackId('T0800');
    const sub = {
      ...parent,
      id: 'attack-pattern--00000000-0000-4000-8000-0000000000aa',
      external_references: [{ source_name: 'mitre-attack', external_id: 'T0800.001' }],
      x_mitre_is_subtechnique: true,
    };
    const m = buildMatrices([...FIXTURE, sub], [edge(1, sub.id)]);
    assert.equal(cell(m, 'T0800')!.count, 1);
    assert.equal(cell(m, 'T0800.001'), undefined, 'sub-techniques are not columns of their own');
  });

  test('a revoked technique drops out of the matrix', () => {
    const t = byAttackId('T0800');
    const m = buildMatrices(
      FIXTURE.map((o) => (o.id === t.id ? { ...o, revoked: true, modified: '2099-01-01T00:00:00.000Z' } : o)),
      [],
    );
    assert.equal(cell(m, 'T0800'), undefined);
  });
});
