// One MISP event as STIX 2.1 objects, by the mapping docs/misp.md tabulates: the event is a
// report, Orgc an identity, attributes indicators (to_ids) or observables, objects groupings,
// object references relationships, sightings sightings, galaxy clusters SDOs, tags TLP and
// labels, distribution and sharing groups REL TO. Whatever has no STIX counterpart becomes a
// note on the report and a line of `unmapped`, so nothing is dropped unseen. Pure.

import { releasabilityMarking } from '../../policy/accord-markings.js';
import { TLP2_IDS, type TlpLevel } from '../../policy/tlp.js';
import { canonicalJson } from '../../stix/canonical.js';
import { isMappedType, mapAttributeValue, PROSE_TYPES } from './misp-attributes.js';
import { clusterBody, clusterStixType, clustersOf } from './misp-galaxies.js';
import { derivedUuid, idFromMisp } from './misp-ids.js';
import { type PartyName, type Releasability, readTags, releasabilityOf } from './misp-markings.js';
import { bool, isRec, type Rec, recs, stixTime, str } from './misp-shape.js';

export interface UnmappedItem {
  /** JSON path in the MISP document. */
  path: string;
  what: string;
  reason: string;
  /** The note that keeps it, when one was made. */
  note?: string;
}

export interface MappedEvent {
  uuid: string;
  info: string;
  objects: Record<string, unknown>[];
  unmapped: UnmappedItem[];
  counts: { indicators: number; observables: number; sightings: number; clusters: number; notes: number };
}

export interface MappingOptions {
  /** The Party importing: what MISP calls "your organisation" is this Party. */
  ownerParty: string;
  parties: readonly PartyName[];
}

interface Marks {
  tlp: TlpLevel | null;
  rel: Releasability | null;
}

class EventMapper {
  readonly objects = new Map<string, Record<string, unknown>>();
  readonly unmapped: UnmappedItem[] = [];
  /** MISP attribute/object uuid → the STIX id standing for it (for object references). */
  readonly byMispUuid = new Map<string, string>();
  readonly refs: string[] = [];
  readonly counts = { indicators: 0, observables: 0, sightings: 0, clusters: 0, notes: 0 };
  readonly reportId: string;
  readonly orgId: string;
  readonly time: string;
  readonly eventMarks: Marks;

  constructor(
    readonly event: Rec,
    readonly path: string,
    readonly opts: MappingOptions,
  ) {
    const uuid = str(event.uuid);
    this.reportId = idFromMisp('report', uuid, ...(uuid ? [] : [canonicalJson(event)]));
    this.time = stixTime(event.timestamp, stixTime(event.date, '1970-01-01T00:00:00.000Z'));
    const orgc = isRec(event.Orgc) ? event.Orgc : isRec(event.Org) ? event.Org : {};
    this.orgId = this.identity(orgc, `${path}.Orgc`);
    const tags = readTags(event);
    this.noteTagTrouble(tags, path);
    this.eventMarks = {
      tlp: tags.tlp,
      rel: releasabilityOf(event, null, opts.ownerParty, opts.parties),
    };
  }

  add(o: Record<string, unknown>, inReport = true): string {
    const id = o.id as string;
    if (!this.objects.has(id)) {
      this.objects.set(id, o);
      if (inReport) this.refs.push(id);
    }
    return id;
  }

  identity(org: Rec, path: string): string {
    const name = str(org.name) ?? str(org.uuid) ?? 'unknown MISP organisation';
    const id = idFromMisp('identity', str(org.uuid), ...(str(org.uuid) ? [] : [name]));
    if (!str(org.uuid) && !str(org.name))
      this.unmapped.push({ path, what: 'organisation', reason: 'no name or uuid' });
    this.add(
      {
        type: 'identity',
        spec_version: '2.1',
        id,
        created: this.time,
        modified: this.time,
        name,
        identity_class: 'organization',
      },
      false,
    );
    return id;
  }

  markingRefs(m: Marks): string[] {
    const out: string[] = [];
    if (m.tlp) out.push(TLP2_IDS[m.tlp]);
    if (m.rel) {
      const recipients = m.rel.orgs.map((o) => this.identity({ uuid: o.uuid, name: o.name }, '$'));
      const md = releasabilityMarking(m.rel.parties, recipients);
      this.add(md, false);
      out.push(md.id as string);
    }
    return out;
  }

  sdo(
    type: string,
    id: string,
    time: string,
    marks: Marks,
    body: Record<string, unknown>,
  ): Record<string, unknown> {
    const refs = this.markingRefs(marks);
    return {
      type,
      spec_version: '2.1',
      id,
      created_by_ref: this.orgId,
      created: time,
      modified: time,
      ...body,
      ...(refs.length > 0 ? { object_marking_refs: refs } : {}),
    };
  }

  /** A note that keeps what could not be mapped, on the report. */
  keep(path: string, what: string, reason: string, raw: unknown, marks: Marks = this.eventMarks): void {
    const id = `note--${derivedUuid('note', this.reportId, path.slice(this.path.length))}`;
    this.add(
      this.sdo('note', id, this.time, marks, {
        abstract: `MISP ${what} not mapped to STIX: ${reason}`.slice(0, 1000),
        content: JSON.stringify(raw, null, 1),
        object_refs: [this.reportId],
      }),
    );
    this.counts.notes++;
    this.unmapped.push({ path, what, reason, note: id });
  }

  noteTagTrouble(tags: ReturnType<typeof readTags>, path: string) {
    for (const t of tags.unknownTlp)
      this.unmapped.push({
        path: `${path}.Tag`,
        what: `tag ${t}`,
        reason: 'not a TLP 2.0 level; kept as a label',
      });
    if (tags.unknownTlp.length > 0) tags.labels.push(...tags.unknownTlp);
    if (tags.tlpConflict)
      this.unmapped.push({
        path: `${path}.Tag`,
        what: 'TLP tags',
        reason: 'more than one TLP tag; the most restrictive was kept',
      });
  }

  attribute(a: Rec, path: string, objectUuid?: string): string | undefined {
    const type = str(a.type) ?? '';
    const value = str(a.value) ?? '';
    const uuid = str(a.uuid);
    if (bool(a.deleted)) {
      this.unmapped.push({ path, what: `attribute ${type}`, reason: 'deleted in MISP; not imported' });
      return undefined;
    }
    const tags = readTags(a);
    this.noteTagTrouble(tags, path);
    const marks: Marks = {
      tlp: tags.tlp ?? this.eventMarks.tlp,
      rel: releasabilityOf(a, this.eventMarks.rel, this.opts.ownerParty, this.opts.parties),
    };
    const time = stixTime(a.timestamp, this.time);
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
      this.add(
        this.sdo('vulnerability', id, time, marks, {
          name: value,
          ...(cve ? { external_references: [{ source_name: 'cve', external_id: value.toUpperCase() }] } : {}),
          ...common,
        }),
      );
    } else if (type === 'link' && URL.canParse(value)) {
      id = idFromMisp('note', uuid);
      this.add(
        this.sdo('note', id, time, marks, {
          abstract: 'MISP link',
          content: value,
          external_references: [{ source_name: 'misp-link', url: value }],
          object_refs: [this.reportId],
          ...common,
        }),
      );
    } else if (PROSE_TYPES.has(type)) {
      id = idFromMisp('note', uuid);
      this.add(
        this.sdo('note', id, time, marks, {
          abstract: `MISP ${type}`,
          content: value || '(empty)',
          object_refs: [this.reportId],
          ...common,
        }),
      );
    } else {
      const mapped = isMappedType(type) ? mapAttributeValue(type, value) : null;
      if (!mapped) {
        this.keep(
          path,
          `attribute ${type}`,
          isMappedType(type) ? `the value is not a valid ${type}` : `type ${type} has no STIX counterpart`,
          a,
          marks,
        );
        return undefined;
      }
      const markingRefs = this.markingRefs(marks);
      // An SCO's id follows from its value; markings and MISP type are part of the name here,
      // so two events that mark the same value differently hold two objects, not a conflict.
      const salt = canonicalJson({ markingRefs, misp });
      for (const [i, sco] of mapped.scos.entries()) {
        const scoId = `${sco.type}--${derivedUuid(String(sco.id), salt)}`;
        const body: Record<string, unknown> = { ...sco, id: scoId, ...(i === 0 ? misp : {}) };
        if (markingRefs.length > 0) body.object_marking_refs = markingRefs;
        if (i === 0) id = scoId;
        this.add(body);
      }
      // resolves_to_refs named the address by its plain id; point it at the one just made.
      if (mapped.scos.length > 1) {
        const first = this.objects.get(id!)!;
        if (Array.isArray(first.resolves_to_refs))
          first.resolves_to_refs = [
            `${mapped.scos[1]!.type}--${derivedUuid(String(mapped.scos[1]!.id), salt)}`,
          ];
      }
      this.counts.observables++;
      if (bool(a.to_ids)) {
        const scoId = id!;
        id = idFromMisp('indicator', uuid, ...(uuid ? [] : [type, value]));
        const from = stixTime(a.first_seen, time);
        const until = str(a.last_seen) ? stixTime(a.last_seen, '') : '';
        this.add(
          this.sdo('indicator', id, time, marks, {
            name: value,
            pattern: `[${mapped.terms.join(' AND ')}]`,
            pattern_type: 'stix',
            valid_from: from,
            ...(until && until > from ? { valid_until: until } : {}),
            ...common,
          }),
        );
        this.counts.indicators++;
        // The indicator is about the observable: say so, so a reader can go from one to the other.
        this.add(
          this.sdo('relationship', `relationship--${derivedUuid('based-on', id, scoId)}`, time, marks, {
            relationship_type: 'based-on',
            source_ref: id,
            target_ref: scoId,
          }),
        );
      }
    }
    if (uuid) this.byMispUuid.set(uuid.toLowerCase(), id!);
    this.sightings(a, path, id!, marks);
    for (const c of clustersOf(a, path)) {
      const target = this.cluster(c.galaxyType, c.cluster, c.path);
      if (target)
        this.add(
          this.sdo('relationship', `relationship--${derivedUuid('misp-galaxy', id!, target)}`, time, marks, {
            relationship_type: id!.startsWith('indicator--') ? 'indicates' : 'related-to',
            source_ref: id,
            target_ref: target,
          }),
        );
    }
    return id;
  }

  sightings(a: Rec, path: string, target: string, marks: Marks) {
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
        this.keep(p, 'sighting', why, s, marks);
        return;
      }
      const when = stixTime(s.date_sighting, this.time);
      const org = isRec(s.Organisation) ? s.Organisation : null;
      const where = org ? [this.identity(org, `${p}.Organisation`)] : [];
      this.add(
        this.sdo(
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
      this.counts.sightings++;
    });
  }

  cluster(galaxyType: string, c: Rec, path: string): string | undefined {
    const type = clusterStixType(galaxyType);
    if (!type) {
      this.keep(
        path,
        `galaxy cluster ${str(c.value) ?? ''} (${galaxyType})`,
        `galaxy ${galaxyType} has no STIX type`,
        c,
      );
      return undefined;
    }
    const uuid = str(c.uuid);
    const id = idFromMisp(type, uuid, ...(uuid ? [] : [str(c.value) ?? path]));
    if (!this.objects.has(id)) this.counts.clusters++;
    this.add(this.sdo(type, id, this.time, this.eventMarks, clusterBody(type, c)));
    return id;
  }

  object(o: Rec, path: string) {
    const uuid = str(o.uuid);
    const members: string[] = [];
    recs(o.Attribute).forEach((a, i) => {
      const id = this.attribute(a, `${path}.Attribute[${i}]`, uuid);
      if (id) members.push(id);
    });
    if (bool(o.deleted)) return;
    if (members.length === 0) {
      this.keep(path, `object ${str(o.name) ?? ''}`, 'none of its attributes could be mapped', o);
      return;
    }
    const tags = readTags(o);
    const marks: Marks = {
      tlp: tags.tlp ?? this.eventMarks.tlp,
      rel: releasabilityOf(o, this.eventMarks.rel, this.opts.ownerParty, this.opts.parties),
    };
    const id = idFromMisp('grouping', uuid, ...(uuid ? [] : [path]));
    this.add(
      this.sdo('grouping', id, stixTime(o.timestamp, this.time), marks, {
        name: str(o.name) ?? 'MISP object',
        context: 'suspicious-activity',
        object_refs: members,
        ...(str(o.comment) ? { description: str(o.comment) } : {}),
        x_misp_object_name: str(o.name) ?? '',
        ...(str(o['meta-category']) ? { x_misp_meta_category: str(o['meta-category']) } : {}),
        ...(str(o.template_uuid) ? { x_misp_template_uuid: str(o.template_uuid) } : {}),
      }),
    );
    if (uuid) this.byMispUuid.set(uuid.toLowerCase(), id);
  }

  references(o: Rec, path: string) {
    const source = this.byMispUuid.get(str(o.uuid)?.toLowerCase() ?? '');
    recs(o.ObjectReference).forEach((r, i) => {
      const p = `${path}.ObjectReference[${i}]`;
      const target = this.byMispUuid.get(str(r.referenced_uuid)?.toLowerCase() ?? '');
      const kind = (str(r.relationship_type) ?? 'related-to')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      if (!source || !target || kind.length < 3) {
        this.keep(p, 'object reference', 'it refers to something not in this event or not mapped', r);
        return;
      }
      const id = idFromMisp('relationship', str(r.uuid), ...(str(r.uuid) ? [] : [source, target, kind]));
      this.add(
        this.sdo('relationship', id, stixTime(r.timestamp, this.time), this.eventMarks, {
          relationship_type: kind,
          source_ref: source,
          target_ref: target,
          ...(str(r.comment) ? { description: str(r.comment) } : {}),
        }),
      );
    });
  }

  run(): MappedEvent {
    const e = this.event;
    for (const [i, a] of recs(e.Attribute).entries()) this.attribute(a, `${this.path}.Attribute[${i}]`);
    for (const [i, o] of recs(e.Object).entries()) this.object(o, `${this.path}.Object[${i}]`);
    // References second: an object may point at one that comes after it.
    for (const [i, o] of recs(e.Object).entries()) this.references(o, `${this.path}.Object[${i}]`);
    for (const c of clustersOf(e, this.path)) this.cluster(c.galaxyType, c.cluster, c.path);
    recs(e.EventReport).forEach((r, i) => {
      if (bool(r.deleted)) return;
      const id = idFromMisp('note', str(r.uuid), ...(str(r.uuid) ? [] : [`${this.path}.EventReport[${i}]`]));
      this.add(
        this.sdo('note', id, stixTime(r.timestamp, this.time), this.eventMarks, {
          abstract: str(r.name) ?? 'MISP event report',
          content: str(r.content) || '(empty)',
          object_refs: [this.reportId],
        }),
      );
    });
    const tags = readTags(e);
    const date = stixTime(e.date, this.time);
    const published = bool(e.published) ? stixTime(e.publish_timestamp, this.time) : this.time;
    const refs = this.refs.length > 0 ? this.refs : [this.orgId];
    const report = this.sdo('report', this.reportId, this.time, this.eventMarks, {
      created: [date, this.time].sort()[0],
      name: str(e.info) || '(MISP event without info)',
      published,
      report_types: ['threat-report'],
      object_refs: refs,
      ...(tags.labels.length > 0 ? { labels: tags.labels } : {}),
      ...(str(e.threat_level_id) ? { x_misp_threat_level_id: str(e.threat_level_id) } : {}),
      ...(str(e.analysis) ? { x_misp_analysis: str(e.analysis) } : {}),
      ...(this.eventMarks.rel ? { x_misp_releasability: this.eventMarks.rel.because } : {}),
    });
    this.objects.set(this.reportId, report);
    return {
      uuid: this.reportId.slice('report--'.length),
      info: String(report.name),
      objects: [...this.objects.values()],
      unmapped: this.unmapped,
      counts: this.counts,
    };
  }
}

/** A MISP event (the object under `"Event"`) as STIX objects, with what could not be mapped. */
export function mapMispEvent(event: Rec, path: string, opts: MappingOptions): MappedEvent {
  return new EventMapper(event, path, opts).run();
}
