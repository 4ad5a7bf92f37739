// A MISP attribute as STIX: an observable, and with `to_ids` an indicator based on it; a
// vulnerability; a note for prose and links; or a kept note when it has no counterpart. Its
// sightings and galaxy clusters come with it. Pure.

import { canonicalJson } from '../../stix/canonical.js';
import { isMappedType, mapAttributeValue, PROSE_TYPES } from './misp-attributes.js';
import { mapCluster } from './misp-cluster-to-stix.js';
import type { EventMapper, Marks } from './misp-event-mapper.js';
import { clustersOf } from './misp-galaxies.js';
import { derivedUuid, idFromMisp } from './misp-ids.js';
import { readTags } from './misp-markings.js';
import { bool, isRec, type Rec, recs, stixTime, str } from './misp-shape.js';

export function mapAttribute(m: EventMapper, a: Rec, path: string, objectUuid?: string): string | undefined {
  const type = str(a.type) ?? '';
  const value = str(a.value) ?? '';
  const uuid = str(a.uuid);
  if (bool(a.deleted)) {
    m.unmapped.push({ path, what: `attribute ${type}`, reason: 'deleted in MISP; not imported' });
    return undefined;
  }
  const tags = readTags(a);
  m.noteTagTrouble(tags, path);
  const marks = m.marksOf(a, tags);
  const time = stixTime(a.timestamp, m.time);
  const misp: Record<string, unknown> = { x_misp_type: type };
  if (str(a.category)) misp.x_misp_category = str(a.category);
  if (str(a.object_relation)) misp.x_misp_object_relation = str(a.object_relation);
  if (objectUuid) misp.x_misp_object_uuid = objectUuid;
  const common: Record<string, unknown> = { ...misp };
  if (str(a.comment)) common.description = str(a.comment);
  if (tags.labels.length > 0) common.labels = tags.labels;

  let id: string | undefined;
  if (type === 'vulnerability') {
    id = idFromMisp('vulnerability', uuid);
    const cve = /^CVE-\d{4}-\d{4,}$/i.test(value);
    m.add(
      m.sdo('vulnerability', id, time, marks, {
        name: value,
        ...(cve ? { external_references: [{ source_name: 'cve', external_id: value.toUpperCase() }] } : {}),
        ...common,
      }),
    );
  } else if (type === 'link' && URL.canParse(value)) {
    id = idFromMisp('note', uuid);
    m.add(
      m.sdo('note', id, time, marks, {
        abstract: 'MISP link',
        content: value,
        external_references: [{ source_name: 'misp-link', url: value }],
        object_refs: [m.reportId],
        ...common,
      }),
    );
  } else if (PROSE_TYPES.has(type)) {
    id = idFromMisp('note', uuid);
    m.add(
      m.sdo('note', id, time, marks, {
        abstract: `MISP ${type}`,
        content: value || '(empty)',
        object_refs: [m.reportId],
        ...common,
      }),
    );
  } else {
    const mapped = isMappedType(type) ? mapAttributeValue(type, value) : null;
    if (!mapped) {
      m.keep(
        path,
        `attribute ${type}`,
        isMappedType(type) ? `the value is not a valid ${type}` : `type ${type} has no STIX counterpart`,
        a,
        marks,
      );
      return undefined;
    }
    const markingRefs = m.markingRefs(marks);
    // An SCO's id follows from its value; markings and MISP type are part of the name here,
    // so two events that mark the same value differently hold two objects, not a conflict.
    const salt = canonicalJson({ markingRefs, misp });
    for (const [i, sco] of mapped.scos.entries()) {
      const scoId = `${sco.type}--${derivedUuid(String(sco.id), salt)}`;
      const body: Record<string, unknown> = { ...sco, id: scoId, ...(i === 0 ? misp : {}) };
      if (markingRefs.length > 0) body.object_marking_refs = markingRefs;
      if (i === 0) id = scoId;
      m.add(body);
    }
    // resolves_to_refs named the address by its plain id; point it at the one just made.
    if (mapped.scos.length > 1) {
      const first = m.objects.get(id!)!;
      if (Array.isArray(first.resolves_to_refs))
        first.resolves_to_refs = [
          `${mapped.scos[1]!.type}--${derivedUuid(String(mapped.scos[1]!.id), salt)}`,
        ];
    }
    m.counts.observables++;
    if (bool(a.to_ids)) {
      const scoId = id!;
      id = idFromMisp('indicator', uuid, ...(uuid ? [] : [type, value]));
      const from = stixTime(a.first_seen, time);
      const until = str(a.last_seen) ? stixTime(a.last_seen, '') : '';
      m.add(
        m.sdo('indicator', id, time, marks, {
          name: value,
          pattern: `[${mapped.terms.join(' AND ')}]`,
          pattern_type: 'stix',
          valid_from: from,
          ...(until && until > from ? { valid_until: until } : {}),
          ...common,
        }),
      );
      m.counts.indicators++;
      // The indicator is about the observable: say so, so a reader can go from one to the other.
      m.add(
        m.sdo('relationship', `relationship--${derivedUuid('based-on', id, scoId)}`, time, marks, {
          relationship_type: 'based-on',
          source_ref: id,
          target_ref: scoId,
        }),
      );
    }
  }
  if (uuid) m.byMispUuid.set(uuid.toLowerCase(), id!);
  mapSightings(m, a, path, id!, marks);
  for (const c of clustersOf(a, path)) {
    const target = mapCluster(m, c.galaxyType, c.cluster, c.path);
    if (target)
      m.add(
        m.sdo('relationship', `relationship--${derivedUuid('misp-galaxy', id!, target)}`, time, marks, {
          relationship_type: id!.startsWith('indicator--') ? 'indicates' : 'related-to',
          source_ref: id,
          target_ref: target,
        }),
      );
  }
  return id;
}

function mapSightings(m: EventMapper, a: Rec, path: string, target: string, marks: Marks) {
  recs(a.Sighting).forEach((s, i) => {
    const p = `${path}.Sighting[${i}]`;
    const kind = str(s.type) ?? '0';
    if (kind !== '0' || !target.startsWith('indicator--')) {
      const why =
        kind === '1'
          ? 'a false-positive report has no STIX sighting counterpart'
          : kind === '2'
            ? 'an expiration sighting has no STIX sighting counterpart'
            : 'a STIX sighting is of an SDO; the attribute is not an indicator (to_ids is off)';
      m.keep(p, 'sighting', why, s, marks);
      return;
    }
    const when = stixTime(s.date_sighting, m.time);
    const org = isRec(s.Organisation) ? s.Organisation : null;
    const where = org ? [m.identity(org, `${p}.Organisation`)] : [];
    m.add(
      m.sdo(
        'sighting',
        idFromMisp('sighting', str(s.uuid), ...(str(s.uuid) ? [] : [target, p])),
        when,
        marks,
        {
          sighting_of_ref: target,
          first_seen: when,
          last_seen: when,
          count: 1,
          ...(where.length > 0 ? { where_sighted_refs: where } : {}),
          ...(str(s.source) ? { description: `source: ${str(s.source)}` } : {}),
        },
      ),
    );
    m.counts.sightings++;
  });
}
