// Marks an import's report with the warninglist hits of each object. A value on a list is
// still stored (a Party's report is its own), but whoever imported it is told at once.
// Finding the hits (warninglistFlags) needs only the objects and the lists, so a large
// import does it on the thread that parses them; applyFlags marks the report.

import type { ImportReportEntry } from '../../node/ingest.js';
import { type KnownPatterns, observablesOf } from '../object-observables.js';
import { displayValue } from '../observable-keys.js';
import type { WarninglistMatcher } from './matcher.js';

type Hits = NonNullable<ImportReportEntry['warninglist']>;

/** The objects holding a value on a list, by position in `objects`; most imports have few. */
export type WarninglistFlags = { at: number; hits: Hits }[];

export function warninglistFlags(
  lists: WarninglistMatcher,
  objects: readonly unknown[],
  known?: KnownPatterns,
): WarninglistFlags {
  const out: WarninglistFlags = [];
  objects.forEach((object, at) => {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) return;
    const hits: Hits = [];
    for (const o of observablesOf(object as Record<string, unknown>, known)) {
      for (const h of lists.match(o.value)) hits.push({ ...h, value: displayValue(o.value) });
    }
    if (hits.length > 0) out.push({ at, hits });
  });
  return out;
}

/** Sets `warninglist` on each entry whose object (at entry.index - base) was flagged. */
export function applyFlags(report: readonly ImportReportEntry[], flags: WarninglistFlags, base = 0): void {
  if (flags.length === 0) return;
  const byAt = new Map(flags.map((f) => [f.at, f.hits]));
  for (const entry of report) {
    const hits = byAt.get(entry.index - base);
    if (hits) entry.warninglist = hits;
  }
}

/** Sets `warninglist` on each entry whose object (objects[entry.index - base]) holds a listed value. */
export function flagImport(
  lists: WarninglistMatcher,
  objects: readonly unknown[],
  report: readonly ImportReportEntry[],
  base = 0,
): void {
  applyFlags(report, warninglistFlags(lists, objects), base);
}
