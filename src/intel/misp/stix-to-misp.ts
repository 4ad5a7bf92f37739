// STIX objects a subscriber may receive, as MISP events: the inverse of misp-to-stix.ts, so
// that a MISP event imported here and published again comes out with its attributes, tags,
// galaxies, objects and sharing group. A report or a notification is an event of what it
// refers to; indicators that no report cites make one event per originating Party. Pure.

import { canonicalJson } from '../../stix/canonical.js';
import { CATEGORY, type TypeAndValue, typeAndValue } from './misp-attribute-of-stix.js';
import { valuesOf } from './misp-event-values.js';
import { CLUSTER_TYPES, clusterTag, galaxy } from './misp-galaxy-of-stix.js';
import { derivedUuid } from './misp-ids.js';
import { isRec, type Rec, str } from './misp-shape.js';
import { distributionOf, type Look, tagsOf, uuidOf } from './misp-tags-of-stix.js';

type Obj = Rec;
type Json = Record<string, unknown>;

const seconds = (t: unknown) => String(Math.floor(Date.parse(String(t)) / 1000) || 0);

export interface EventInput {
  uuid: string;
  info: string;
  /** The report or notification the event is made of; null for loose indicators. */
  head: Obj | null;
  /** What the head refers to (or the loose indicators), as the subscriber may receive them. */
  objects: readonly Obj[];
  /** Every object the subscriber may receive that these refer to (identities, markings…). */
  lookup: ReadonlyMap<string, Obj>;
  originator: string;
  /** Values left out (warninglisted): an attribute with one of them is not made at all. */
  exclude?: (value: string) => boolean;
}

class EventBuilder {
  readonly attributeOf = new Map<string, Json>();
  readonly mispUuidOf = new Map<string, string>();
  /** Ids of the STIX objects the event is made from: what the feed discloses and audits. */
  readonly used = new Set<string>();
  constructor(readonly input: EventInput) {}

  readonly look: Look = (id) => {
    const o = this.input.lookup.get(id);
    if (o) this.used.add(id);
    return o;
  };

  use<T extends Obj>(o: T): T {
    this.used.add(String(o.id));
    return o;
  }

  attribute(o: Obj): Json | null {
    let tv: TypeAndValue | null = null;
    let toIds = false;
    let extra: Json = {};
    if (o.type === 'indicator') {
      tv = typeAndValue(o);
      toIds = true;
      extra = {
        ...(str(o.valid_from) ? { first_seen: str(o.valid_from) } : {}),
        ...(str(o.valid_until) ? { last_seen: str(o.valid_until) } : {}),
      };
    } else if (o.type === 'vulnerability') tv = { type: 'vulnerability', value: str(o.name) ?? '' };
    else if (o.type === 'note') tv = this.noteAttribute(o);
    else tv = typeAndValue(o);
    if (!tv || tv.value === '') return null;
    const { exclude } = this.input;
    if (exclude && valuesOf(tv.type, tv.value).some(exclude)) return null;
    const id = String(o.id);
    this.used.add(id);
    const isSco = !['indicator', 'vulnerability', 'note'].includes(String(o.type));
    const uuid = isSco ? derivedUuid('misp-attribute', id) : uuidOf(id);
    this.mispUuidOf.set(id, uuid);
    const a: Json = {
      uuid,
      type: tv.type,
      category:
        str(o.x_misp_category) ??
        CATEGORY[tv.type] ??
        (/^(md5|sha|filename)/.test(tv.type) ? 'Payload delivery' : 'Other'),
      value: tv.value,
      to_ids: toIds,
      timestamp: seconds(o.modified ?? this.input.head?.modified ?? '1970-01-01T00:00:00Z'),
      comment: o.type === 'note' ? '' : (str(o.description) ?? ''),
      ...this.distributionOrInherit(o),
      ...(str(o.x_misp_object_relation) ? { object_relation: str(o.x_misp_object_relation) } : {}),
      ...extra,
      Tag: tagsOf(o),
    };
    this.attributeOf.set(id, a);
    return a;
  }

  distributionOrInherit(o: Obj): Json {
    const own = distributionOf(o, this.look);
    const head = this.input.head;
    const event = head ? distributionOf(head, this.look) : { distribution: '3' };
    return canonicalJson(own) === canonicalJson(event) ? { distribution: '5' } : own;
  }

  noteAttribute(o: Obj): TypeAndValue | null {
    const given = str(o.x_misp_type);
    if (given === 'link') {
      const refs = Array.isArray(o.external_references) ? o.external_references : [];
      const url = refs.map((r) => (isRec(r) ? str(r.url) : undefined)).find(Boolean);
      return url ? { type: 'link', value: url } : null;
    }
    if (given) return { type: given, value: str(o.content) ?? '' };
    // A note that kept an unmapped attribute holds the attribute itself: give it back.
    try {
      const raw = JSON.parse(str(o.content) ?? '') as unknown;
      if (isRec(raw) && str(raw.type) && str(raw.value) !== undefined && str(raw.abstract) === undefined)
        if (/^MISP attribute /.test(str(o.abstract) ?? ''))
          return { type: str(raw.type)!, value: str(raw.value)! };
    } catch {
      // prose, not a kept attribute
    }
    return null;
  }

  build(): Json {
    const { input } = this;
    const { head } = input;
    const objects = input.objects;
    if (head) this.use(head);
    const clusters = objects.filter((o) => CLUSTER_TYPES.has(String(o.type)));
    const relationships = objects.filter((o) => o.type === 'relationship');
    const groupings = objects.filter((o) => o.type === 'grouping' && str(o.x_misp_object_name));
    // SCOs an indicator is based on are the indicator's own value, not attributes of their own.
    const basedOn = new Set(
      relationships.filter((r) => r.relationship_type === 'based-on').map((r) => String(r.target_ref)),
    );
    const inObject = new Set(
      groupings.flatMap((g) => (Array.isArray(g.object_refs) ? (g.object_refs as string[]) : [])),
    );
    const top: Json[] = [];
    const attrs = new Map<string, Json>();
    for (const o of objects) {
      if (basedOn.has(String(o.id)) || CLUSTER_TYPES.has(String(o.type))) continue;
      if (['relationship', 'grouping', 'sighting', 'identity', 'marking-definition'].includes(String(o.type)))
        continue;
      if (o.type === 'note' && !str(o.x_misp_type) && !/^MISP attribute /.test(str(o.abstract) ?? ''))
        continue;
      const a = this.attribute(o);
      if (!a) continue;
      attrs.set(String(o.id), a);
      if (!inObject.has(String(o.id))) top.push(a);
    }
    for (const s of objects.filter((o) => o.type === 'sighting')) {
      const a = attrs.get(String(s.sighting_of_ref));
      if (!a) continue;
      const where = Array.isArray(s.where_sighted_refs) ? (s.where_sighted_refs as string[]) : [];
      const org = where[0] ? this.look(where[0]) : undefined;
      this.use(s);
      const list = (a.Sighting as Json[] | undefined) ?? [];
      list.push({
        uuid: uuidOf(String(s.id)),
        type: '0',
        date_sighting: seconds(s.first_seen ?? s.created),
        source: str(s.description)?.replace(/^source: /, '') ?? '',
        ...(org ? { Organisation: { name: str(org.name) ?? '', uuid: uuidOf(String(org.id)) } } : {}),
      });
      a.Sighting = list;
    }
    for (const g of groupings) this.mispUuidOf.set(String(g.id), uuidOf(String(g.id)));
    const mispObjects = groupings
      .map((g) => this.use(g))
      .map((g) => ({
        uuid: uuidOf(String(g.id)),
        name: str(g.x_misp_object_name),
        'meta-category': str(g.x_misp_meta_category) ?? 'misc',
        ...(str(g.x_misp_template_uuid) ? { template_uuid: str(g.x_misp_template_uuid) } : {}),
        comment: str(g.description) ?? '',
        timestamp: seconds(g.modified),
        ...this.distributionOrInherit(g),
        Tag: tagsOf(g),
        Attribute: ((g.object_refs as string[]) ?? []).map((r) => attrs.get(r)).filter(Boolean),
        ObjectReference: relationships
          .filter((r) => r.source_ref === g.id && this.mispUuidOf.has(String(r.target_ref)))
          .map((r) => this.use(r))
          .map((r) => ({
            uuid: uuidOf(String(r.id)),
            referenced_uuid: this.mispUuidOf.get(String(r.target_ref)),
            relationship_type: str(r.relationship_type),
            comment: str(r.description) ?? '',
            timestamp: seconds(r.modified),
          })),
      }));
    // Clusters an attribute indicates travel on the attribute; a report's are the event's too.
    const onAttribute = new Set<string>();
    for (const r of relationships) {
      const a = attrs.get(String(r.source_ref));
      const c = clusters.find((x) => x.id === r.target_ref);
      if (!a || !c || (r.relationship_type !== 'indicates' && r.relationship_type !== 'related-to')) continue;
      a.Galaxy = [...((a.Galaxy as Json[] | undefined) ?? []), galaxy(this.use(c))];
      this.use(r);
      onAttribute.add(String(c.id));
    }
    const eventClusters = (head ? clusters : clusters.filter((c) => !onAttribute.has(String(c.id)))).map(
      (c) => this.use(c),
    );
    const reports = objects
      .filter((o) => o.type === 'note' && !str(o.x_misp_type) && !/^MISP /.test(str(o.abstract) ?? ''))
      .map((o) => this.use(o));
    const creator = head && str(head.created_by_ref) ? this.look(str(head.created_by_ref)!) : undefined;
    // The event moves when anything it is made of does, and only then.
    const made = objects.filter((o) => this.used.has(String(o.id)));
    const stamps = [head?.modified, ...made.map((o) => o.modified ?? o.created)].filter(
      (t): t is string => typeof t === 'string',
    );
    const timestamp = seconds(stamps.sort().at(-1) ?? '1970-01-01T00:00:00Z');
    const headTags = head ? tagsOf(head) : [];
    const eventTags = [...headTags, ...eventClusters.map((c) => ({ name: clusterTag(c) }))];
    const date = String(head?.created ?? new Date(Number(timestamp) * 1000).toISOString()).slice(0, 10);
    return {
      Event: {
        uuid: input.uuid,
        info: input.info,
        date,
        timestamp,
        publish_timestamp: timestamp,
        published: true,
        analysis: str(head?.x_misp_analysis) ?? '2',
        threat_level_id: str(head?.x_misp_threat_level_id) ?? threatLevel(head),
        ...(head ? distributionOf(head, this.look) : { distribution: '3' }),
        Orgc: creator
          ? { name: str(creator.name) ?? input.originator, uuid: uuidOf(String(creator.id)) }
          : { name: input.originator, uuid: derivedUuid('party', input.originator) },
        Tag: eventTags,
        Attribute: top,
        Object: mispObjects,
        Galaxy: eventClusters.map(galaxy),
        ...(reports.length > 0
          ? {
              EventReport: reports.map((n) => ({
                uuid: uuidOf(String(n.id)),
                name: str(n.abstract) ?? 'note',
                content: str(n.content) ?? '',
                timestamp: seconds(n.modified),
                distribution: '5',
              })),
            }
          : {}),
      },
    };
  }
}

function threatLevel(head: Obj | null): string {
  const s = str(head?.notification_severity) ?? str(head?.severity);
  return s === 'critical' || s === 'high' ? '1' : s === 'low' ? '3' : '2';
}

export function stixToMispEvent(input: EventInput): Json {
  return new EventBuilder(input).build();
}

/** The event, and the ids of every STIX object it was made from (nothing else it was given). */
export function stixToMispEventUsing(input: EventInput): { event: Json; used: ReadonlySet<string> } {
  const b = new EventBuilder(input);
  const event = b.build();
  return { event, used: b.used };
}
