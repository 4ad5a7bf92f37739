// MISP galaxy clusters as STIX SDOs. The cluster's uuid becomes the SDO's, so the same
// cluster met in many events is one object; its kind is read from the galaxy type, whose
// names MISP's galaxy repository fixes (mitre-attack-pattern, threat-actor, malpedia, …).

import { isRec, type Rec, recs, str } from './misp-shape.js';

export type ClusterType = 'attack-pattern' | 'intrusion-set' | 'threat-actor' | 'tool' | 'malware';

const MALWARE_GALAXIES = new Set([
  'malpedia',
  'ransomware',
  'banker',
  'rat',
  'botnet',
  'stealer',
  'exploit-kit',
  'android',
  'backdoor',
  'mitre-malware',
]);

/** The STIX type a galaxy's clusters become; `undefined` for galaxies with no STIX counterpart. */
export function clusterStixType(galaxyType: string): ClusterType | undefined {
  const t = galaxyType.toLowerCase();
  if (t.includes('attack-pattern')) return 'attack-pattern';
  if (t.includes('intrusion-set')) return 'intrusion-set';
  if (t === 'threat-actor' || t.endsWith('-threat-actor')) return 'threat-actor';
  if (t === 'tool' || t.endsWith('-tool')) return 'tool';
  if (MALWARE_GALAXIES.has(t) || t.includes('malware')) return 'malware';
  return undefined;
}

/** The galaxy type an SDO goes back to, for export. */
export const GALAXY_OF: Readonly<Record<ClusterType, string>> = {
  'attack-pattern': 'mitre-attack-pattern',
  'intrusion-set': 'mitre-intrusion-set',
  'threat-actor': 'threat-actor',
  tool: 'mitre-tool',
  malware: 'mitre-malware',
};

export interface Cluster {
  path: string;
  galaxyType: string;
  cluster: Rec;
}

/** Clusters under a holder's `Galaxy` (event or attribute), with where they are. */
export function clustersOf(holder: Rec, path: string): Cluster[] {
  const out: Cluster[] = [];
  recs(holder.Galaxy).forEach((g, gi) => {
    recs(g.GalaxyCluster).forEach((c, ci) => {
      out.push({
        path: `${path}.Galaxy[${gi}].GalaxyCluster[${ci}]`,
        galaxyType: str(c.type) ?? str(g.type) ?? '',
        cluster: c,
      });
    });
  });
  return out;
}

/** The SDO body of a cluster (without id, times or markings). */
export function clusterBody(type: ClusterType, c: Rec): Record<string, unknown> {
  const meta = isRec(c.meta) ? c.meta : {};
  const value = str(c.value) ?? '(unnamed)';
  const externalId = Array.isArray(meta.external_id) ? str(meta.external_id[0]) : str(meta.external_id);
  // MITRE clusters are named "Name - T1234"; the STIX name is the name alone.
  const name = externalId ? value.replace(new RegExp(`\\s+-\\s+${externalId}$`), '') : value;
  const body: Record<string, unknown> = { name };
  const description = str(c.description);
  if (description) body.description = description;
  const synonyms = Array.isArray(meta.synonyms) ? meta.synonyms.filter((s) => typeof s === 'string') : [];
  if (synonyms.length > 0 && type !== 'attack-pattern') body.aliases = synonyms;
  if (type === 'malware') body.is_family = true;
  if (externalId && type === 'attack-pattern')
    body.external_references = [{ source_name: 'mitre-attack', external_id: externalId }];
  const tagName = str(c.tag_name);
  if (tagName) body.x_misp_tag = tagName;
  return body;
}
