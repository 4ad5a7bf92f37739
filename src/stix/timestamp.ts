// STIX timestamps: RFC 3339, UTC, `Z` suffix, any number of fractional-second digits.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const MICRO_PAD = '000000';

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/** The number in s[from, to), or -1 when a character there is not a digit. */
function digitsAt(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

// Hand-written rather than a regex: timestamps are checked several times per object on the
// import path, and this avoids the match-array allocations.
/** True for a syntactically valid STIX timestamp naming a real calendar instant (leap second 60 allowed). */
export function isStixTimestamp(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const n = s.length;
  if (n < 20 || s.charCodeAt(n - 1) !== 90 /* Z */) return false;
  if (s[4] !== '-' || s[7] !== '-' || s[10] !== 'T' || s[13] !== ':' || s[16] !== ':') return false;
  if (n > 20 && (s[19] !== '.' || n === 21 || digitsAt(s, 20, n - 1) === -1)) return false;
  if (n === 20 && s[19] !== 'Z') return false;
  const year = digitsAt(s, 0, 4);
  const month = digitsAt(s, 5, 7);
  const day = digitsAt(s, 8, 10);
  const hour = digitsAt(s, 11, 13);
  const minute = digitsAt(s, 14, 16);
  const second = digitsAt(s, 17, 19);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || minute < 0 || second < 0) return false;
  if (day > DAYS_IN_MONTH[month - 1]! || (month === 2 && day === 29 && !isLeapYear(year))) return false;
  return hour <= 23 && minute <= 59 && second <= 60;
}

/** Number of fractional-second digits of a timestamp (0 when there is no fraction). */
export function timestampFractionDigits(s: string): number {
  const dot = s.indexOf('.', 19);
  return dot === -1 ? 0 : s.length - dot - 2;
}

/**
 * A fixed-width key `YYYY-MM-DDTHH:MM:SS.ffffffZ` for any valid STIX timestamp, so that
 * string comparison orders timestamps correctly and equal instants written with different
 * precision (`…:27Z`, `…:27.000Z`) share one key. Digits beyond microseconds are truncated,
 * not rounded: rounding could carry into the seconds and reorder two versions, truncation
 * keeps the order (a < b implies key(a) <= key(b)). Microseconds are the finest precision
 * STIX tooling (and our stores) carry. The input is assumed valid (`isStixTimestamp`).
 */
export function timestampKey(s: string): string {
  const dot = s.indexOf('.', 19);
  if (dot === -1) return `${s.slice(0, 19)}.${MICRO_PAD}Z`;
  const frac = s.slice(dot + 1, s.length - 1);
  const micro = frac.length >= 6 ? frac.slice(0, 6) : frac + MICRO_PAD.slice(frac.length);
  return `${s.slice(0, 19)}.${micro}Z`;
}

/** The current time with millisecond precision, the minimum STIX asks of `created`/`modified`. */
export function nowTimestamp(): string {
  return new Date().toISOString();
}
