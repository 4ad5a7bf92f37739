import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { releasabilityMarking, TLP2_IDS } from '../../src/policy/index.js';
import {
  create,
  eventually,
  type Federation,
  peerAll,
  startFederation,
  versionsOn,
} from './federation-helpers.js';
import { indicator, indicatorId } from './taxii-helpers.js';

// The shipped Agreement is in force for BY, KZ, KG and TJ; AM and RU have signed only.
const PARTIES = ['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ'];

function report(n: number, refs: string[]): Record<string, unknown> {
  return {
    type: 'report',
    spec_version: '2.1',
    id: `report--00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2024-03-01T00:00:00.000Z',
    modified: '2024-03-01T00:00:00.000Z',
    name: `Report ${n}`,
    published: '2024-03-01T00:00:00.000Z',
    object_refs: [indicatorId(1)],
    object_marking_refs: refs,
  };
}

describe('federation: propagation to every entitled peer and to no other', () => {
  let fed: Federation;
  before(async () => {
    fed = await startFederation(PARTIES);
    await peerAll(fed);
    for (const f of fed.nodes.values()) await f.startService();
  });
  after(async () => fed.dispose());

  it('a GREEN indicator made on KZ reaches BY, KG and TJ, and neither AM nor RU', async () => {
    await create(fed.get('KZ'), [indicator(1, { object_marking_refs: [TLP2_IDS.green] })]);
    for (const p of ['BY', 'KG', 'TJ'])
      await eventually(
        async () => (await versionsOn(fed.get(p), indicatorId(1))).length === 1,
        `indicator on ${p}`,
      );
    for (const p of ['AM', 'RU']) assert.equal((await versionsOn(fed.get(p), indicatorId(1))).length, 0, p);
    const onBy = (await versionsOn(fed.get('BY'), indicatorId(1)))[0]!;
    assert.equal(onBy.party, 'KZ');
    assert.equal(onBy.sourceNode, 'accord-kz');
    assert.match(onBy.signature ?? '', /^[\w-]+\.\.[\w-]+$/);
  });

  it('a RED report released to BY and TJ reaches those two only', async () => {
    const rel = releasabilityMarking(['BY', 'TJ']);
    const red = report(7, [TLP2_IDS.red, rel.id as string]);
    await create(fed.get('KZ'), [rel, red]);
    for (const p of ['BY', 'TJ'])
      await eventually(
        async () => (await versionsOn(fed.get(p), red.id as string)).length === 1,
        `report on ${p}`,
      );
    // A GREEN object made after it has arrived everywhere it may go: the RED report had its turn.
    await create(fed.get('KZ'), [indicator(2, { object_marking_refs: [TLP2_IDS.green] })]);
    await eventually(
      async () => (await versionsOn(fed.get('KG'), indicatorId(2))).length === 1,
      'marker on KG',
    );
    for (const p of ['KG', 'AM', 'RU'])
      assert.equal(
        (await versionsOn(fed.get(p), red.id as string)).length,
        0,
        `${p} must not hold the RED report`,
      );
  });
});
