// SQL LIKE as STIX uses it: '%' any run of characters, '_' exactly one character, everything
// else literal and case-sensitive; there is no escape character. Characters are Unicode code
// points, not UTF-16 units, so '_' matches one emoji. The wildcard walk below is the
// classic two-pointer algorithm: O(n·m) at worst, never exponential, no RegExp involved.

export type LikeMatcher = (value: string) => boolean;

export function compileLike(pattern: string): LikeMatcher {
  const p = Array.from(pattern.normalize('NFC'));
  return (value: string) => likeMatch(p, Array.from(value.normalize('NFC')));
}

function likeMatch(p: string[], s: string[]): boolean {
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < s.length) {
    const c = p[pi];
    if (c === '%') {
      star = pi++;
      mark = si;
    } else if (c !== undefined && (c === '_' || c === s[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star + 1;
      si = ++mark;
    } else {
      return false;
    }
  }
  while (p[pi] === '%') pi++;
  return pi === p.length;
}
