// Which Party's jurisdiction a country code or a country-code TLD falls in. The six
// signatories; the internationalised TLDs are accepted in Unicode and in punycode.

import { domainToASCII } from 'node:url';

export const PARTY_COUNTRIES: ReadonlySet<string> = new Set(['AM', 'BY', 'KZ', 'KG', 'RU', 'TJ']);

/** ASCII (punycode) top-level labels → Party. */
export const PARTY_TLDS: ReadonlyMap<string, string> = new Map([
  ['kz', 'KZ'],
  ['xn--80ao21a', 'KZ'], // .қаз
  ['ru', 'RU'],
  ['xn--p1ai', 'RU'], // .рф
  ['by', 'BY'],
  ['xn--90ais', 'BY'], // .бел
  ['am', 'AM'],
  ['xn--y9a3aq', 'AM'], // .հայ
  ['kg', 'KG'],
  ['tj', 'TJ'],
]);

/** The domain in ASCII form, or undefined when it is not a domain name. */
export function asciiDomain(value: string): string | undefined {
  const v = value.trim().replace(/\.$/, '');
  if (!v.includes('.') || /[\s/:@]/.test(v)) return undefined;
  const ascii = domainToASCII(v.toLowerCase());
  if (!ascii || !/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(ascii)) return undefined;
  return ascii;
}
