// Marks an import's report with the warninglist hits of each object. A value on a list is
// still stored (a Party's report is its own), but whoever imported it is told at once.
// Reading the values (observedValues) needs only the objects, so a large import does it on
// the thread that parses them; matching them needs the node's lists (flagValues).

import type { ImportReportEntry } from '../../node/ingest.js';
import { observablesOf } from '../object-observables.js';
import { displayValue, type ObservableValue } from '../observable-keys.js';
import type { WarninglistMatcher } from './matcher.js';

/** The observable values of each item, in order; none for an item that is not an object. */
export function observedValues(objects: readonly unknown[]): ObservableValue[][] {
  return objects.map((object) =>
    typeof object !== 'object' || object === null || Array.isArray(object)
      ? []
      : observablesOf(object as Record<string, unknown>).map((o) => o.value),
  );
}

/** Sets `warninglist` on each entry whose object (values[entry.index - base]) holds a listed value. */
export function flagValues(
  lists: WarninglistMatcher,
  values: readonly (readonly ObservableValue[])[],
  report: readonly ImportReportEntry[],
  base = 0,
): void {
  for (const entry of report) {
    const held = values[entry.index - base];
    if (!held) continue;
    const hits: NonNullable<ImportReportEntry['warninglist']> = [];
    for (const v of held) {
      for (const h of lists.match(v)) hits.push({ ...h, value: displayValue(v) });
    }
    if (hits.length > 0) entry.warninglist = hits;
  }
}

/** Sets `warninglist` on each entry whose object (objects[entry.index - base]) holds a listed value. */
export function flagImport(
  lists: WarninglistMatcher,
  objects: readonly unknown[],
  report: readonly ImportReportEntry[],
  base = 0,
): void {
  flagValues(lists, observedValues(objects), report, base);
}
