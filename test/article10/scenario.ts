import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import {
  classificationMarking,
  releasabilityMarking,
  restrictedAccessMarking,
  TLP2_IDS,
} from '../../src/policy/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import type { TestBackend } from '../helpers/stores.js';

/**
 * One KZ node holding objects under every kind of restriction, and users of Parties with
 * different rights to them. On today's data the Agreement is in force for BY, KZ, KG and
 * TJ; AM and RU are signatories only, so they are third parties.
 */
export const IDS = {
  red: 'report--0d000000-0000-4000-8000-000000000001',
  amberStrict: 'indicator--0d000000-0000-4000-8000-000000000002',
  restricted: 'indicator--0d000000-0000-4000-8000-000000000003',
  classified: 'indicator--0d000000-0000-4000-8000-000000000004',
  green: 'indicator--0d000000-0000-4000-8000-000000000005',
  rel: 'relationship--0d000000-0000-4000-8000-000000000006',
  clear: 'indicator--0d000000-0000-4000-8000-000000000007',
  amber: 'indicator--0d000000-0000-4000-8000-000000000008',
} as const;

export type Key = keyof typeof IDS;

/** A string found only inside each object: if it appears in a response, the object leaked. */
export const MARKER: Record<Key, string> = {
  red: 'MARKER-RED-7f3a',
  amberStrict: 'MARKER-AMBERSTRICT-21c9',
  restricted: 'MARKER-RESTRICTED-b04e',
  classified: 'MARKER-CLASSIFIED-9d1d',
  green: 'MARKER-GREEN-5e77',
  rel: 'MARKER-REL-33aa',
  clear: 'MARKER-CLEAR-c6b2',
  amber: 'MARKER-AMBER-18f0',
};

/** Who may see what today: the answer the rules of DESIGN.md give. */
export const EXPECTED: Record<string, Key[]> = {
  KZ: ['red', 'amberStrict', 'restricted', 'classified', 'green', 'rel', 'clear', 'amber'],
  BY: ['red', 'amberStrict', 'restricted', 'classified', 'green', 'rel', 'clear', 'amber'],
  TJ: ['red', 'amberStrict', 'restricted', 'green', 'rel', 'clear', 'amber'],
  // Not the relationship: it points at the RED report, and an edge may not outrun its ends.
  KG: ['amberStrict', 'restricted', 'green', 'clear', 'amber'],
  RU: ['clear'],
};

const BASE = {
  spec_version: '2.1',
  created: '2025-03-01T09:00:00.000Z',
  modified: '2025-03-01T09:00:00.000Z',
};

function indicator(key: Key, markings: string[]) {
  return {
    ...BASE,
    type: 'indicator',
    id: IDS[key],
    name: MARKER[key],
    pattern: `[domain-name:value = '${MARKER[key].toLowerCase()}.example']`,
    pattern_type: 'stix',
    valid_from: '2025-03-01T09:00:00Z',
    object_marking_refs: markings,
  };
}

export function scenarioBundle() {
  const rel = releasabilityMarking(['BY', 'TJ']);
  const dsp = restrictedAccessMarking('KZ', {
    native: 'для служебного пользования',
    en: 'for official use only',
  });
  const secret = classificationMarking('KZ', 'Секретно');
  const id = (m: Record<string, unknown>) => m.id as string;
  return {
    type: 'bundle',
    id: 'bundle--0d000000-0000-4000-8000-0000000000ff',
    objects: [
      rel,
      dsp,
      secret,
      {
        ...BASE,
        type: 'report',
        id: IDS.red,
        name: MARKER.red,
        published: '2025-03-01T09:00:00Z',
        report_types: ['threat-report'],
        object_refs: [IDS.green],
        object_marking_refs: [TLP2_IDS.red, id(rel)],
      },
      indicator('amberStrict', [TLP2_IDS['amber+strict']]),
      indicator('restricted', [TLP2_IDS.green, id(dsp)]),
      indicator('classified', [TLP2_IDS.green, id(secret)]),
      indicator('green', [TLP2_IDS.green]),
      {
        ...BASE,
        type: 'relationship',
        id: IDS.rel,
        relationship_type: 'related-to',
        description: MARKER.rel,
        source_ref: IDS.green,
        target_ref: IDS.red,
        object_marking_refs: [TLP2_IDS.green],
      },
      indicator('clear', [TLP2_IDS.clear]),
      indicator('amber', [TLP2_IDS.amber]),
    ],
  };
}

export interface Scenario {
  t: TestNode;
  tokens: Record<string, string>;
  liaison: Record<string, string>;
  admin: string;
}

export async function startScenario(backend: TestBackend): Promise<Scenario> {
  const t = await startTestNode(backend, 'KZ');
  // The node holds up to «Секретно»; BY's competent authority is accredited for it too.
  t.node.settings.accreditation = 1;
  t.node.settings.accreditations = { BY: 1 };
  const tokens: Record<string, string> = {};
  const liaison: Record<string, string> = {};
  for (const p of Object.keys(EXPECTED)) {
    tokens[p] = await t.tokenFor(p, 'analyst');
    liaison[p] = await t.tokenFor(p, 'liaison');
  }
  const admin = await t.tokenFor('KZ', 'admin');
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/v1/bundles',
    headers: bearer(tokens.KZ!),
    payload: scenarioBundle(),
  });
  if (r.statusCode !== 201) throw new Error(`seeding failed: ${r.statusCode} ${r.body}`);
  return { t, tokens, liaison, admin };
}

export const TAXII_ALL = `/taxii2/accord/collections/${ALL_OBJECTS_ID}`;
export const TAXII_ACCEPT = 'application/taxii+json;version=2.1';

/** The scenario objects whose markers appear in a text. */
export function leaked(text: string): Key[] {
  return (Object.keys(MARKER) as Key[]).filter((k) => text.includes(MARKER[k]));
}
