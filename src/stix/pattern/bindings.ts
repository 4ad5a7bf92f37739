// The observation-level algebra. A binding is the multiset of observations that together
// satisfy part of a pattern, kept as a sorted list of observation indexes; an observed-data
// with number_observed n may appear up to n times, which is how REPEATS counts it. Each
// operator follows the OASIS matcher: AND and FOLLOWEDBY join disjoint bindings, FOLLOWEDBY
// also needs a choice of times where the left side comes first; WITHIN needs a window of
// the given length touching every observation's [first_observed, last_observed]; START/STOP
// needs each observation to overlap [START, STOP).

export type Binding = readonly number[];

export interface Timeline {
  first: readonly number[];
  last: readonly number[];
  count: readonly number[];
}

/** Beyond this many bindings at one node the rest are dropped (and reported). */
export const MAX_BINDINGS = 10_000;

export class BindingSet {
  readonly list: Binding[] = [];
  private readonly keys = new Set<string>();
  truncated = false;

  add(b: Binding): void {
    const k = b.join(',');
    if (this.keys.has(k)) return;
    if (this.list.length >= MAX_BINDINGS) {
      this.truncated = true;
      return;
    }
    this.keys.add(k);
    this.list.push(b);
  }
}

/** Merges two bindings, or undefined when an observation would be used more often than it was seen. */
function merge(a: Binding, b: Binding, t: Timeline): Binding | undefined {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (out.length > 0 && out[out.length - 1] === x) {
      let run = 1;
      for (let k = out.length - 1; k >= 0 && out[k] === x; k--) run++;
      if (run > t.count[x]!) return undefined;
    }
    out.push(x);
  }
  return out;
}

function from(sets: BindingSet[]): boolean {
  return sets.some((s) => s.truncated);
}

/** Called in every inner loop, so that the matcher's time budget can stop a large join. */
export type Tick = () => void;

export function joinAnd(a: BindingSet, b: BindingSet, t: Timeline, tick: Tick, ordered = false): BindingSet {
  const out = new BindingSet();
  out.truncated = from([a, b]);
  for (const x of a.list) {
    const latestFirst = ordered ? Math.max(...x.map((i) => t.first[i]!)) : 0;
    for (const y of b.list) {
      tick();
      if (ordered && latestFirst > Math.min(...y.map((i) => t.last[i]!))) continue;
      const m = merge(x, y, t);
      if (m) out.add(m);
    }
  }
  return out;
}

export function union(sets: BindingSet[]): BindingSet {
  const out = new BindingSet();
  out.truncated = from(sets);
  for (const s of sets) for (const b of s.list) out.add(b);
  return out;
}

export function repeats(a: BindingSet, n: number, t: Timeline, tick: Tick): BindingSet {
  // Combinations with repetition of the operand's bindings, each remembered with the index of
  // the last binding used so that no combination is built twice in another order.
  let level = new Map<string, { b: Binding; last: number }>();
  a.list.forEach((b, i) => {
    level.set(b.join(','), { b, last: i });
  });
  let truncated = a.truncated;
  for (let k = 1; k < n; k++) {
    const next = new Map<string, { b: Binding; last: number }>();
    for (const { b, last } of level.values()) {
      for (let j = last; j < a.list.length; j++) {
        tick();
        const m = merge(b, a.list[j]!, t);
        if (!m) continue;
        const key = m.join(',');
        const seen = next.get(key);
        if (seen) seen.last = Math.min(seen.last, j);
        else if (next.size < MAX_BINDINGS) next.set(key, { b: m, last: j });
        else truncated = true;
      }
    }
    level = next;
  }
  const out = new BindingSet();
  out.truncated = truncated;
  for (const { b } of level.values()) out.add(b);
  return out;
}

export function within(a: BindingSet, seconds: number, t: Timeline): BindingSet {
  const out = new BindingSet();
  out.truncated = a.truncated;
  const ms = seconds * 1000;
  for (const b of a.list) {
    const latestFirst = Math.max(...b.map((i) => t.first[i]!));
    const earliestLast = Math.min(...b.map((i) => t.last[i]!));
    if (latestFirst - earliestLast <= ms) out.add(b);
  }
  return out;
}

export function startStop(a: BindingSet, start: number, stop: number, t: Timeline): BindingSet {
  const out = new BindingSet();
  out.truncated = a.truncated;
  if (!(start < stop)) return out;
  for (const b of a.list) {
    if (b.every((i) => t.first[i]! < stop && t.last[i]! >= start)) out.add(b);
  }
  return out;
}
