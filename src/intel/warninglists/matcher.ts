// Which warninglists a value is on. Pure, built once from the lists: address ranges go into
// the observable index (one map probe per prefix length in use, as lookups do), host names
// into one set walked up the name's parents, exact strings into one set; only substring and
// regex lists are scanned entry by entry, and those are short.

import { ObservableIndex } from '../observable-index.js';
import { classifyValue, displayValue, type ObservableValue } from '../observable-keys.js';
import { regexOf, type Warninglist } from './format.js';

export interface WarninglistHit {
  id: string;
  name: string;
}

function bareName(s: string): string {
  let n = s.toLowerCase();
  while (n.startsWith('.') || n.startsWith('*.')) n = n.slice(n.startsWith('.') ? 1 : 2);
  return n.endsWith('.') ? n.slice(0, -1) : n;
}

function addTo(map: Map<string, string[]>, key: string, id: string): void {
  const ids = map.get(key);
  if (!ids) map.set(key, [id]);
  else if (!ids.includes(id)) ids.push(id);
}

/** The host a value is about, when it has one: the name itself, a URL's host, a mailbox's domain. */
function hostOf(v: ObservableValue): ObservableValue | null {
  if (v.kind === 'url') return v.host;
  if (v.kind === 'email') return v.domain;
  return v.kind === 'domain' || v.kind === 'ipv4' || v.kind === 'ipv6' ? v : null;
}

let matchersBuilt = 0;

export class WarninglistMatcher {
  private readonly ranges = new ObservableIndex();
  private readonly hosts = new Map<string, string[]>();
  private readonly strings = new Map<string, string[]>();
  private readonly scanned: { id: string; test: (text: string) => boolean }[] = [];
  private readonly names = new Map<string, string>();

  /** Names this set of lists in this process, so that a worker thread that built it once can keep it (import-worker.ts). */
  readonly key = ++matchersBuilt;

  constructor(readonly lists: readonly Warninglist[]) {
    for (const l of lists) {
      this.names.set(l.id, l.name);
      for (const entry of l.list) {
        switch (l.type) {
          case 'cidr':
            this.ranges.add(l.id, classifyValue(entry)!);
            break;
          case 'hostname':
            addTo(this.hosts, bareName(entry), l.id);
            break;
          case 'string':
            addTo(this.strings, entry.toLowerCase(), l.id);
            break;
          case 'substring': {
            const needle = entry.toLowerCase();
            this.scanned.push({ id: l.id, test: (t) => t.includes(needle) });
            break;
          }
          case 'regex': {
            const re = regexOf(entry);
            this.scanned.push({ id: l.id, test: (t) => re.test(t) });
            break;
          }
        }
      }
    }
  }

  /** The lists the value is on, in the order the lists were given; none for most values. */
  match(v: ObservableValue, raw?: string): WarninglistHit[] {
    const found = new Set<string>();
    const host = hostOf(v);
    if (host && (host.kind === 'ipv4' || host.kind === 'ipv6'))
      this.ranges.probe(host, (id) => found.add(id));
    if (host?.kind === 'domain') {
      // A name is on a hostname list when it or any parent is, down to the top-level label.
      const name = host.text;
      for (let at = 0; ; ) {
        for (const id of this.hosts.get(name.slice(at)) ?? []) found.add(id);
        const dot = name.indexOf('.', at);
        if (dot < 0) break;
        at = dot + 1;
      }
    }
    const text = displayValue(v).toLowerCase();
    const texts =
      raw !== undefined && raw.trim().toLowerCase() !== text ? [text, raw.trim().toLowerCase()] : [text];
    for (const t of texts) for (const id of this.strings.get(t) ?? []) found.add(id);
    for (const s of this.scanned) if (!found.has(s.id) && texts.some((t) => s.test(t))) found.add(s.id);
    if (found.size === 0) return [];
    return this.lists.filter((l) => found.has(l.id)).map((l) => ({ id: l.id, name: l.name }));
  }

  /** For values only known as text (a MISP attribute): classified when possible, else compared as text. */
  matchText(raw: string): WarninglistHit[] {
    const v = classifyValue(raw);
    if (v) return this.match(v, raw);
    const t = raw.trim().toLowerCase();
    const found = new Set(this.strings.get(t) ?? []);
    for (const s of this.scanned) if (s.test(t)) found.add(s.id);
    return this.lists.filter((l) => found.has(l.id)).map((l) => ({ id: l.id, name: l.name }));
  }
}
