// Pieces every record view shares. The console imports the Static types of these schemas,
// so a field renamed or dropped here fails `tsc -p web` as well as the route tests.

import { type Static, type TLiteral, type TSchema, type TUnion, Type } from '@sinclair/typebox';

export const Tlp = Type.Union(
  (['clear', 'green', 'amber', 'amber+strict', 'red'] as const).map((l) => Type.Literal(l)),
  { description: 'TLP 2.0 level' },
);

export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const Opt = Type.Optional;

/** A literal union from a constant tuple, keeping its members in the Static type. */
export function oneOf<const T extends readonly string[]>(xs: T): TUnion<TLiteral<T[number]>[]> {
  return Type.Union(xs.map((x) => Type.Literal(x)));
}

/** Free-form details of an event: what was done differs by action, and is shown as given. */
export const Details = Type.Record(Type.String(), Type.Unknown());

/** One event in a record's history, as the store keeps it. */
export const HistoryEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actor: Type.Object({ party: Type.String(), user: Opt(Type.String()) }),
  action: Type.String(),
  details: Opt(Details),
});

/** A whole list, in one answer. */
export const ListOf = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });

/** A keyset page: the records and the cursor of the next page (null: the last). */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), next: Nullable(Type.String()) });
export type HistoryEntry = Static<typeof HistoryEntry>;
