import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { api } from '../lib/api.js';
import { tlpOf } from '../lib/markings.js';
import { navigate } from '../lib/router.js';
import type { ObjectDetail, ObjectPage, StixObject } from '../lib/types.js';
import { useTypeName } from './ActivityStats.js';
import { ErrorBox } from './ErrorBox.js';
import { type GraphEdge, type GraphNode, outgoing, placeAround } from './graph-layout.js';
import { objectPath } from './Link.js';
import { labelOf } from './ObjectTable.js';

const TYPE_COLOUR: Record<string, string> = {
  indicator: '#56B4E9',
  malware: '#D55E00',
  'threat-actor': '#CC79A7',
  relationship: '#9E9E9E',
  sighting: '#F0E442',
  campaign: '#E69F00',
  'attack-pattern': '#009E73',
};

// Everything that points at an object — relationships, sightings, notifications, requests,
// cases — as the node answers /cited-by for it: each one passed the policy there.
async function citing(id: string, signal: AbortSignal): Promise<StixObject[]> {
  const r = await api<ObjectPage>(`/objects/${encodeURIComponent(id)}/cited-by?limit=200`, { signal });
  return r.items.map((i) => i.object);
}

function short(s: string): string {
  return s.length > 28 ? `${s.slice(0, 26)}…` : s;
}

/** The relationships of an object as an SVG graph: select a node to open it, expand it in place. */
export function Graph({ root }: { root: ObjectDetail }) {
  const { t } = useI18n();
  const typeName = useTypeName();
  const [nodes, setNodes] = useState<Map<string, GraphNode>>(new Map());
  const [edges, setEdges] = useState<GraphEdge[]>([]);
  const [selected, setSelected] = useState<string>(root.id);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const ctl = useRef(new AbortController());

  const neighbours = useCallback(async (detail: ObjectDetail) => {
    const visible = new Map((detail.references ?? []).map((r) => [r.object.id, r.object]));
    const out: { object: StixObject; edge: GraphEdge }[] = [];
    for (const ref of outgoing(detail.object)) {
      const o = visible.get(ref.id);
      if (o) out.push({ object: o, edge: { from: detail.id, to: o.id, label: ref.label } });
    }
    // A relationship is drawn as an edge between its two ends, labelled with its type;
    // the far end is read through the API, so an end one may not see is simply not drawn.
    const far: { id: string; edge: GraphEdge }[] = [];
    for (const rel of await citing(detail.id, ctl.current.signal)) {
      if (rel.id === detail.id) continue;
      const { source_ref: src, target_ref: dst } = rel as { source_ref?: string; target_ref?: string };
      if (rel.type === 'relationship' && (src === detail.id || dst === detail.id)) {
        const label = String(rel.relationship_type ?? 'related-to');
        const other = src === detail.id ? dst : src;
        if (other && other !== detail.id)
          far.push({
            id: other,
            edge:
              src === detail.id
                ? { from: detail.id, to: other, label }
                : { from: other, to: detail.id, label },
          });
      } else if (outgoing(rel).some((r) => r.id === detail.id)) {
        out.push({ object: rel, edge: { from: rel.id, to: detail.id, label: rel.type } });
      }
    }
    const ends = await Promise.all(
      far.map((f) =>
        api<ObjectDetail>(`/objects/${encodeURIComponent(f.id)}`, { signal: ctl.current.signal }).then(
          (d) => d.object,
          () => null,
        ),
      ),
    );
    far.forEach((f, i) => {
      const o = ends[i];
      if (o) out.push({ object: o, edge: f.edge });
    });
    return out;
  }, []);

  const expand = useCallback(
    async (id: string, detail?: ObjectDetail) => {
      setBusy(true);
      setError(undefined);
      try {
        const d =
          detail ??
          (await api<ObjectDetail>(`/objects/${encodeURIComponent(id)}?include=refs`, {
            signal: ctl.current.signal,
          }));
        const found = await neighbours(d);
        setNodes((prev) => {
          const next = new Map(prev);
          const centre = next.get(id) ?? {
            id,
            type: d.object.type,
            label: labelOf(d.object),
            tlp: tlpOf(d.object),
            x: 0,
            y: 0,
            expanded: false,
          };
          const fresh = found.filter((f) => !next.has(f.object.id));
          const spots = placeAround(centre, fresh.length, centre.x === 0 && centre.y === 0);
          for (const [i, f] of fresh.entries()) {
            next.set(f.object.id, {
              id: f.object.id,
              type: f.object.type,
              label: labelOf(f.object),
              tlp: tlpOf(f.object),
              ...spots[i]!,
              expanded: false,
            });
          }
          next.set(id, { ...centre, expanded: true });
          return next;
        });
        setEdges((prev) => {
          const key = (e: GraphEdge) => `${e.from}|${e.to}|${e.label}`;
          const have = new Set(prev.map(key));
          return [...prev, ...found.map((f) => f.edge).filter((e) => !have.has(key(e)))];
        });
      } catch (e) {
        if ((e as Error).name !== 'AbortError') setError(e);
      } finally {
        setBusy(false);
      }
    },
    [neighbours],
  );

  useEffect(() => {
    ctl.current = new AbortController();
    setNodes(new Map());
    setEdges([]);
    setSelected(root.id);
    void expand(root.id, root);
    return () => ctl.current.abort();
  }, [root, expand]);

  const list = [...nodes.values()];
  const xs = list.map((n) => n.x);
  const ys = list.map((n) => n.y);
  // At least a fixed extent around the centre, so a small graph is not blown up to fill the box.
  const pad = 110;
  const minX = Math.min(-400, Math.min(...xs) - pad);
  const maxX = Math.max(400, Math.max(...xs) + pad);
  const minY = Math.min(-190, Math.min(...ys) - pad / 2);
  const maxY = Math.max(190, Math.max(...ys) + pad / 2);
  const w = maxX - minX;
  const h = maxY - minY;
  const sel = nodes.get(selected);
  const onKey = (e: KeyboardEvent, n: GraphNode) => {
    if (e.key === 'Enter') navigate(objectPath(n.id));
    else if (e.key === 'e' || e.key === 'E' || e.key === ' ') {
      e.preventDefault();
      void expand(n.id);
    }
  };
  return (
    <section className="card" aria-labelledby="graph-title">
      <h2 id="graph-title">{t('object.graph')}</h2>
      <p className="muted small">{t('object.graphHint')}</p>
      {error !== undefined && <ErrorBox error={error} />}
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG drawing cannot be a <fieldset>. */}
      <svg
        className="graph"
        viewBox={`${minX} ${minY} ${w} ${h}`}
        role="group"
        aria-label={t('object.graph')}
        aria-busy={busy}
      >
        {edges.map((e) => {
          const a = nodes.get(e.from);
          const b = nodes.get(e.to);
          if (!a || !b) return null;
          return (
            <g key={`${e.from}|${e.to}|${e.label}`} className="edge">
              <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} />
              <text x={(a.x + b.x) / 2} y={(a.y + b.y) / 2 - 4} textAnchor="middle">
                {typeName(e.label)}
              </text>
            </g>
          );
        })}
        {list.map((n) => (
          // biome-ignore lint/a11y/useSemanticElements: an SVG node cannot be a <button>; it behaves as one.
          <g
            key={n.id}
            className={`node${n.id === selected ? ' selected' : ''}${n.id === root.id ? ' root' : ''}`}
            transform={`translate(${n.x} ${n.y})`}
            tabIndex={0}
            role="button"
            // The name starts with what is drawn (TLP tag, label), as a voice-control user reads it.
            aria-label={`${n.tlp ? `TLP:${n.tlp.toUpperCase()} ` : ''}${short(n.label)}, ${typeName(n.type)}`}
            data-id={n.id}
            onClick={() => setSelected(n.id)}
            onFocus={() => setSelected(n.id)}
            onDoubleClick={() => void expand(n.id)}
            onKeyDown={(e) => onKey(e, n)}
          >
            {/* The ring is the node's TLP, so what may travel where is visible on the picture. */}
            <circle
              r={n.id === root.id ? 16 : 11}
              fill={TYPE_COLOUR[n.type] ?? '#BBBBBB'}
              className={n.tlp ? `tlp-ring tlp-ring-${n.tlp.replace('+', '-')}` : 'tlp-ring'}
            />
            {n.tlp && (
              <text className="tlp-tag" y={n.id === root.id ? -22 : -16} textAnchor="middle">
                {/* The trailing space keeps the tag and the label apart in the node's text, as in its name. */}
                {`TLP:${n.tlp.toUpperCase()} `}
              </text>
            )}
            {!n.expanded && (
              <text className="plus" y="4" textAnchor="middle">
                +
              </text>
            )}
            <text y={n.id === root.id ? 32 : 26} textAnchor="middle">
              {short(n.label)}
            </text>
          </g>
        ))}
      </svg>
      {sel && (
        <div className="graph-selected" aria-live="polite">
          <span className="muted">{typeName(sel.type)}</span> <span>{sel.label}</span>{' '}
          {sel.tlp && <span className="muted small">{`TLP:${sel.tlp.toUpperCase()}`}</span>}{' '}
          {sel.id !== root.id && (
            <button type="button" onClick={() => navigate(objectPath(sel.id))}>
              {t('common.open')}
            </button>
          )}{' '}
          <button type="button" onClick={() => void expand(sel.id)} disabled={sel.expanded || busy}>
            {t('object.expand')}
          </button>
        </div>
      )}
    </section>
  );
}
