import type { CompiledQuery } from 'kysely';
import type { Db } from './database.js';

/**
 * A query whose text depends only on its shape, compiled once per store and run again with
 * new values. `build` compiles it with `parameters` (the values of this call, in the order
 * the text binds them); the first build is kept under `key` only if Kysely bound exactly
 * those values in that order, so a change in how it orders them costs speed, never a
 * wrong answer.
 */
export function compiledOnce<R>(
  db: Db,
  key: string,
  build: () => CompiledQuery<R>,
  parameters: readonly unknown[],
): CompiledQuery<R> {
  const kept = db.compiled.get(key) as CompiledQuery<R> | undefined;
  if (kept) return { ...kept, parameters };
  const made = build();
  const same =
    made.parameters.length === parameters.length && made.parameters.every((p, i) => p === parameters[i]);
  if (same) db.compiled.set(key, made);
  return made;
}
