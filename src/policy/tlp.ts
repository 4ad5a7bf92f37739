// TLP as STIX marking-definitions. TLP 2.0 uses the OASIS extension
// extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d; the ids and objects below are
// the ones OASIS publishes in cti-stix-common-objects, so any STIX tool recognises them.
// STIX 2.1 also predefines TLP 1.0 (section 7.2.1.4): we read those on input and map
// WHITE to CLEAR, since TLP 2.0 renamed the level without changing its meaning.

export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** From least to most restrictive; the index is the order used to combine markings. */
export const TLP_ORDER: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

export function tlpRank(level: TlpLevel): number {
  return TLP_ORDER.indexOf(level);
}

export function mostRestrictiveTlp(a: TlpLevel, b: TlpLevel): TlpLevel {
  return tlpRank(a) >= tlpRank(b) ? a : b;
}

export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

export const TLP2_IDS = {
  clear: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487',
  green: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb',
  amber: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421',
  'amber+strict': 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003',
  red: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1',
} as const satisfies Record<TlpLevel, string>;

export const TLP1_IDS = {
  white: 'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9',
  green: 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da',
  amber: 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82',
  red: 'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed',
} as const;

const TLP_NAMES: Record<TlpLevel, string> = {
  clear: 'TLP:CLEAR',
  green: 'TLP:GREEN',
  amber: 'TLP:AMBER',
  'amber+strict': 'TLP:AMBER+STRICT',
  red: 'TLP:RED',
};

export function tlpName(level: TlpLevel): string {
  return TLP_NAMES[level];
}

function tlp2Definition(level: TlpLevel): Readonly<Record<string, unknown>> {
  return Object.freeze({
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_IDS[level],
    created: '2022-10-01T00:00:00.000Z',
    name: TLP_NAMES[level],
    extensions: {
      [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level },
    },
  });
}

/** The five TLP 2.0 marking-definition objects, as OASIS publishes them. */
export const TLP2_MARKING_DEFINITIONS: Readonly<Record<TlpLevel, Readonly<Record<string, unknown>>>> =
  Object.freeze({
    clear: tlp2Definition('clear'),
    green: tlp2Definition('green'),
    amber: tlp2Definition('amber'),
    'amber+strict': tlp2Definition('amber+strict'),
    red: tlp2Definition('red'),
  });

const BY_ID: ReadonlyMap<string, TlpLevel> = new Map<string, TlpLevel>([
  ...Object.entries(TLP2_IDS).map(([level, id]) => [id, level as TlpLevel] as const),
  [TLP1_IDS.white, 'clear'],
  [TLP1_IDS.green, 'green'],
  [TLP1_IDS.amber, 'amber'],
  [TLP1_IDS.red, 'red'],
]);

/** The TLP level of a well-known marking-definition id, TLP 1.0 or 2.0. */
export function tlpLevelOfId(id: string): TlpLevel | undefined {
  return BY_ID.get(id);
}

const LEVELS = new Set<string>(TLP_ORDER);

/**
 * The TLP level a marking-definition object declares, whatever its id: the TLP 2.0 extension
 * or the STIX 2.1 `definition_type: "tlp"` form. A well-known id wins over its content, so a
 * forged object reusing an official id cannot change what that id means.
 */
export function tlpLevelOfDefinition(md: Readonly<Record<string, unknown>>): TlpLevel | undefined {
  if (typeof md.id === 'string') {
    const known = BY_ID.get(md.id);
    if (known) return known;
  }
  const ext = (md.extensions as Record<string, unknown> | undefined)?.[TLP2_EXTENSION_ID];
  if (ext && typeof ext === 'object') {
    const v = (ext as Record<string, unknown>).tlp_2_0;
    if (typeof v === 'string' && LEVELS.has(v)) return v as TlpLevel;
  }
  if (md.definition_type === 'tlp') {
    const v = (md.definition as Record<string, unknown> | undefined)?.tlp;
    if (v === 'white') return 'clear';
    if (typeof v === 'string' && LEVELS.has(v)) return v as TlpLevel;
  }
  return undefined;
}
