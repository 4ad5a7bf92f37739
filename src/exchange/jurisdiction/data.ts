// The registration data shipped in @ip-location-db/asn-country (IP range → country of the
// registering AS, from the five RIRs via the NRO) and @ip-location-db/asn (IP range → AS). Read from the installed package, never
// downloaded; each table is loaded on first use and kept for the process's life.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { type IpNum, parseRange } from './ip.js';
import { parseCsv, type RangeTable } from './range-table.js';
import type { AsnInfo, RoutingData } from './route.js';

const PACKAGE = '@ip-location-db/asn-country';

export interface DataInfo {
  source: string;
  version: string;
  /** YYYY-MM-DD: the package version's last part is the build date (YYYYMMDDHH). */
  date: string | null;
  license: string;
}

let dir: string | undefined;
let info: DataInfo | undefined;
const tables: { 4?: RangeTable; 6?: RangeTable } = {};

function packageDir(): string {
  if (!dir) dir = dirname(createRequire(import.meta.url).resolve(`${PACKAGE}/package.json`));
  return dir;
}

export function dataInfo(): DataInfo {
  if (!info) {
    const pkg = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8')) as { version: string };
    const m = /\.(\d{4})(\d{2})(\d{2})\d{0,2}$/.exec(pkg.version);
    info = {
      source: PACKAGE,
      version: pkg.version,
      date: m ? `${m[1]}-${m[2]}-${m[3]}` : null,
      license: 'CC BY 4.0, NRO',
    };
  }
  return info;
}

function load(version: 4 | 6): RangeTable {
  const cached = tables[version];
  if (cached) return cached;
  const text = readFileSync(join(packageDir(), `asn-country-ipv${version}.csv`), 'utf8');
  const t = parseCsv(text, version);
  tables[version] = t;
  return t;
}

const ASN_PACKAGE = '@ip-location-db/asn';
let asnTable: Map<number, AsnInfo> | undefined;

/** Addresses in a range: IPv4 counts addresses, IPv6 counts /48 sites (the unit assigned). */
function weight(version: 4 | 6, start: IpNum, end: IpNum): number {
  return version === 4 ? Number(end.lo - start.lo + 1n) : Number(((end.hi - start.hi) >> 16n) + 1n);
}

/**
 * AS number → where the address space it announces is registered, joined from the ranges
 * of @ip-location-db/asn (range → AS) and the country table above (range → country), each
 * country weighted by how much space it holds: national operators announce a little foreign
 * space too. IPv4 decides when the AS has any; built on the first AS lookup and kept.
 */
function loadAsns(): Map<number, AsnInfo> {
  if (asnTable) return asnTable;
  const names = new Map<number, string>();
  const tally: Record<4 | 6, Map<number, Map<string, number>>> = { 4: new Map(), 6: new Map() };
  const asnDir = dirname(createRequire(import.meta.url).resolve(`${ASN_PACKAGE}/package.json`));
  for (const version of [4, 6] as const) {
    const table = load(version);
    const text = readFileSync(join(asnDir, `asn-ipv${version}.csv`), 'utf8');
    let from = 0;
    while (from < text.length) {
      let to = text.indexOf('\n', from);
      if (to < 0) to = text.length;
      const line = text.slice(from, to);
      from = to + 1;
      const a = line.indexOf(',');
      const b = line.indexOf(',', a + 1);
      const c = line.indexOf(',', b + 1);
      if (a < 0 || b < 0 || c < 0) continue;
      const asn = Number(line.slice(b + 1, c));
      const start = parseRange(line.slice(0, a));
      const end = parseRange(line.slice(a + 1, b));
      if (!start || !end || !Number.isSafeInteger(asn)) continue;
      if (!names.has(asn))
        names.set(
          asn,
          line
            .slice(c + 1)
            .trim()
            .replace(/^"|"$/g, '')
            .replace(/""/g, '"'),
        );
      const country = table.cover({ start: start.start, end: start.start }).countries[0];
      if (!country) continue;
      const perAsn = tally[version].get(asn) ?? new Map<string, number>();
      perAsn.set(country, (perAsn.get(country) ?? 0) + weight(version, start.start, end.start));
      tally[version].set(asn, perAsn);
    }
  }
  const out = new Map<number, AsnInfo>();
  for (const [asn, name] of names) {
    const counts = tally[4].get(asn) ?? tally[6].get(asn) ?? new Map<string, number>();
    const total = [...counts.values()].reduce((x, y) => x + y, 0);
    const ranked = [...counts].sort((x, y) => y[1] - x[1]);
    out.set(asn, {
      name: name || `AS${asn}`,
      countries: ranked.map(([cc]) => cc),
      topShare: total > 0 ? (ranked[0]?.[1] ?? 0) / total : 0,
    });
  }
  asnTable = out;
  return out;
}

export const shippedData: RoutingData = { ipv4: () => load(4), ipv6: () => load(6), asns: loadAsns };
