// STIX timestamps as the pattern grammar defines them: YYYY-MM-DDTHH:MM:SS[.s+]Z, UTC,
// month 01-12, day 01-31, hour 00-23, minute 00-59, second 00-60 (a leap second). The
// grammar checks ranges, not calendars: 2024-02-30 is a valid literal for the OASIS
// validator and so for Accord, and it orders between Feb 29 and Mar 1.

const SHAPE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** Why the text is not a STIX timestamp, or undefined when it is one. */
export function timestampProblem(text: string): string | undefined {
  const m = SHAPE.exec(text);
  if (!m) return 'expected the form YYYY-MM-DDTHH:MM:SS[.fraction]Z';
  const [, , mo, d, h, mi, s] = m.map(Number) as number[];
  if (mo! < 1 || mo! > 12) return `month ${m[2]} is not 01-12`;
  if (d! < 1 || d! > 31) return `day ${m[3]} is not 01-31`;
  if (h! > 23) return `hour ${m[4]} is not 00-23`;
  if (mi! > 59) return `minute ${m[5]} is not 00-59`;
  if (s! > 60) return `second ${m[6]} is not 00-60`;
  return undefined;
}

export interface Instant {
  /** Milliseconds since the epoch, with the fraction kept (microsecond precision). */
  ms: number;
  /** A string whose code-unit order is the order of instants, to the picosecond. */
  key: string;
}

/** Parses a STIX timestamp; undefined when the text is not one. */
export function parseInstant(text: string): Instant | undefined {
  if (timestampProblem(text) !== undefined) return undefined;
  const frac = text.length > 20 ? text.slice(20, -1) : '';
  // setUTCFullYear, unlike Date.UTC, does not map years 0-99 to 1900-1999.
  const d = new Date(0);
  d.setUTCFullYear(Number(text.slice(0, 4)), Number(text.slice(5, 7)) - 1, Number(text.slice(8, 10)));
  d.setUTCHours(Number(text.slice(11, 13)), Number(text.slice(14, 16)), Number(text.slice(17, 19)), 0);
  const ms = d.getTime() + (frac ? Number(`0.${frac}`) * 1000 : 0);
  return { ms, key: `${text.slice(0, 19)}.${frac.padEnd(12, '0').slice(0, 12)}` };
}
