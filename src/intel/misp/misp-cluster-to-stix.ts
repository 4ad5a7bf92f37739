// A galaxy cluster as the STIX SDO of its kind, once per event (its id is the cluster's uuid),
// or a kept note when its galaxy has no STIX type. Pure.

import type { EventMapper } from './misp-event-mapper.js';
import { clusterBody, clusterStixType } from './misp-galaxies.js';
import { idFromMisp } from './misp-ids.js';
import { type Rec, str } from './misp-shape.js';

export function mapCluster(m: EventMapper, galaxyType: string, c: Rec, path: string): string | undefined {
  const type = clusterStixType(galaxyType);
  if (!type) {
    m.keep(
      path,
      `galaxy cluster ${str(c.value) ?? ''} (${galaxyType})`,
      `galaxy ${galaxyType} has no STIX type`,
      c,
    );
    return undefined;
  }
  const uuid = str(c.uuid);
  const id = idFromMisp(type, uuid, ...(uuid ? [] : [str(c.value) ?? path]));
  if (!m.objects.has(id)) m.counts.clusters++;
  m.add(m.sdo(type, id, m.time, m.eventMarks, clusterBody(type, c)));
  return id;
}
