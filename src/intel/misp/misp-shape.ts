// MISP's core format read as plain data: an event as `{"Event": …}`, a list of those, a
// restSearch answer `{"response": […]}`. MISP writes numbers as strings and booleans as
// strings or numbers; these readers take either, so nothing downstream guesses.

export type Rec = Readonly<Record<string, unknown>>;

export function isRec(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

export function recs(v: unknown): Rec[] {
  return Array.isArray(v) ? v.filter(isRec) : [];
}

export function bool(v: unknown): boolean {
  return v === true || v === 1 || v === '1' || v === 'true';
}

/** A MISP `timestamp` (seconds since the epoch, as a string) or an ISO date, as STIX time. */
export function stixTime(v: unknown, fallback: string): string {
  const s = str(v);
  if (s === undefined || s === '') return fallback;
  const ms = /^\d+$/.test(s) ? Number(s) * 1000 : Date.parse(s.length === 10 ? `${s}T00:00:00Z` : s);
  return Number.isFinite(ms) && ms >= 0 && ms < 253402300800000 ? new Date(ms).toISOString() : fallback;
}

/** Does this document look like MISP rather than STIX? */
export function looksLikeMisp(doc: unknown): boolean {
  if (Array.isArray(doc)) return doc.length > 0 && doc.every((e) => isRec(e) && isRec(e.Event));
  return isRec(doc) && (isRec(doc.Event) || Array.isArray(doc.response));
}

/** The events of a MISP document, each with where it was in the document. */
export function mispEvents(doc: unknown): { path: string; event: Rec }[] {
  const out: { path: string; event: Rec }[] = [];
  const take = (v: unknown, path: string) => {
    if (isRec(v) && isRec(v.Event)) out.push({ path: `${path}.Event`, event: v.Event });
  };
  if (Array.isArray(doc)) for (const [i, e] of doc.entries()) take(e, `$[${i}]`);
  else if (isRec(doc) && Array.isArray(doc.response))
    for (const [i, e] of doc.response.entries()) take(e, `$.response[${i}]`);
  else take(doc, '$');
  return out;
}
