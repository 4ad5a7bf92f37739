// What each consumer reads, written line by line from feed entries. Pure: a format is a header,
// a function per entry and a footer, so a feed of any length streams without being held.

import type { FeedEntry, FeedKind } from './entry.js';

export interface FeedFormat {
  /** The path segment: /feeds/NAME/<file>. */
  file: string;
  contentType: string;
  /** Which values this format carries; others are left out (and counted in the header). */
  kinds: readonly FeedKind[];
  header(meta: FeedMeta): string;
  /** Lines for one entry; `sid` gives the stable rule id of one rule of it. */
  entry(e: FeedEntry, sid: (rule: string) => number): string;
  footer(meta: FeedMeta): string;
}

export interface FeedMeta {
  feed: string;
  party: string;
  nodeId: string;
  generated: string;
  /** Increases whenever what the feed is made from changes (RPZ SOA serial). */
  serial: number;
}

const comment = (prefix: string, m: FeedMeta) =>
  `${prefix} Accord feed "${m.feed}" for ${m.party}, node ${m.nodeId}, generated ${m.generated}\n`;

function plainList(file: string, kinds: readonly FeedKind[]): FeedFormat {
  return {
    file,
    contentType: 'text/plain; charset=utf-8',
    kinds,
    header: (m) => comment('#', m),
    entry: (e) => `${e.text}\n`,
    footer: () => '',
  };
}

/** RFC 4180 field, with spreadsheet formulas defused (a value may be hostile text). */
export function csvField(v: string | number | null): string {
  if (v === null) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const CSV_COLUMNS = [
  'value',
  'kind',
  'indicator_id',
  'version',
  'originator',
  'name',
  'confidence',
  'valid_until',
];

/** A Suricata/Snort content string: quotes, semicolons, backslashes and pipes as hex bytes. */
export function ruleContent(s: string): string {
  return s.replace(/["\\;|]/g, (c) => `|${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}|`);
}

function ruleMsg(e: FeedEntry, what: string): string {
  const name = e.name ? ` ${e.name}` : '';
  return ruleContent(`ACCORD ${e.originator} ${what} ${e.text}${name}`.slice(0, 200)).replace(/[()]/g, ' ');
}

function rule(action: string, header: string, e: FeedEntry, what: string, body: string, sid: number) {
  return `${action} ${header} (msg:"${ruleMsg(e, what)}"; ${body}metadata:accord_id ${e.indicatorId}; sid:${sid}; rev:${e.rev};)\n`;
}

function suricataLines(e: FeedEntry, sid: (rule: string) => number): string {
  const v = e.value;
  if (v.kind === 'ipv4' || v.kind === 'ipv6') {
    return rule('alert', `ip any any <> [${e.text}] any`, e, 'address', '', sid('ip'));
  }
  if (v.kind === 'domain') {
    const dot = ruleContent(`.${v.text}`);
    // dotprefix makes "evil.example" match itself and its subdomains, never "notevil.example".
    return (
      rule(
        'alert',
        'dns any any -> any any',
        e,
        'domain',
        `dns.query; dotprefix; content:"${dot}"; nocase; endswith; `,
        sid('dns'),
      ) +
      rule(
        'alert',
        'tls any any -> any any',
        e,
        'TLS SNI',
        `tls.sni; dotprefix; content:"${dot}"; nocase; endswith; `,
        sid('tls'),
      ) +
      rule(
        'alert',
        'http any any -> any any',
        e,
        'HTTP host',
        // Suricata lower-cases the http.host buffer and refuses a rule that says nocase there.
        `http.host; dotprefix; content:"${dot.toLowerCase()}"; endswith; `,
        sid('http'),
      )
    );
  }
  if (v.kind === 'url' && v.host && (v.host.kind === 'domain' || v.host.kind === 'ipv4')) {
    const u = new URL(v.text);
    const host = ruleContent(u.hostname.replace(/^\[|\]$/g, '').toLowerCase());
    const path = ruleContent(`${u.pathname}${u.search}`);
    return rule(
      'alert',
      'http any any -> any any',
      e,
      'URL',
      `http.host; content:"${host}"; startswith; endswith; http.uri; content:"${path}"; startswith; endswith; `,
      sid('url'),
    );
  }
  return '';
}

/** The RPZ owner name of a value: a domain and its subdomains, or an rpz-ip trigger. */
function rpzLines(e: FeedEntry): string {
  const v = e.value;
  const why = `; ${e.originator} ${e.indicatorId}\n`;
  if (v.kind === 'domain') return `${v.text} CNAME .${why}*.${v.text} CNAME .${why}`;
  if (v.kind === 'ipv4') {
    const n = v.net;
    const octets = [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, n >>> 24];
    return `${v.prefix}.${octets.join('.')}.rpz-ip CNAME .${why}`;
  }
  if (v.kind === 'ipv6') {
    const groups = (v.net.toString(16).padStart(32, '0').match(/.{4}/g) ?? []).map((g) =>
      g.replace(/^0+(?=.)/, ''),
    );
    return `${v.prefix}.${groups.reverse().join('.')}.rpz-ip CNAME .${why}`;
  }
  return '';
}

export const FEED_FORMATS: readonly FeedFormat[] = [
  plainList('ipv4.txt', ['ipv4']),
  plainList('ipv6.txt', ['ipv6']),
  plainList('domains.txt', ['domain']),
  plainList('urls.txt', ['url']),
  plainList('hashes.txt', ['hash']),
  plainList('emails.txt', ['email']),
  {
    file: 'values.csv',
    contentType: 'text/csv; charset=utf-8',
    kinds: ['ipv4', 'ipv6', 'domain', 'url', 'hash', 'email'],
    header: () => `${CSV_COLUMNS.join(',')}\r\n`,
    entry: (e) =>
      `${[e.text, e.value.kind, e.indicatorId, e.version, e.originator, e.name, e.confidence, e.validUntil]
        .map(csvField)
        .join(',')}\r\n`,
    footer: () => '',
  },
  {
    file: 'suricata.rules',
    contentType: 'text/plain; charset=utf-8',
    kinds: ['ipv4', 'ipv6', 'domain', 'url'],
    header: (m) => comment('#', m),
    entry: suricataLines,
    footer: () => '',
  },
  {
    file: 'rpz.zone',
    contentType: 'text/dns; charset=utf-8',
    kinds: ['ipv4', 'ipv6', 'domain'],
    header: (m) =>
      `${comment(';', m)}$TTL 300\n@ SOA localhost. hostmaster.localhost. ${m.serial} 3600 600 86400 300\n@ NS localhost.\n`,
    entry: (e) => rpzLines(e),
    footer: () => '',
  },
  {
    file: 'hosts',
    contentType: 'text/plain; charset=utf-8',
    kinds: ['domain'],
    header: (m) => comment('#', m),
    entry: (e) => `0.0.0.0 ${e.text}\n`,
    footer: () => '',
  },
];

export function feedFormat(file: string): FeedFormat | undefined {
  return FEED_FORMATS.find((f) => f.file === file);
}
