// A reader of Suricata rules written from Suricata's user guide (rules/intro, payload, http,
// dns and tls keywords) and the checks its rule loader makes, for the keywords Accord's feed
// writes. Debian bookworm has no suricata package, so `suricata -T` cannot run everywhere the
// suite does; this catches what it would refuse: a bad header, an unescaped quote or
// semicolon, a broken hex run, a modifier with no content, nocase or capitals in http.host,
// a missing msg/sid/rev, a sid used twice.

import { isIP } from 'node:net';

const ACTIONS = new Set(['alert', 'pass', 'drop', 'reject', 'rejectsrc', 'rejectdst', 'rejectboth']);
const PROTOCOLS = new Set([
  'ip',
  'tcp',
  'udp',
  'icmp',
  'http',
  'http1',
  'http2',
  'tls',
  'dns',
  'ftp',
  'smtp',
  'ssh',
]);
const DIRECTIONS = new Set(['->', '<>']);
/** Sticky buffers: the content after them is matched in that buffer. */
const BUFFERS = new Set(['dns.query', 'tls.sni', 'http.host', 'http.uri']);
/** Modifiers of the content before them. */
const AFTER_CONTENT = new Set(['nocase', 'startswith', 'endswith', 'fast_pattern']);
/** Keywords with a value the checker reads. */
const VALUED = new Set(['msg', 'content', 'sid', 'rev', 'metadata', 'classtype', 'reference']);

export interface RuleProblem {
  line: number;
  message: string;
}

function checkAddress(a: string): string | null {
  const body = a.startsWith('!') ? a.slice(1) : a;
  if (body === 'any' || /^\$[A-Z_]+$/.test(body)) return null;
  if (body.startsWith('[')) {
    if (!body.endsWith(']')) return `address list ${a} is not closed`;
    const parts = body.slice(1, -1).split(',');
    if (parts.some((p) => p.trim() === '')) return `address list ${a} has an empty member`;
    for (const p of parts) {
      const e = checkAddress(p.trim());
      if (e) return e;
    }
    return null;
  }
  const [ip, bits, more] = body.split('/');
  if (more !== undefined || !ip || isIP(ip) === 0) return `${a} is not an address`;
  if (bits !== undefined) {
    const max = isIP(ip) === 4 ? 32 : 128;
    if (!/^\d+$/.test(bits) || Number(bits) > max) return `${a} has a bad prefix length`;
  }
  return null;
}

function checkPort(p: string): string | null {
  const body = p.startsWith('!') ? p.slice(1) : p;
  if (body === 'any' || /^\$[A-Z_]+$/.test(body)) return null;
  if (body.startsWith('[') && body.endsWith(']')) {
    for (const x of body.slice(1, -1).split(',')) if (checkPort(x.trim())) return `port list ${p} is bad`;
    return null;
  }
  const m = /^(\d*):?(\d*)$/.exec(body);
  if (!m || (m[1] === '' && m[2] === '')) return `${p} is not a port`;
  for (const n of [m[1], m[2]]) if (n && Number(n) > 65535) return `${p} is out of range`;
  return null;
}

/** Splits the option list at semicolons a backslash does not escape (quotes do not protect one). */
function splitOptions(body: string): string[] | string {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      cur += c + body[i + 1];
      i++;
    } else if (c === ';') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  if (cur.trim() !== '') return `options do not end with ";" (left: ${cur.trim()})`;
  return out;
}

/** The bytes a quoted content string stands for, or why Suricata would refuse it. */
export function decodeContent(quoted: string): { bytes: number[] } | { error: string } {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"'))
    return { error: `content ${quoted} is not in double quotes` };
  const s = quoted.slice(1, -1);
  const bytes: number[] = [];
  let hex = false;
  let pending = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '|') {
      if (hex && pending !== '') return { error: `half a hex byte before | at ${i}` };
      hex = !hex;
    } else if (hex) {
      if (/[0-9a-fA-F]/.test(c)) {
        pending += c;
        if (pending.length === 2) {
          bytes.push(Number.parseInt(pending, 16));
          pending = '';
        }
      } else if (c !== ' ' && c !== ',') return { error: `"${c}" inside a hex run at ${i}` };
    } else if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined || !':;\\"'.includes(next))
        return { error: `"\\${next ?? ''}" is not an escape Suricata reads` };
      bytes.push(next.charCodeAt(0));
      i++;
    } else if (c === '"') return { error: `unescaped double quote at ${i}` };
    else for (const b of Buffer.from(c)) bytes.push(b);
  }
  if (hex) return { error: 'a hex run is not closed with |' };
  if (bytes.length === 0) return { error: 'empty content' };
  return { bytes };
}

function checkRule(rule: string, sids: Set<number>): string[] {
  const open = rule.indexOf('(');
  if (open < 0 || !rule.endsWith(')')) return ['a rule is a header then options in ( )'];
  const header = rule.slice(0, open).trim().split(/\s+/);
  const problems: string[] = [];
  if (header.length !== 7) return [`the header has ${header.length} words, not 7: ${header.join(' ')}`];
  const [action, proto, src, sport, dir, dst, dport] = header as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!ACTIONS.has(action)) problems.push(`unknown action ${action}`);
  if (!PROTOCOLS.has(proto)) problems.push(`unknown protocol ${proto}`);
  if (!DIRECTIONS.has(dir)) problems.push(`unknown direction ${dir}`);
  for (const a of [src, dst]) {
    const e = checkAddress(a);
    if (e) problems.push(e);
  }
  for (const p of [sport, dport]) {
    const e = checkPort(p);
    if (e) problems.push(e);
  }
  const options = splitOptions(rule.slice(open + 1, -1));
  if (typeof options === 'string') return [...problems, options];

  let buffer: string | null = null;
  let lastContent: number[] | null = null;
  let dotprefix = false;
  const seen = new Map<string, string>();
  for (const opt of options) {
    const colon = opt.indexOf(':');
    const key = (colon < 0 ? opt : opt.slice(0, colon)).trim();
    const value = colon < 0 ? undefined : opt.slice(colon + 1).trim();
    if (VALUED.has(key) && value === undefined) problems.push(`${key} needs a value`);
    if (!VALUED.has(key) && value !== undefined && !BUFFERS.has(key)) problems.push(`${key} takes no value`);
    if (BUFFERS.has(key)) {
      if (buffer && !lastContent) problems.push(`${buffer} with no content`);
      buffer = key;
      lastContent = null;
    } else if (key === 'dotprefix') {
      dotprefix = true;
    } else if (key === 'content') {
      const d = decodeContent(value ?? '');
      if ('error' in d) problems.push(`content: ${d.error}`);
      else {
        lastContent = d.bytes;
        if (dotprefix && d.bytes[0] !== 0x2e) problems.push('dotprefix content must start with "."');
        if (buffer === 'http.host' && d.bytes.some((b) => b >= 0x41 && b <= 0x5a))
          problems.push('http.host is lower-cased by Suricata: a pattern with capitals is refused');
      }
      dotprefix = false;
    } else if (AFTER_CONTENT.has(key)) {
      if (!lastContent) problems.push(`${key} must follow a content`);
      if (key === 'nocase' && buffer === 'http.host')
        problems.push('http.host with nocase is refused: the buffer is already lower-cased');
    } else if (key === 'msg') {
      if (!value || !/^"(?:[^"\\]|\\.)*"$/.test(value)) problems.push(`msg ${value} is not a quoted string`);
    } else if (!VALUED.has(key)) {
      problems.push(`keyword ${key} is not one this checker knows`);
    }
    if (['msg', 'sid', 'rev'].includes(key)) {
      if (seen.has(key)) problems.push(`${key} given twice`);
      seen.set(key, value ?? '');
    }
  }
  if (dotprefix) problems.push('dotprefix with no content after it');
  if (buffer && !lastContent) problems.push(`${buffer} with no content`);
  for (const key of ['msg', 'sid', 'rev']) if (!seen.has(key)) problems.push(`no ${key}`);
  const sid = Number(seen.get('sid'));
  if (seen.has('sid')) {
    if (!/^\d+$/.test(seen.get('sid')!) || sid < 1)
      problems.push(`sid ${seen.get('sid')} is not a positive whole number`);
    else if (sids.has(sid)) problems.push(`sid ${sid} is used twice`);
    else sids.add(sid);
  }
  if (seen.has('rev') && !/^[1-9]\d*$/.test(seen.get('rev')!))
    problems.push(`rev ${seen.get('rev')} is not a positive whole number`);
  return problems;
}

/** Every problem in a rules file, by line; an empty list is a file Suricata would load. */
export function checkSuricataRules(text: string): RuleProblem[] {
  const sids = new Set<number>();
  const out: RuleProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    const rule = raw.trim();
    if (rule === '' || rule.startsWith('#')) return;
    for (const message of checkRule(rule, sids)) out.push({ line: i + 1, message });
  });
  return out;
}
