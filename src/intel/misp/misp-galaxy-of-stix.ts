// Galaxy clusters (threat actors, malware, tools, attack patterns, intrusion sets) as MISP
// galaxies and the tags that name them. Pure.

import { type ClusterType, GALAXY_OF } from './misp-galaxies.js';
import { isRec, type Rec, str } from './misp-shape.js';
import { uuidOf } from './misp-tags-of-stix.js';

type Json = Record<string, unknown>;

export const CLUSTER_TYPES = new Set<string>([
  'attack-pattern',
  'intrusion-set',
  'threat-actor',
  'tool',
  'malware',
]);

function clusterValue(c: Rec): string {
  const refs = Array.isArray(c.external_references) ? c.external_references.filter(isRec) : [];
  const ext = refs.find((r) => r.source_name === 'mitre-attack');
  const id = ext ? str(ext.external_id) : undefined;
  return id ? `${str(c.name)} - ${id}` : (str(c.name) ?? '');
}

export function clusterTag(c: Rec): string {
  return str(c.x_misp_tag) ?? `misp-galaxy:${GALAXY_OF[c.type as ClusterType]}="${clusterValue(c)}"`;
}

export function galaxy(c: Rec): Json {
  const type = GALAXY_OF[c.type as ClusterType];
  const refs = Array.isArray(c.external_references) ? c.external_references.filter(isRec) : [];
  const ext = refs.find((r) => r.source_name === 'mitre-attack');
  return {
    type,
    name: type,
    GalaxyCluster: [
      {
        uuid: uuidOf(String(c.id)),
        type,
        value: clusterValue(c),
        tag_name: clusterTag(c),
        description: str(c.description) ?? '',
        meta: {
          ...(Array.isArray(c.aliases) ? { synonyms: c.aliases } : {}),
          ...(ext ? { external_id: [str(ext.external_id)] } : {}),
        },
      },
    ],
  };
}
