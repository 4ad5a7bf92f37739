// Inclusive address ranges with a country each, sorted and non-overlapping, held in typed
// arrays (four 64-bit words and a country index per row: ~70k IPv6 + 140k IPv4 rows take a
// few megabytes) and searched by bisection.

import { compare, type IpNum, type IpRange, next, numberOf } from './ip.js';

export interface Coverage {
  /** Countries of the rows the range overlaps, in address order, each once. */
  countries: string[];
  /** Part of the range lies in no row: no registration is known for it. */
  gaps: boolean;
}

export class RangeTable {
  readonly size: number;

  constructor(
    private readonly words: BigUint64Array,
    private readonly country: Uint16Array,
    private readonly countryCodes: string[],
  ) {
    this.size = country.length;
  }

  private start(i: number): IpNum {
    return { hi: this.words[i * 4]!, lo: this.words[i * 4 + 1]! };
  }

  private end(i: number): IpNum {
    return { hi: this.words[i * 4 + 2]!, lo: this.words[i * 4 + 3]! };
  }

  /** The last row starting at or before `a`, or -1. */
  private floor(a: IpNum): number {
    let lo = 0;
    let hi = this.size - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.start(mid), a) <= 0) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found;
  }

  cover(range: Pick<IpRange, 'start' | 'end'>): Coverage {
    const countries: string[] = [];
    let gaps = false;
    let i = this.floor(range.start);
    if (i < 0 || compare(this.end(i), range.start) < 0) {
      gaps = true;
      i += 1;
    }
    let expected = range.start;
    // A /8 of IPv4 or a /16 of IPv6 can span thousands of rows: the walk and the list are bounded.
    for (let seen = 0; i < this.size && compare(this.start(i), range.end) <= 0 && seen < 5000; i++, seen++) {
      if (compare(this.start(i), expected) > 0) gaps = true;
      const c = this.countryCodes[this.country[i]!]!;
      if (!countries.includes(c) && countries.length < 50) countries.push(c);
      expected = next(this.end(i));
      if (compare(this.end(i), range.end) >= 0) return { countries, gaps };
    }
    return { countries, gaps: true };
  }
}

/** Reads `start,end,CC` lines of the given IP version (text addresses), straight into typed arrays. */
export function parseCsv(text: string, version: 4 | 6): RangeTable {
  const lines = text.split('\n');
  const codes: string[] = [];
  const index = new Map<string, number>();
  const words = new BigUint64Array(lines.length * 4);
  const country = new Uint16Array(lines.length);
  let n = 0;
  let sorted = true;
  for (const line of lines) {
    const a = line.indexOf(',');
    const b = line.indexOf(',', a + 1);
    if (a < 0 || b < 0) continue;
    const cc = line.slice(b + 1).trim();
    let c = index.get(cc);
    if (c === undefined) {
      c = codes.length;
      codes.push(cc);
      index.set(cc, c);
    }
    const s = halves(line.slice(0, a), version);
    const e = halves(line.slice(a + 1, b), version);
    words.set([s.hi, s.lo, e.hi, e.lo], n * 4);
    if (n > 0 && compare(s, { hi: words[n * 4 - 4]!, lo: words[n * 4 - 3]! }) < 0) sorted = false;
    country[n] = c;
    n++;
  }
  if (!sorted) throw new Error(`the ranges of the IPv${version} table are not in address order`);
  return new RangeTable(words.subarray(0, n * 4), country.subarray(0, n), codes);
}

/** Faster than bigint arithmetic per hextet: one 32-digit hex string, two BigInt parses. */
function halves(text: string, version: 4 | 6): IpNum {
  if (version === 4) return { hi: 0n, lo: BigInt(numberOf(text, 4)) };
  const [head = '', tail] = text.split('::');
  const h = head ? head.split(':') : [];
  const t = tail === undefined ? [] : tail ? tail.split(':') : [];
  const groups = tail === undefined ? h : [...h, ...Array<string>(8 - h.length - t.length).fill('0'), ...t];
  const hex = groups.map((g) => g.padStart(4, '0')).join('');
  return { hi: BigInt(`0x${hex.slice(0, 16)}`), lo: BigInt(`0x${hex.slice(16)}`) };
}
