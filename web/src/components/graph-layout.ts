// Radial layout without a physics engine: the first ring goes all round the object; the
// neighbours of an expanded node fan out away from the centre, so rings do not overlap much.

export interface GraphNode {
  id: string;
  type: string;
  label: string;
  /** The node's TLP, shown on the picture. */
  tlp?: string | undefined;
  x: number;
  y: number;
  expanded: boolean;
}

export interface GraphEdge {
  from: string;
  to: string;
  label: string;
}

export const RING = 150;

/** Positions for `count` new neighbours of `around`, which sits at `angle` from the centre. */
export function placeAround(
  around: { x: number; y: number },
  count: number,
  isCentre: boolean,
): { x: number; y: number }[] {
  if (count === 0) return [];
  if (isCentre) {
    const r = RING + Math.max(0, count - 8) * 8;
    return Array.from({ length: count }, (_, i) => {
      const a = (2 * Math.PI * i) / count - Math.PI / 2;
      return { x: around.x + r * Math.cos(a), y: around.y + r * Math.sin(a) };
    });
  }
  const out = Math.atan2(around.y, around.x);
  const spread = Math.min(Math.PI * 0.9, 0.45 * count);
  const r = RING * 0.85;
  return Array.from({ length: count }, (_, i) => {
    const a = count === 1 ? out : out - spread / 2 + (spread * i) / (count - 1);
    return { x: around.x + r * Math.cos(a), y: around.y + r * Math.sin(a) };
  });
}

/** The ids an object points at, with the property that names the link. */
export function outgoing(object: Record<string, unknown>): { id: string; label: string }[] {
  const out: { id: string; label: string }[] = [];
  for (const [k, v] of Object.entries(object)) {
    if (k === 'object_marking_refs' || k === 'created_by_ref') continue;
    if (k.endsWith('_ref') && typeof v === 'string') out.push({ id: v, label: k.replace(/_ref$/, '') });
    if (k.endsWith('_refs') && Array.isArray(v))
      for (const x of v) if (typeof x === 'string') out.push({ id: x, label: k.replace(/_refs$/, '') });
  }
  return out;
}
