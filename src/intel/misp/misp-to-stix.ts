// One MISP event as STIX 2.1 objects, by the mapping docs/misp.md tabulates: the event is a
// report, Orgc an identity, attributes indicators (to_ids) or observables, objects groupings,
// object references relationships, sightings sightings, galaxy clusters SDOs, tags TLP and
// labels, distribution and sharing groups REL TO. Whatever has no STIX counterpart becomes a
// note on the report and a line of `unmapped`, so nothing is dropped unseen. Pure.

import { mapAttribute } from './misp-attribute-to-stix.js';
import { mapCluster } from './misp-cluster-to-stix.js';
import { EventMapper, type MappedEvent, type MappingOptions } from './misp-event-mapper.js';
import { clustersOf } from './misp-galaxies.js';
import { idFromMisp } from './misp-ids.js';
import { readTags } from './misp-markings.js';
import { mapObject, mapReferences } from './misp-object-to-stix.js';
import { bool, type Rec, recs, stixTime, str } from './misp-shape.js';

export type { MappedEvent, MappingOptions, UnmappedItem } from './misp-event-mapper.js';

function run(m: EventMapper): MappedEvent {
  const e = m.event;
  for (const [i, a] of recs(e.Attribute).entries()) mapAttribute(m, a, `${m.path}.Attribute[${i}]`);
  for (const [i, o] of recs(e.Object).entries()) mapObject(m, o, `${m.path}.Object[${i}]`);
  // References second: an object may point at one that comes after it.
  for (const [i, o] of recs(e.Object).entries()) mapReferences(m, o, `${m.path}.Object[${i}]`);
  for (const c of clustersOf(e, m.path)) mapCluster(m, c.galaxyType, c.cluster, c.path);
  recs(e.EventReport).forEach((r, i) => {
    if (bool(r.deleted)) return;
    const id = idFromMisp('note', str(r.uuid), ...(str(r.uuid) ? [] : [`${m.path}.EventReport[${i}]`]));
    m.add(
      m.sdo('note', id, stixTime(r.timestamp, m.time), m.eventMarks, {
        abstract: str(r.name) ?? 'MISP event report',
        content: str(r.content) || '(empty)',
        object_refs: [m.reportId],
      }),
    );
  });
  const tags = readTags(e);
  const date = stixTime(e.date, m.time);
  const published = bool(e.published) ? stixTime(e.publish_timestamp, m.time) : m.time;
  const refs = m.refs.length > 0 ? m.refs : [m.orgId];
  const report = m.sdo('report', m.reportId, m.time, m.eventMarks, {
    created: [date, m.time].sort()[0],
    name: str(e.info) || '(MISP event without info)',
    published,
    report_types: ['threat-report'],
    object_refs: refs,
    ...(tags.labels.length > 0 ? { labels: tags.labels } : {}),
    ...(str(e.threat_level_id) ? { x_misp_threat_level_id: str(e.threat_level_id) } : {}),
    ...(str(e.analysis) ? { x_misp_analysis: str(e.analysis) } : {}),
    ...(m.eventMarks.rel ? { x_misp_releasability: m.eventMarks.rel.because } : {}),
  });
  m.objects.set(m.reportId, report);
  return {
    uuid: m.reportId.slice('report--'.length),
    info: String(report.name),
    objects: [...m.objects.values()],
    unmapped: m.unmapped,
    counts: m.counts,
  };
}

/** A MISP event (the object under `"Event"`) as STIX objects, with what could not be mapped. */
export function mapMispEvent(event: Rec, path: string, opts: MappingOptions): MappedEvent {
  return run(new EventMapper(event, path, opts));
}
