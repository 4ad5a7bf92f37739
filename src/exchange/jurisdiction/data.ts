// The registration data shipped in @ip-location-db/asn-country (IP range → country of the
// registering AS, from the five RIRs via the NRO). Read from the installed package, never
// downloaded; each table is loaded on first use and kept for the process's life.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseCsv, type RangeTable } from './range-table.js';
import type { RoutingData } from './route.js';

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

export const shippedData: RoutingData = { ipv4: () => load(4), ipv6: () => load(6) };
