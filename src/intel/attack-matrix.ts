// The ATT&CK matrix as a reader's Party sees it: MITRE's matrices, tactics and techniques as
// imported, each technique counted by the objects reported to this node that point at it.
// Pure: it is given only objects the disclosure gate has already let through.

type Obj = { type: string; id: string; [property: string]: unknown };

/** MITRE's identity in every ATT&CK bundle: its own relationships are the knowledge base, not reports. */
export const MITRE_IDENTITY = 'identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5';

/**
 * Whether an object is part of ATT&CK itself. A few of MITRE's own relationships in the
 * Enterprise bundle carry no created_by_ref, only x_mitre_modified_by_ref.
 */
export function fromMitre(o: Obj): boolean {
  return o.created_by_ref === MITRE_IDENTITY || o.x_mitre_modified_by_ref === MITRE_IDENTITY;
}

/** How many referring objects a cell lists for its click-through. */
export const CELL_REFS = 20;

export interface ReferringObject {
  id: string;
  type: string;
  name: string | null;
}

export interface TechniqueCell {
  id: string;
  attack_id: string | null;
  name: string;
  /** Objects referring to this technique or one of its sub-techniques. */
  count: number;
  reported_by: ReferringObject[];
}

export interface TacticColumn {
  id: string;
  attack_id: string | null;
  name: string;
  shortname: string;
  /** Objects whose kill_chain_phases name this tactic (indicators, malware…). */
  count: number;
  techniques: TechniqueCell[];
}

export interface MatrixView {
  id: string;
  name: string;
  tactics: TacticColumn[];
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export function attackIdOf(o: Obj): string | null {
  const refs = o.external_references;
  if (!Array.isArray(refs)) return null;
  for (const r of refs as { source_name?: unknown; external_id?: unknown }[])
    if (r?.source_name === 'mitre-attack' && typeof r.external_id === 'string') return r.external_id;
  return null;
}

const live = (o: Obj) => o.revoked !== true && o.x_mitre_deprecated !== true;

function phasesOf(o: Obj): { kill_chain_name: string; phase_name: string }[] {
  const k = o.kill_chain_phases;
  if (!Array.isArray(k)) return [];
  return k.filter(
    (p): p is { kill_chain_name: string; phase_name: string } =>
      typeof p?.kill_chain_name === 'string' && typeof p?.phase_name === 'string',
  );
}

/** Technique ids an object refers to as a report of use: `uses`/`indicates` edges and containers. */
function referredIds(o: Obj): string[] {
  if (o.type === 'relationship') {
    const kind = o.relationship_type;
    const target = str(o.target_ref);
    return (kind === 'uses' || kind === 'indicates') && target ? [target] : [];
  }
  const refs = o.object_refs;
  return Array.isArray(refs) ? refs.filter((r): r is string => typeof r === 'string') : [];
}

/**
 * Builds each matrix from `knowledge` (matrices, tactics, techniques) and counts `reports`
 * (objects that may refer to techniques or name tactics) against it. MITRE's own objects are
 * not counted: they are the framework, not something a Party reported.
 */
export function buildMatrices(given: readonly Obj[], reports: readonly Obj[]): MatrixView[] {
  // Each Party that loaded ATT&CK holds its own copy of the same ids: one cell per id, drawn
  // from the newest copy.
  const byId = new Map<string, Obj>();
  for (const o of given) {
    const held = byId.get(o.id);
    if (!held || String(o.modified ?? '') > String(held.modified ?? '')) byId.set(o.id, o);
  }
  const knowledge = [...byId.values()];
  const techniques = knowledge.filter((o) => o.type === 'attack-pattern' && live(o));
  // A sub-technique (T0000.001) is counted under its parent, which is what the matrix shows.
  const parentOf = new Map<string, string>();
  const byAttackId = new Map<string, string>();
  for (const t of techniques) {
    const aid = attackIdOf(t);
    if (aid && !aid.includes('.')) byAttackId.set(aid, t.id);
  }
  for (const t of techniques) {
    const aid = attackIdOf(t);
    const parent = aid?.includes('.') ? byAttackId.get(aid.split('.')[0]!) : undefined;
    parentOf.set(t.id, parent ?? t.id);
  }

  const cellRefs = new Map<string, Map<string, ReferringObject>>();
  const phaseCount = new Map<string, number>();
  const counted = new Set<string>();
  for (const o of reports) {
    if (fromMitre(o) || counted.has(o.id)) continue;
    counted.add(o.id);
    const name = str(o.name);
    for (const ref of referredIds(o)) {
      const cell = parentOf.get(ref);
      if (!cell) continue;
      const m = cellRefs.get(cell) ?? new Map<string, ReferringObject>();
      m.set(o.id, { id: o.id, type: o.type, name });
      cellRefs.set(cell, m);
    }
    if (o.type !== 'attack-pattern') {
      for (const p of phasesOf(o)) {
        const key = `${p.kill_chain_name}\u0000${p.phase_name}`;
        phaseCount.set(key, (phaseCount.get(key) ?? 0) + 1);
      }
    }
  }

  const matrices = knowledge.filter((o) => o.type === 'x-mitre-matrix' && live(o));
  return matrices
    .map((m) => {
      const tacticRefs = Array.isArray(m.tactic_refs) ? (m.tactic_refs as unknown[]) : [];
      const chain = killChainOf(m);
      const tactics: TacticColumn[] = [];
      for (const ref of tacticRefs) {
        const t = typeof ref === 'string' ? byId.get(ref) : undefined;
        if (!t || !live(t)) continue;
        const shortname = str(t.x_mitre_shortname) ?? '';
        const cells = techniques
          .filter((x) => parentOf.get(x.id) === x.id)
          .filter((x) => phasesOf(x).some((p) => p.phase_name === shortname && p.kill_chain_name === chain))
          .map((x): TechniqueCell => {
            const refs = [...(cellRefs.get(x.id)?.values() ?? [])];
            return {
              id: x.id,
              attack_id: attackIdOf(x),
              name: str(x.name) ?? x.id,
              count: refs.length,
              reported_by: refs.slice(0, CELL_REFS),
            };
          })
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
        tactics.push({
          id: t.id,
          attack_id: attackIdOf(t),
          name: str(t.name) ?? t.id,
          shortname,
          count: phaseCount.get(`${chain}\u0000${shortname}`) ?? 0,
          techniques: cells,
        });
      }
      return { id: m.id, name: str(m.name) ?? m.id, tactics };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The kill chain a matrix's techniques are filed under: `mitre-attack` for Enterprise,
 * `mitre-mobile-attack`, `mitre-ics-attack` — read from the matrix's own external id.
 */
function killChainOf(m: Obj): string {
  const domain = attackIdOf(m);
  if (domain === 'mobile-attack') return 'mitre-mobile-attack';
  if (domain === 'ics-attack') return 'mitre-ics-attack';
  return 'mitre-attack';
}
