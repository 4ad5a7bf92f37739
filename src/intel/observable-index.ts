// The observable index: from a value to the objects that may speak of it, in memory.
// It answers "which objects are candidates" only; the lookup service confirms each
// candidate against the stored newest version and asks the policy before anything is
// said, so an index entry that went stale (a new version with another pattern, a
// revocation, a deletion) costs a confirmation, never a wrong answer. Pure: no I/O.
//
// IPv4 networks are kept per prefix length as numbers, so checking an address costs one
// map lookup per prefix length in use (usually 32 and a few others), not a string build.
// Postings grow from one id to an array to a set, so a value reported ten thousand times
// costs ten thousand entries — not the pairwise table that makes correlation explode.

import { maskIpv4, maskIpv6, type ObservableValue } from './observable-keys.js';
import { Uint32Map } from './uint32-map.js';

/** How the looked-up value met the indexed one. */
export type MatchHow = 'exact' | 'range' | 'parent-domain' | 'url-host' | 'email-domain';

type Posting = string | string[] | Set<string>;

const SET_FROM = 16;

/** The posting with `id` added, or null when it holds `id` already. Arrays grow in place. */
function withId(p: Posting | undefined, id: string): Posting | null {
  if (p === undefined) return id;
  if (typeof p === 'string') return p === id ? null : [p, id];
  if (Array.isArray(p)) {
    if (p.includes(id)) return null;
    if (p.length + 1 >= SET_FROM) return new Set([...p, id]);
    p.push(id);
    return p;
  }
  if (p.has(id)) return null;
  p.add(id);
  return p;
}

function addTo<K>(map: Map<K, Posting>, key: K, id: string): boolean {
  const next = withId(map.get(key), id);
  if (next === null) return false;
  map.set(key, next);
  return true;
}

export type Visit = (id: string, key: string, how: MatchHow) => void;

/** What the index could not read, for /readyz and the log: a count, and the first ids. */
export interface UnreadableReport {
  count: number;
  /** Up to UNREADABLE_SHOWN ids, each with why it was skipped. */
  objects: { id: string; reason: string }[];
}

export const UNREADABLE_SHOWN = 100;

function emit(p: Posting | undefined, key: string, how: MatchHow, visit: Visit): void {
  if (p === undefined) return;
  if (typeof p === 'string') visit(p, key, how);
  else for (const id of p) visit(id, key, how);
}

export class ObservableIndex {
  /** IPv4 networks by prefix length: network → index into `v4Postings`. */
  private readonly v4: (Uint32Map | undefined)[] = [];
  private readonly v4Postings: Posting[] = [];
  private v4Prefixes: number[] = [];
  private readonly v6 = new Map<number, Map<string, Posting>>();
  private v6Prefixes: number[] = [];
  // One map a kind, keyed by the bare normal form: probing a name's parents slices, never concatenates.
  private readonly domains = new Map<string, Posting>();
  private readonly urls = new Map<string, Posting>();
  private readonly emails = new Map<string, Posting>();
  private readonly hashes = new Map<string, Posting>();
  private readonly asns = new Map<string, Posting>();
  private readonly sightings = new Map<string, Posting>();
  // Objects skipped because they could not be read (a row stored before today's limits):
  // reported, never fatal, so one poisoned row cannot take every lookup down.
  private readonly unreadable = new Map<string, string>();
  private entries = 0;

  /** Postings held (value–object pairs). */
  get size(): number {
    return this.entries;
  }

  /** Files `id` under the value. */
  add(id: string, value: ObservableValue): void {
    let added: boolean;
    switch (value.kind) {
      case 'ipv4':
        added = this.addV4(id, value.net, value.prefix);
        break;
      case 'ipv6': {
        let m = this.v6.get(value.prefix);
        if (!m) {
          m = new Map();
          this.v6.set(value.prefix, m);
          this.v6Prefixes = [...this.v6.keys()].sort((a, b) => b - a);
        }
        added = addTo(m, value.net.toString(16), id);
        break;
      }
      case 'domain':
        added = addTo(this.domains, value.text, id);
        break;
      case 'url':
        added = addTo(this.urls, value.text, id);
        break;
      case 'email':
        added = addTo(this.emails, value.text, id);
        break;
      case 'hash':
        added = addTo(this.hashes, value.text, id);
        break;
      case 'as':
        added = addTo(this.asns, value.text, id);
        break;
    }
    if (added) this.entries++;
  }

  private addV4(id: string, net: number, prefix: number): boolean {
    let m = this.v4[prefix];
    if (!m) {
      m = new Uint32Map();
      this.v4[prefix] = m;
      this.v4Prefixes = this.v4.flatMap((x, p) => (x ? [p] : [])).sort((a, b) => b - a);
    }
    const at = m.get(net);
    if (at < 0) {
      m.set(net, this.v4Postings.length);
      this.v4Postings.push(id);
      return true;
    }
    const next = withId(this.v4Postings[at], id);
    if (next === null) return false;
    this.v4Postings[at] = next;
    return true;
  }

  /** Records that the newest version read of `id` could not be indexed, and why. */
  skip(id: string, reason: string): void {
    this.unreadable.set(id, reason);
  }

  /** A later version of `id` was read: it is no longer reported as unreadable. */
  readable(id: string): void {
    this.unreadable.delete(id);
  }

  unreadableReport(): UnreadableReport {
    const objects: { id: string; reason: string }[] = [];
    for (const [id, reason] of this.unreadable) {
      if (objects.length >= UNREADABLE_SHOWN) break;
      objects.push({ id, reason });
    }
    return { count: this.unreadable.size, objects };
  }

  /** Remembers that a sighting is of this object. */
  addSighting(targetId: string, sightingId: string): void {
    addTo(this.sightings, targetId, sightingId);
  }

  sightingsOf(id: string): string[] {
    const out: string[] = [];
    emit(this.sightings.get(id), '', 'exact', (s) => out.push(s));
    return out;
  }

  /** Calls `visit` for each candidate object of the value; an object may come more than once. */
  probe(v: ObservableValue, visit: Visit): void {
    switch (v.kind) {
      case 'ipv4':
        this.probeV4(v.net, v.prefix, 'exact', visit);
        return;
      case 'ipv6':
        this.probeV6(v.net, v.prefix, 'exact', visit);
        return;
      case 'domain':
        this.probeDomain(v.text, 'exact', visit);
        return;
      case 'url':
        emit(this.urls.get(v.text), `u:${v.text}`, 'exact', visit);
        if (v.host) this.probeHost(v.host, 'url-host', visit);
        return;
      case 'email':
        emit(this.emails.get(v.text), `e:${v.text}`, 'exact', visit);
        if (v.domain) this.probeHost(v.domain, 'email-domain', visit);
        return;
      case 'hash':
        emit(this.hashes.get(v.text), `h:${v.text}`, 'exact', visit);
        return;
      case 'as':
        emit(this.asns.get(v.text), `a:${v.text}`, 'exact', visit);
        return;
    }
  }

  /**
   * Whether any object may speak of the value: the check a firewall or resolver makes for
   * every address it sees, answered without building a candidate list.
   */
  has(v: ObservableValue): boolean {
    switch (v.kind) {
      case 'ipv4':
        return this.hasV4(v.net, v.prefix);
      case 'domain':
        return this.hasDomain(v.text);
      case 'hash':
        return this.hashes.has(v.text);
      case 'url':
        return this.urls.has(v.text) || (v.host !== null && this.has(v.host));
      default: {
        let found = false;
        this.probe(v, () => {
          found = true;
        });
        return found;
      }
    }
  }

  private hasV4(net: number, prefix: number): boolean {
    const prefixes = this.v4Prefixes;
    for (let i = 0; i < prefixes.length; i++) {
      const p = prefixes[i]!;
      if (p <= prefix && this.v4[p]!.get(maskIpv4(net, p)) >= 0) return true;
    }
    return false;
  }

  private hasDomain(domain: string): boolean {
    if (this.domains.has(domain)) return true;
    for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
      if (domain.indexOf('.', dot + 1) < 0) break;
      if (this.domains.has(domain.slice(dot + 1))) return true;
    }
    return false;
  }

  private probeHost(v: ObservableValue, how: MatchHow, visit: Visit): void {
    if (v.kind === 'ipv4') this.probeV4(v.net, v.prefix, how, visit);
    else if (v.kind === 'ipv6') this.probeV6(v.net, v.prefix, how, visit);
    else if (v.kind === 'domain') this.probeDomain(v.text, how, visit);
  }

  private probeDomain(domain: string, how: MatchHow, visit: Visit): void {
    const own = this.domains.get(domain);
    if (own !== undefined) emit(own, `d:${domain}`, how, visit);
    // An indicator on a domain also speaks of every name under it.
    const parentHow = how === 'exact' ? 'parent-domain' : how;
    for (let dot = domain.indexOf('.'); dot >= 0; dot = domain.indexOf('.', dot + 1)) {
      if (domain.indexOf('.', dot + 1) < 0) break;
      const parent = domain.slice(dot + 1);
      const p = this.domains.get(parent);
      if (p !== undefined) emit(p, `d:${parent}`, parentHow, visit);
    }
  }

  private probeV4(net: number, prefix: number, how: MatchHow, visit: Visit): void {
    // A range matches the networks inside it too; only ranges at least as wide can hold it.
    const prefixes = this.v4Prefixes;
    for (let i = 0; i < prefixes.length; i++) {
      const p = prefixes[i]!;
      if (p > prefix) continue;
      const m = maskIpv4(net, p);
      const at = this.v4[p]!.get(m);
      if (at >= 0) emit(this.v4Postings[at], `4:${m}/${p}`, p === prefix ? how : rangeHow(how), visit);
    }
  }

  private probeV6(net: bigint, prefix: number, how: MatchHow, visit: Visit): void {
    for (const p of this.v6Prefixes) {
      if (p > prefix) continue;
      const m = maskIpv6(net, p).toString(16);
      emit(this.v6.get(p)!.get(m), `6:${m}/${p}`, p === prefix ? how : rangeHow(how), visit);
    }
  }
}

function rangeHow(how: MatchHow): MatchHow {
  return how === 'exact' ? 'range' : how;
}
