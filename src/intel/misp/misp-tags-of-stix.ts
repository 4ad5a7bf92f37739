// What MISP reads of an object's markings: TLP tags and labels, and the distribution (with its
// sharing group) a REL TO marking stands for. Pure.

import { parseAccordMarking } from '../../policy/accord-markings.js';
import { TLP1_IDS, TLP2_IDS, type TlpLevel } from '../../policy/tlp.js';
import { derivedUuid } from './misp-ids.js';
import { TLP_TAG_OF } from './misp-markings.js';
import { type Rec, str } from './misp-shape.js';

type Json = Record<string, unknown>;
export type Look = (id: string) => Rec | undefined;

export const uuidOf = (id: string) => id.slice(id.indexOf('--') + 2);

const TLP_BY_ID = new Map<string, TlpLevel>([
  ...Object.entries(TLP2_IDS).map(([l, id]) => [id, l as TlpLevel] as const),
  [TLP1_IDS.white, 'clear'],
  [TLP1_IDS.green, 'green'],
  [TLP1_IDS.amber, 'amber'],
  [TLP1_IDS.red, 'red'],
]);

export function tagsOf(o: Rec): Json[] {
  const tags: Json[] = [];
  const refs = Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : [];
  for (const r of refs) {
    const level = TLP_BY_ID.get(r);
    if (level) tags.push({ name: TLP_TAG_OF[level] });
  }
  if (Array.isArray(o.labels)) for (const l of o.labels) if (typeof l === 'string') tags.push({ name: l });
  return tags;
}

/** Distribution and sharing group of a REL TO marking; "all communities" without one. */
export function distributionOf(o: Rec, look: Look): Json {
  const refs = Array.isArray(o.object_marking_refs) ? (o.object_marking_refs as string[]) : [];
  for (const r of refs) {
    const md = look(r);
    const m = md ? parseAccordMarking(md) : undefined;
    if (!m || m === 'invalid' || m.kind !== 'releasability') continue;
    const orgs: Json[] = m.parties.map((p) => ({ Organisation: { name: p, uuid: derivedUuid('party', p) } }));
    for (const rid of m.recipients) {
      const who = look(rid);
      orgs.push({ Organisation: { name: str(who?.name) ?? rid, uuid: uuidOf(rid) } });
    }
    return {
      distribution: '4',
      SharingGroup: { name: String(md!.name), uuid: uuidOf(r), SharingGroupOrg: orgs },
    };
  }
  return { distribution: '3' };
}
