// Shared builders for the policy tests: a small world of markings, objects and questions.
import {
  classificationMarking,
  createMarkingResolver,
  type DecisionInput,
  PARTY_CODES,
  releasabilityMarking,
  restrictedAccessMarking,
  TLP1_IDS,
  TLP2_IDS,
} from '../../src/policy/index.js';

export const DSP = restrictedAccessMarking('RU', {
  native: 'для служебного пользования',
  en: 'for official use only',
});
export const SECRET_RU = classificationMarking('RU', 'Секретно');
export const TOP_SECRET_RU = classificationMarking('RU', 'Совершенно секретно');
export const REL_RU_BY = releasabilityMarking(['RU', 'BY']);
export const REL_RU_KZ = releasabilityMarking(['RU', 'KZ']);
export const REL_KZ_CERT = releasabilityMarking(['RU'], ['identity--kz-cert']);
export const STATEMENT = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--d1b2f3a4-0000-4000-8000-000000000001',
  created: '2024-01-01T00:00:00.000Z',
  definition_type: 'statement',
  definition: { statement: 'Copyright 2024 RU NCCCI' },
};
export const ACS = {
  type: 'marking-definition',
  spec_version: '2.1',
  id: 'marking-definition--d1b2f3a4-0000-4000-8000-000000000002',
  created: '2024-01-01T00:00:00.000Z',
  extensions: {
    'extension-definition--3a65884d-005a-4290-8335-cb2d778a83ce': { extension_type: 'property-extension' },
  },
};

export const DEFINITIONS = [DSP, SECRET_RU, TOP_SECRET_RU, REL_RU_BY, REL_RU_KZ, REL_KZ_CERT, STATEMENT, ACS];
export const resolver = createMarkingResolver(DEFINITIONS);

export const id = (m: Record<string, unknown>): string => m.id as string;
export const TLP = TLP2_IDS;
export const TLP1 = TLP1_IDS;

export const OBJECT_ID = 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f';

export function indicator(refs: string[] = [], granular: string[] = []): Record<string, unknown> {
  const o: Record<string, unknown> = {
    type: 'indicator',
    spec_version: '2.1',
    id: OBJECT_ID,
    created: '2024-03-01T00:00:00.000Z',
    modified: '2024-03-01T00:00:00.000Z',
    pattern: "[ipv4-addr:value = '198.51.100.7']",
    pattern_type: 'stix',
    valid_from: '2024-03-01T00:00:00Z',
  };
  if (refs.length > 0) o.object_marking_refs = refs;
  if (granular.length > 0)
    o.granular_markings = granular.map((r) => ({ marking_ref: r, selectors: ['pattern'] }));
  return o;
}

export const ALL_PARTIES: ReadonlySet<string> = new Set(PARTY_CODES);

/** RU's indicator held by RU, asked for by BY over REST on 2024-06-01, all six Parties in force. */
export function question(
  over: Partial<DecisionInput> & { refs?: string[]; granular?: string[] } = {},
): DecisionInput {
  const { refs, granular, ...rest } = over;
  const object = indicator(refs ?? [TLP.green], granular ?? []);
  return {
    recipient: { kind: 'party', party: 'BY' },
    version: { id: OBJECT_ID, modified: object.modified as string, originator: 'RU', object, exercise: null },
    channel: 'rest',
    date: '2024-06-01',
    holder: 'RU',
    partiesInForce: ALL_PARTIES,
    accreditation: new Map([
      ['AM', 1],
      ['BY', 2],
      ['KZ', 1],
      ['KG', 0],
      ['RU', 3],
      ['TJ', 1],
    ]),
    markings: resolver,
    consents: [],
    exercise: null,
    ...rest,
  };
}
