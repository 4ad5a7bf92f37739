// Counting the newest versions of some types without holding the event loop: better-sqlite3
// answers synchronously, and one COUNT over a million rows held a starting node's /healthz for
// 200 ms. The count walks each type's entries of the objects_latest_type index
// (latest, type, date_added) a step of rows at a time: date_added is unique, so "the step-th
// stamp after the last one" bounds exactly `step` rows, however the stamps are spread.
// `between` gives the loop back after each step; the step grows or shrinks to take about `stepMs`.

import type { Db } from './database.js';

export async function countLatestOfTypesInSteps(
  db: Db,
  types: readonly string[],
  between: () => Promise<void>,
  { stepMs = 4, firstStep = 5_000 }: { stepMs?: number; firstStep?: number } = {},
): Promise<number> {
  let total = 0;
  for (const type of types) {
    let after = Number.NEGATIVE_INFINITY;
    let step = firstStep;
    for (;;) {
      const started = performance.now();
      const bound = await db.kysely
        .selectFrom('objects')
        .select('date_added')
        .where('latest', '=', 1)
        .where('type', '=', type)
        .$if(after > Number.NEGATIVE_INFINITY, (q) => q.where('date_added', '>', after))
        .orderBy('date_added')
        .limit(1)
        .offset(step - 1)
        .executeTakeFirst();
      if (!bound) {
        // Fewer than `step` rows are left: count them.
        const r = await db.kysely
          .selectFrom('objects')
          .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
          .where('latest', '=', 1)
          .where('type', '=', type)
          .$if(after > Number.NEGATIVE_INFINITY, (q) => q.where('date_added', '>', after))
          .executeTakeFirst();
        total += Number(r?.n ?? 0);
        break;
      }
      total += step;
      after = Number(bound.date_added);
      const took = performance.now() - started;
      if (took > stepMs * 2) step = Math.max(Math.min(100, firstStep), Math.floor(step / 2));
      else if (took < stepMs / 2) step = Math.min(1_000_000, step * 2);
      await between();
    }
  }
  return total;
}
