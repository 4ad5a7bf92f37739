// What the feed's summary files read of an event: its manifest entry and its attribute values.
// Pure.

type Json = Record<string, unknown>;

/** manifest.json's entry for an event: what MISP reads to decide whether to fetch it. */
export function manifestEntry(e: Json): Json {
  const ev = e.Event as Json;
  return {
    Orgc: ev.Orgc,
    Tag: ev.Tag,
    info: ev.info,
    date: ev.date,
    analysis: ev.analysis,
    threat_level_id: ev.threat_level_id,
    timestamp: ev.timestamp,
  };
}

/** The values hashes.csv lists: every attribute's value, and each half of a composite one. */
export function attributeValues(e: Json): string[] {
  const ev = e.Event as Json;
  return eventAttributeValues([
    ...((ev.Attribute as Json[]) ?? []),
    ...((ev.Object as Json[]) ?? []).flatMap((o) => (o.Attribute as Json[]) ?? []),
  ]);
}

/** The values hashes.csv lists for these attributes. */
export function eventAttributeValues(all: readonly Json[]): string[] {
  return all.flatMap((a) => valuesOf(String(a.type), String(a.value)));
}

/** The values of one attribute: its value, or each half of a composite (`filename|sha256`). */
export function valuesOf(type: string, value: string): string[] {
  return type.includes('|') ? value.split('|') : [value];
}
