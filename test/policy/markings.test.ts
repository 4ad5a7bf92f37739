import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  ACCORD_MARKING_EXTENSION_DEFINITION,
  ACCORD_MARKING_EXTENSION_ID,
  CLASSIFICATION_LEVELS,
  classificationMarking,
  classificationRank,
  createMarkingResolver,
  equivalentLevel,
  markingInfoOf,
  PARTY_CODES,
  releasabilityMarking,
  restrictedAccessMarking,
  TLP1_IDS,
  TLP2_EXTENSION_ID,
  TLP2_IDS,
  TLP2_MARKING_DEFINITIONS,
  tlpLevelOfDefinition,
  tlpLevelOfId,
  UNKNOWN_CLASSIFICATION_RANK,
} from '../../src/policy/index.js';

describe('TLP marking-definitions', () => {
  test('the TLP 2.0 objects carry the official OASIS ids and extension', () => {
    assert.equal(TLP2_IDS.clear, 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487');
    assert.equal(TLP2_IDS.green, 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb');
    assert.equal(TLP2_IDS.amber, 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421');
    assert.equal(TLP2_IDS['amber+strict'], 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003');
    assert.equal(TLP2_IDS.red, 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1');
    const red = TLP2_MARKING_DEFINITIONS.red;
    assert.equal(red.name, 'TLP:RED');
    assert.deepEqual(red.extensions, {
      [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: 'red' },
    });
    for (const [level, md] of Object.entries(TLP2_MARKING_DEFINITIONS)) {
      assert.equal(tlpLevelOfDefinition(md), level);
    }
  });

  test('STIX 2.1 TLP 1.0 ids are read, WHITE as CLEAR', () => {
    assert.equal(tlpLevelOfId(TLP1_IDS.white), 'clear');
    assert.equal(tlpLevelOfId(TLP1_IDS.green), 'green');
    assert.equal(tlpLevelOfId(TLP1_IDS.amber), 'amber');
    assert.equal(tlpLevelOfId(TLP1_IDS.red), 'red');
    assert.equal(tlpLevelOfId('marking-definition--00000000-0000-4000-8000-000000000000'), undefined);
  });

  test('a TLP 1.0-style definition under another id is read by its content', () => {
    const md = {
      type: 'marking-definition',
      id: 'marking-definition--x',
      definition_type: 'tlp',
      definition: { tlp: 'white' },
    };
    assert.equal(tlpLevelOfDefinition(md), 'clear');
  });

  test('an official id keeps its meaning whatever a forged object says', () => {
    const forged = {
      ...TLP2_MARKING_DEFINITIONS.red,
      extensions: { [TLP2_EXTENSION_ID]: { tlp_2_0: 'clear' } },
    };
    assert.equal(tlpLevelOfDefinition(forged), 'red');
  });
});

describe('Accord marking-definitions', () => {
  test('the extension-definition is a STIX property-extension', () => {
    assert.equal(ACCORD_MARKING_EXTENSION_DEFINITION.type, 'extension-definition');
    assert.equal(ACCORD_MARKING_EXTENSION_DEFINITION.id, ACCORD_MARKING_EXTENSION_ID);
    assert.deepEqual(ACCORD_MARKING_EXTENSION_DEFINITION.extension_types, ['property-extension']);
  });

  test('restricted access carries the Party’s own designation and round-trips', () => {
    const md = restrictedAccessMarking('RU', {
      native: 'для служебного пользования',
      en: 'for official use only',
    });
    assert.match(md.id as string, /^marking-definition--[0-9a-f-]{36}$/);
    assert.deepEqual(markingInfoOf(md), {
      kind: 'restricted-access',
      party: 'RU',
      designation: { native: 'для служебного пользования', en: 'for official use only' },
    });
  });

  test('ids are stable for the same maker and content, distinct otherwise', () => {
    assert.equal(releasabilityMarking(['RU', 'BY']).id, releasabilityMarking(['BY', 'RU', 'BY']).id);
    assert.notEqual(releasabilityMarking(['RU', 'BY']).id, releasabilityMarking(['RU']).id);
    assert.notEqual(
      releasabilityMarking(['RU']).id,
      releasabilityMarking(['RU'], [], { createdByRef: 'identity--0b9f3e49-8c2e-4e8e-9f7b-000000000001' }).id,
    );
  });

  test('classification markings round-trip with the rank of the table', () => {
    const md = classificationMarking('KZ', 'Совершенно секретно');
    assert.deepEqual(markingInfoOf(md), {
      kind: 'classification',
      party: 'KZ',
      level: 'Совершенно секретно',
      rank: 2,
    });
    assert.throws(() => classificationMarking('RU', 'Confidential-ish'), RangeError);
  });

  test('a claimed rank lower than the table is not believed; an unknown stamp ranks above all', () => {
    const md = classificationMarking('RU', 'Особой важности');
    const ext = (md.extensions as Record<string, Record<string, unknown>>)[
      ACCORD_MARKING_EXTENSION_ID
    ] as Record<string, unknown>;
    ext.rank = 1;
    assert.equal((markingInfoOf(md) as { rank: number }).rank, 3);
    ext.level = 'Gizli';
    assert.equal((markingInfoOf(md) as { rank: number }).rank, UNKNOWN_CLASSIFICATION_RANK);
  });

  test('releasability lists Parties and named recipients', () => {
    const md = releasabilityMarking(['RU', 'KZ'], ['identity--kz-cert']);
    assert.deepEqual(markingInfoOf(md), {
      kind: 'releasability',
      parties: ['KZ', 'RU'],
      recipients: ['identity--kz-cert'],
    });
  });

  test('a malformed Accord marking and a foreign one are unknown', () => {
    const bad = {
      id: 'marking-definition--b',
      extensions: { [ACCORD_MARKING_EXTENSION_ID]: { marking_type: 'releasability' } },
    };
    assert.deepEqual(markingInfoOf(bad), { kind: 'unknown', why: 'malformed Accord marking', accord: true });
    assert.equal(markingInfoOf({ id: 'marking-definition--c', extensions: { x: {} } }).kind, 'unknown');
  });

  test('the resolver knows the TLP ids without their objects', () => {
    const r = createMarkingResolver([]);
    assert.deepEqual(r(TLP2_IDS.amber), { kind: 'tlp', level: 'amber' });
    assert.deepEqual(r(TLP1_IDS.white), { kind: 'tlp', level: 'clear' });
    assert.equal(r('marking-definition--nope'), undefined);
  });
});

describe('classification equivalence table', () => {
  test('every Party has three comparable levels, ranks 1..3', () => {
    for (const p of PARTY_CODES) {
      assert.deepEqual(
        CLASSIFICATION_LEVELS[p].map((l) => l.rank),
        [1, 2, 3],
      );
    }
  });
  test('levels are found by stamp, with or without quotes, or by English gloss', () => {
    assert.equal(classificationRank('BY', '«Секретно»'), 1);
    assert.equal(classificationRank('TJ', 'top secret'), 2);
    assert.equal(classificationRank('AM', 'особой важности'), 3);
    assert.equal(classificationRank('US', 'Secret'), undefined);
    assert.equal(equivalentLevel('KG', 2)?.level, 'Совершенно секретно');
  });
});
