// Source offsets of tree nodes, kept beside the tree so that the tree itself stays
// position-free (a printed and re-parsed pattern yields an identical tree).

export type PositionTable = WeakMap<object, number>;

export function newPositionTable(): PositionTable {
  return new WeakMap();
}
