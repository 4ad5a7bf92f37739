import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkAccreditation, checkObjectAccreditation, effectiveMarkings } from '../../src/policy/index.js';
import {
  ACS,
  DSP,
  id,
  indicator,
  REL_KZ_CERT,
  REL_RU_BY,
  REL_RU_KZ,
  resolver,
  SECRET_RU,
  STATEMENT,
  TLP,
  TLP1,
  TOP_SECRET_RU,
} from './fixtures.js';

const eff = (refs: string[], granular: string[] = []) =>
  effectiveMarkings(indicator(refs, granular), resolver);

describe('effective markings', () => {
  test('an unmarked object is TLP:AMBER by default, with no TLP declared', () => {
    const m = eff([]);
    assert.equal(m.tlp, 'amber');
    assert.equal(m.declaredTlp, null);
    assert.equal(m.releasableTo, null);
  });

  test('the most restrictive TLP wins, TLP 1.0 and 2.0 alike', () => {
    assert.equal(eff([TLP.green, TLP1.amber]).tlp, 'amber');
    assert.equal(eff([TLP1.white]).tlp, 'clear');
    assert.equal(eff([TLP.clear, TLP.red]).tlp, 'red');
  });

  test('a more restrictive granular marking governs the whole object', () => {
    assert.equal(eff([TLP.green], [TLP.red]).tlp, 'red');
    assert.equal(eff([TLP.green], [id(SECRET_RU)]).classificationRank, 1);
    assert.deepEqual([...(eff([TLP.green], [id(REL_RU_BY)]).releasableTo ?? [])].sort(), ['BY', 'RU']);
  });

  test('a less restrictive granular marking loosens nothing', () => {
    assert.equal(eff([TLP.red], [TLP.clear]).tlp, 'red');
  });

  test('releasability lists intersect; named recipients too', () => {
    const m = eff([id(REL_RU_BY), id(REL_RU_KZ)]);
    assert.deepEqual([...(m.releasableTo ?? [])], ['RU']);
    assert.deepEqual([...(eff([id(REL_KZ_CERT)]).namedRecipients ?? [])], ['identity--kz-cert']);
    assert.deepEqual([...(eff([id(REL_KZ_CERT), id(REL_RU_BY)]).namedRecipients ?? [])], []);
  });

  test('the highest classification wins', () => {
    const m = eff([id(SECRET_RU)], [id(TOP_SECRET_RU)]);
    assert.equal(m.classificationRank, 2);
    assert.equal(m.classification?.level, 'Совершенно секретно');
  });

  test('restricted access and classification are never public: at least AMBER', () => {
    assert.equal(eff([TLP.clear, id(DSP)]).tlp, 'amber');
    assert.equal(eff([TLP.green, id(SECRET_RU)]).tlp, 'amber');
    assert.equal(eff([TLP.clear, id(REL_RU_BY)]).tlp, 'green');
    assert.equal(eff([id(DSP)]).restricted[0]?.designation.native, 'для служебного пользования');
  });

  test('statements restrict nothing; unresolvable and unreadable markings are reported', () => {
    assert.deepEqual(eff([TLP.green, id(STATEMENT)]).unknown, []);
    const m = eff([TLP.green, id(ACS), 'marking-definition--unknown']);
    assert.deepEqual(
      m.unknown.map((u) => [u.id, u.mayClassify]),
      [
        [id(ACS), false],
        ['marking-definition--unknown', false],
      ],
    );
    const bad = effectiveMarkings({ ...indicator(), object_marking_refs: 'nope' }, resolver);
    assert.equal(bad.unknown[0]?.why, 'malformed object_marking_refs');
  });

  test('language granular markings are ignored', () => {
    const o = { ...indicator([TLP.green]), granular_markings: [{ lang: 'ru', selectors: ['name'] }] };
    assert.deepEqual(effectiveMarkings(o, resolver).unknown, []);
  });
});

describe('accreditation at the door', () => {
  test('unclassified objects pass any node', () => {
    assert.deepEqual(checkObjectAccreditation(indicator([TLP.red]), resolver, 0), { ok: true });
  });

  test('an object above the node’s accreditation is refused with a message that says so', () => {
    const r = checkObjectAccreditation(indicator([id(TOP_SECRET_RU)]), resolver, 1);
    assert.equal(r.ok, false);
    assert.match(
      (r as { message: string }).message,
      /classified «Совершенно секретно» by RU \(rank 2\); this node is accredited up to «Секретно» \(Secret, rank 1\)/,
    );
    assert.deepEqual(checkObjectAccreditation(indicator([id(TOP_SECRET_RU)]), resolver, 2), { ok: true });
  });

  test('a granular classification counts at the door', () => {
    assert.equal(checkObjectAccreditation(indicator([TLP.green], [id(SECRET_RU)]), resolver, 0).ok, false);
  });

  test('a malformed Accord marking is refused at the door; a bare unknown id or a foreign readable one is not', () => {
    const malformed = checkObjectAccreditation({ ...indicator(), object_marking_refs: 'nope' }, resolver, 3);
    assert.equal(malformed.ok, false);
    assert.match((malformed as { message: string }).message, /cannot tell whether/);
    assert.deepEqual(checkObjectAccreditation(indicator(['marking-definition--unknown']), resolver, 0), {
      ok: true,
    });
    assert.deepEqual(checkAccreditation(effectiveMarkings(indicator([id(ACS)]), resolver), 0), { ok: true });
  });
});
