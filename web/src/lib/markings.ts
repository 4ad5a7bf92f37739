import type { StixObject } from './types.js';

// What a marking-definition id means, for badges and banners. TLP ids are fixed by the TLP
// 2.0 extension (and TLP 1.0 objects still circulate); Accord's own markings are read from
// their definitions, which the node returns with an object's references.

export type Tlp = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

export const TLP_IDS: Record<string, Tlp> = {
  'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487': 'clear',
  'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb': 'green',
  'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421': 'amber',
  'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003': 'amber+strict',
  'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1': 'red',
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

const ACCORD_MARKING_EXTENSION = 'extension-definition--73a37265-c99d-43e1-aaf0-59e07c815678';

export type AccordMarking =
  | { kind: 'restricted-access'; party: string; designation: { native: string; en: string } }
  | { kind: 'classification'; party: string; level: string; rank: number }
  | { kind: 'releasability'; parties: string[] };

export function tlpOf(object: StixObject): Tlp | undefined {
  for (const ref of object.object_marking_refs ?? []) {
    const level = TLP_IDS[ref];
    if (level) return level;
  }
  return undefined;
}

/** Accord's markings among the given marking-definitions that the object refers to. */
export function accordMarkingsOf(object: StixObject, definitions: readonly StixObject[]): AccordMarking[] {
  const refs = new Set(object.object_marking_refs ?? []);
  const out: AccordMarking[] = [];
  for (const d of definitions) {
    if (d.type !== 'marking-definition' || !refs.has(d.id)) continue;
    const ext = (d.extensions as Record<string, Record<string, unknown>> | undefined)?.[
      ACCORD_MARKING_EXTENSION
    ];
    const kind = ext?.marking_type;
    if (kind === 'restricted-access' || kind === 'classification' || kind === 'releasability')
      out.push({ kind, ...ext } as unknown as AccordMarking);
  }
  return out;
}
