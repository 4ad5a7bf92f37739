import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  type DecisionInput,
  decide,
  releasabilityMarking,
  TLP2_MARKING_DEFINITIONS,
} from '../../src/policy/index.js';
import { DSP, question, REL_KZ_CERT, REL_RU_BY, SECRET_RU, STATEMENT } from './fixtures.js';

const UN = { kind: 'third-party', id: 'identity--un', name: 'UN' } as const;

/** RU's node discloses the definition itself, made by RU, to `recipient`. */
function aboutDefinition(
  md: Readonly<Record<string, unknown>>,
  recipient: DecisionInput['recipient'],
): ReturnType<typeof decide> {
  const base = question({ recipient });
  return decide({
    ...base,
    version: { id: md.id as string, modified: '', originator: 'RU', object: md, exercise: null },
  });
}

const party = (p: string) => ({ kind: 'party', party: p }) as const;

describe('Accord marking-definitions are marked by what they say', () => {
  test('a releasability list reaches the Parties on it and its maker, nobody else', () => {
    assert.equal(aboutDefinition(REL_RU_BY, party('BY')).allow, true);
    assert.equal(aboutDefinition(REL_RU_BY, party('RU')).allow, true);
    const kz = aboutDefinition(REL_RU_BY, party('KZ'));
    assert.equal(kz.allow, false);
    assert.equal(!kz.allow && kz.reason, 'not-released-to-party');
    assert.equal(aboutDefinition(REL_RU_BY, UN).allow, false);
  });

  test('a list of named bodies only reaches those bodies', () => {
    assert.equal(aboutDefinition(REL_KZ_CERT, party('KZ')).allow, false);
    assert.equal(
      aboutDefinition(REL_KZ_CERT, { kind: 'party', party: 'KZ', org: 'identity--kz-cert' }).allow,
      true,
    );
  });

  test('a classification definition reaches only Parties accredited for its level', () => {
    // The fixtures accredit BY up to rank 2 and KG for nothing.
    assert.equal(aboutDefinition(SECRET_RU, party('BY')).allow, true);
    const kg = aboutDefinition(SECRET_RU, party('KG'));
    assert.equal(!kg.allow && kg.reason, 'above-accreditation');
    assert.equal(aboutDefinition(SECRET_RU, UN).allow, false);
  });

  test('a restricted-access definition stays among the Parties in force', () => {
    assert.equal(aboutDefinition(DSP, party('KG')).allow, true);
    assert.equal(aboutDefinition(DSP, UN).allow, false);
  });

  test('definitions that name nobody are unchanged', () => {
    assert.equal(aboutDefinition(TLP2_MARKING_DEFINITIONS.red, party('KG')).allow, true);
    assert.equal(aboutDefinition(STATEMENT, party('KG')).allow, true);
  });

  test('a definition’s own markings still count: the most restrictive reading wins', () => {
    const md = { ...releasabilityMarking(['RU', 'BY', 'KZ']), object_marking_refs: [REL_RU_BY.id as string] };
    assert.equal(aboutDefinition(md, party('BY')).allow, true);
    assert.equal(aboutDefinition(md, party('KZ')).allow, false);
  });

  test('an Accord definition that cannot be read reaches its originator alone', () => {
    const broken = {
      ...REL_RU_BY,
      extensions: { [Object.keys(REL_RU_BY.extensions as object)[0]!]: { marking_type: 'releasability' } },
    };
    const by = aboutDefinition(broken, party('BY'));
    assert.equal(!by.allow && by.reason, 'unknown-marking');
    assert.equal(aboutDefinition(broken, party('RU')).allow, true);
  });
});
