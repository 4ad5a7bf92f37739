// The state of one MISP event's mapping to STIX: the objects made so far, what could not be
// mapped, and the helpers every part of the mapping shares (identities, markings, SDO shells,
// notes that keep the unmappable). The parts are in misp-attribute-to-stix.ts,
// misp-object-to-stix.ts and misp-cluster-to-stix.ts. Pure.

import { releasabilityMarking } from '../../policy/accord-markings.js';
import { TLP2_IDS, type TlpLevel } from '../../policy/tlp.js';
import { canonicalJson } from '../../stix/canonical.js';
import { derivedUuid, idFromMisp } from './misp-ids.js';
import { type PartyName, type Releasability, readTags, releasabilityOf } from './misp-markings.js';
import { isRec, type Rec, stixTime, str } from './misp-shape.js';

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

export interface Marks {
  tlp: TlpLevel | null;
  rel: Releasability | null;
}

export class EventMapper {
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

  /** The marks of a part: its own TLP tag and distribution, else the event's. */
  marksOf(part: Rec, tags: ReturnType<typeof readTags>): Marks {
    return {
      tlp: tags.tlp ?? this.eventMarks.tlp,
      rel: releasabilityOf(part, this.eventMarks.rel, this.opts.ownerParty, this.opts.parties),
    };
  }
}
