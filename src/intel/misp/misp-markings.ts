// MISP tags and distribution levels as Accord markings. `tlp:*` tags become TLP 2.0 (WHITE is
// CLEAR under TLP 2.0); several TLP tags on one thing keep the most restrictive, and an
// unknown `tlp:` tag is reported rather than guessed at. Distribution "your organisation
// only" and sharing groups become releasability (REL TO): MISP restricts by organisation,
// Accord by Party, so an organisation that is a Party counts as that Party and any other is
// named as a recipient in its own right (an identity), which keeps the restriction no wider.

import { mostRestrictiveTlp, type TlpLevel } from '../../policy/tlp.js';
import { isRec, type Rec, recs, str } from './misp-shape.js';

const TLP_TAGS: Readonly<Record<string, TlpLevel>> = {
  'tlp:white': 'clear',
  'tlp:clear': 'clear',
  'tlp:green': 'green',
  'tlp:amber': 'amber',
  'tlp:amber+strict': 'amber+strict',
  'tlp:red': 'red',
};

export const TLP_TAG_OF: Readonly<Record<TlpLevel, string>> = {
  clear: 'tlp:clear',
  green: 'tlp:green',
  amber: 'tlp:amber',
  'amber+strict': 'tlp:amber+strict',
  red: 'tlp:red',
};

export interface TagReading {
  tlp: TlpLevel | null;
  /** Tags that are neither TLP nor a galaxy cluster's: kept as STIX labels. */
  labels: string[];
  /** `tlp:` tags that name no TLP 2.0 level. */
  unknownTlp: string[];
  /** More than one TLP tag: the most restrictive won. */
  tlpConflict: boolean;
}

export function readTags(holder: Rec): TagReading {
  const r: TagReading = { tlp: null, labels: [], unknownTlp: [], tlpConflict: false };
  for (const tag of recs(holder.Tag)) {
    const name = str(tag.name)?.trim();
    if (!name) continue;
    const lower = name.toLowerCase();
    if (lower.startsWith('tlp:')) {
      const level = TLP_TAGS[lower];
      if (!level) r.unknownTlp.push(name);
      else {
        if (r.tlp && r.tlp !== level) r.tlpConflict = true;
        r.tlp = r.tlp ? mostRestrictiveTlp(r.tlp, level) : level;
      }
    } else if (!lower.startsWith('misp-galaxy:')) r.labels.push(name);
  }
  return r;
}

/** A Party as MISP organisations may name it: its code, or its country's name. */
export interface PartyName {
  code: string;
  names: readonly string[];
}

export interface Releasability {
  parties: string[];
  /** MISP organisations that are not Parties: identities named as recipients. */
  orgs: { uuid: string; name: string }[];
  /** Why: "organisation only", or the sharing group's name. */
  because: string;
}

function partyOf(org: Rec, parties: readonly PartyName[]): string | undefined {
  const name = str(org.name)?.trim().toLowerCase() ?? '';
  const nationality = str(org.nationality)?.trim().toLowerCase() ?? '';
  for (const p of parties) {
    if (name === p.code.toLowerCase()) return p.code;
    if (
      nationality &&
      p.names.some((n) => n.toLowerCase() === nationality || n.toLowerCase().includes(nationality))
    )
      return p.code;
  }
  return undefined;
}

/**
 * The REL TO an event or attribute's distribution calls for; `null` when MISP shares it with
 * its communities (TLP then decides alone). Distribution 5 ("inherit") takes the event's.
 */
export function releasabilityOf(
  holder: Rec,
  inherited: Releasability | null,
  ownerParty: string,
  parties: readonly PartyName[],
): Releasability | null {
  const d = str(holder.distribution);
  if (d === undefined || d === '5') return inherited;
  if (d === '0') return { parties: [ownerParty], orgs: [], because: 'distribution: your organisation only' };
  if (d !== '4') return null;
  const group = isRec(holder.SharingGroup) ? holder.SharingGroup : {};
  const out: Releasability = {
    parties: [ownerParty],
    orgs: [],
    because: `sharing group ${str(group.name) ?? str(holder.sharing_group_id) ?? '(unnamed)'}`,
  };
  for (const member of recs(group.SharingGroupOrg)) {
    const org = isRec(member.Organisation) ? member.Organisation : member;
    const party = partyOf(org, parties);
    const uuid = str(org.uuid);
    if (party) out.parties.push(party);
    else if (uuid) out.orgs.push({ uuid: uuid.toLowerCase(), name: str(org.name) ?? uuid });
  }
  out.parties = [...new Set(out.parties)].sort();
  return out;
}
