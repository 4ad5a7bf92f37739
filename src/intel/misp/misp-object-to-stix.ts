// A MISP object as a STIX grouping of its attributes, and its object references as
// relationships between what the event's parts became. Pure.

import { mapAttribute } from './misp-attribute-to-stix.js';
import type { EventMapper } from './misp-event-mapper.js';
import { idFromMisp } from './misp-ids.js';
import { readTags } from './misp-markings.js';
import { bool, type Rec, recs, stixTime, str } from './misp-shape.js';

export function mapObject(m: EventMapper, o: Rec, path: string) {
  const uuid = str(o.uuid);
  const members: string[] = [];
  recs(o.Attribute).forEach((a, i) => {
    const id = mapAttribute(m, a, `${path}.Attribute[${i}]`, uuid);
    if (id) members.push(id);
  });
  if (bool(o.deleted)) return;
  if (members.length === 0) {
    m.keep(path, `object ${str(o.name) ?? ''}`, 'none of its attributes could be mapped', o);
    return;
  }
  const tags = readTags(o);
  const marks = m.marksOf(o, tags);
  const id = idFromMisp('grouping', uuid, ...(uuid ? [] : [path]));
  m.add(
    m.sdo('grouping', id, stixTime(o.timestamp, m.time), marks, {
      name: str(o.name) ?? 'MISP object',
      context: 'suspicious-activity',
      object_refs: members,
      ...(str(o.comment) ? { description: str(o.comment) } : {}),
      x_misp_object_name: str(o.name) ?? '',
      ...(str(o['meta-category']) ? { x_misp_meta_category: str(o['meta-category']) } : {}),
      ...(str(o.template_uuid) ? { x_misp_template_uuid: str(o.template_uuid) } : {}),
    }),
  );
  if (uuid) m.byMispUuid.set(uuid.toLowerCase(), id);
}

export function mapReferences(m: EventMapper, o: Rec, path: string) {
  const source = m.byMispUuid.get(str(o.uuid)?.toLowerCase() ?? '');
  recs(o.ObjectReference).forEach((r, i) => {
    const p = `${path}.ObjectReference[${i}]`;
    const target = m.byMispUuid.get(str(r.referenced_uuid)?.toLowerCase() ?? '');
    const kind = (str(r.relationship_type) ?? 'related-to')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    if (!source || !target || kind.length < 3) {
      m.keep(p, 'object reference', 'it refers to something not in this event or not mapped', r);
      return;
    }
    const id = idFromMisp('relationship', str(r.uuid), ...(str(r.uuid) ? [] : [source, target, kind]));
    m.add(
      m.sdo('relationship', id, stixTime(r.timestamp, m.time), m.eventMarks, {
        relationship_type: kind,
        source_ref: source,
        target_ref: target,
        ...(str(r.comment) ? { description: str(r.comment) } : {}),
      }),
    );
  });
}
