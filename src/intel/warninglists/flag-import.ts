// Marks an import's report with the warninglist hits of each object. A value on a list is
// still stored (a Party's report is its own), but whoever imported it is told at once.

import type { ImportReportEntry } from '../../node/ingest.js';
import { observablesOf } from '../object-observables.js';
import { displayValue } from '../observable-keys.js';
import type { WarninglistMatcher } from './matcher.js';

/** Sets `warninglist` on each entry whose object (objects[entry.index - base]) holds a listed value. */
export function flagImport(
  lists: WarninglistMatcher,
  objects: readonly unknown[],
  report: readonly ImportReportEntry[],
  base = 0,
): void {
  for (const entry of report) {
    const object = objects[entry.index - base];
    if (typeof object !== 'object' || object === null || Array.isArray(object)) continue;
    const hits: NonNullable<ImportReportEntry['warninglist']> = [];
    for (const o of observablesOf(object as Record<string, unknown>)) {
      for (const h of lists.match(o.value)) hits.push({ ...h, value: displayValue(o.value) });
    }
    if (hits.length > 0) entry.warninglist = hits;
  }
}
