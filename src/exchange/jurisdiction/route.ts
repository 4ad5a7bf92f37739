// Jurisdiction routing, pure over the range tables it is given: for an IP address, a CIDR
// range, an AS number or a domain, the Party whose jurisdiction it falls in — or why none.

import { domainToUnicode } from 'node:url';
import { parseRange } from './ip.js';
import { asciiDomain, PARTY_COUNTRIES, PARTY_TLDS } from './parties.js';
import type { RangeTable } from './range-table.js';

export type ValueKind = 'ipv4' | 'ipv6' | 'ipv4-cidr' | 'ipv6-cidr' | 'asn' | 'domain' | 'invalid';

export interface Routing {
  value: string;
  kind: ValueKind;
  /** The proposed Party, or null: the value is unrouteable. */
  party: string | null;
  /** Registration countries found (IP) or the TLD's country (domain). */
  countries: string[];
  status: 'routed' | 'unknown';
  reason: string;
}

export interface RoutingData {
  ipv4(): RangeTable;
  ipv6(): RangeTable;
  /** For each AS number, the countries its announced address space is registered in. */
  asns(): ReadonlyMap<number, AsnInfo>;
}

export interface AsnInfo {
  name: string;
  /** Countries of its announced space, most space first. */
  countries: string[];
  /** The first country's share of that space, 0..1. */
  topShare: number;
}

// An AS is proposed to the Party holding at least this share of what it announces.
const ASN_SHARE = 0.9;

function party(countries: string[]): string | null {
  return countries.length === 1 && PARTY_COUNTRIES.has(countries[0]!) ? countries[0]! : null;
}

function unknown(value: string, kind: ValueKind, countries: string[], reason: string): Routing {
  return { value, kind, party: null, countries, status: 'unknown', reason };
}

function routeIp(value: string, data: RoutingData): Routing | undefined {
  const range = parseRange(value);
  if (!range) return undefined;
  const single = !value.includes('/');
  const kind: ValueKind = `ipv${range.version}${single ? '' : '-cidr'}` as ValueKind;
  const cov = (range.version === 4 ? data.ipv4() : data.ipv6()).cover(range);
  const p = party(cov.countries);
  if (p && !cov.gaps) {
    return {
      value,
      kind,
      party: p,
      countries: cov.countries,
      status: 'routed',
      reason: `registered in ${p}`,
    };
  }
  if (cov.countries.length === 0) return unknown(value, kind, [], 'no registration is known for it');
  if (cov.countries.length > 1) {
    return unknown(
      value,
      kind,
      cov.countries,
      `the range spans several countries: ${cov.countries.join(', ')}`,
    );
  }
  if (cov.gaps) {
    return unknown(value, kind, cov.countries, `part of the range has no known registration`);
  }
  return unknown(value, kind, cov.countries, `registered in ${cov.countries[0]}, which is not a Party`);
}

function routeDomain(value: string): Routing | undefined {
  const ascii = asciiDomain(value);
  if (!ascii) return undefined;
  const tld = ascii.slice(ascii.lastIndexOf('.') + 1);
  const p = PARTY_TLDS.get(tld);
  if (p)
    return {
      value,
      kind: 'domain',
      party: p,
      countries: [p],
      status: 'routed',
      reason: `.${domainToUnicode(tld)} is ${p}'s country-code TLD`,
    };
  return unknown(value, 'domain', [], `.${tld} is not a country-code TLD of a Party`);
}

/**
 * An AS number goes where the address space it announces is registered: a national
 * operator's AS announces its country's ranges, with a little foreign space at most. One
 * spread over several countries (a transit carrier, a CDN) is not proposed to any Party.
 */
function routeAsn(value: string, asn: number, data: RoutingData): Routing {
  const info = data.asns().get(asn);
  if (!info || info.countries.length === 0) {
    return unknown(value, 'asn', [], `AS${asn} announces no address space in the shipped data`);
  }
  const top = info.countries[0]!;
  const share = `${Math.round(info.topShare * 100)}%`;
  if (info.topShare >= ASN_SHARE && PARTY_COUNTRIES.has(top)) {
    return {
      value,
      kind: 'asn',
      party: top,
      countries: info.countries,
      status: 'routed',
      reason: `${info.name} announces address space registered in ${top} (${share} of it)`,
    };
  }
  if (info.topShare < ASN_SHARE) {
    return unknown(
      value,
      'asn',
      info.countries,
      `${info.name} announces address space of several countries (${info.countries.slice(0, 6).join(', ')}); the largest, ${top}, holds ${share}`,
    );
  }
  return unknown(
    value,
    'asn',
    info.countries,
    `${info.name} announces address space registered in ${top}, which is not a Party`,
  );
}

export function route(value: string, data: RoutingData): Routing {
  const v = value.trim();
  const asn = /^AS(\d{1,10})$/i.exec(v);
  if (asn) return routeAsn(v, Number(asn[1]), data);
  return (
    routeIp(v, data) ??
    routeDomain(v) ??
    unknown(v, 'invalid', [], 'not an IP address, a CIDR range, an AS number (AS1234) or a domain name')
  );
}
