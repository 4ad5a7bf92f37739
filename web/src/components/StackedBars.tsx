import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

// Distinct on black and for the common colour-vision deficiencies (Okabe–Ito palette).
export const COLOURS = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#FFFFFF',
];

export interface Series {
  key: string;
  label: ReactNode;
  /** The series' name as plain text, for tooltips. */
  text: string;
}

/**
 * Stacked bars, one per category, with a legend and the same numbers as a table for screen
 * readers (the drawing is hidden from them). Pure SVG: no chart library.
 */
export function StackedBars({
  title,
  categories,
  series,
  value,
  categoryLabel,
  tickLabel,
  headLabel,
  horizontal = false,
}: {
  title: string;
  categories: { key: string; text: string }[];
  series: Series[];
  value: (category: string, series: string) => number;
  /** The header of the category column in the table. */
  categoryLabel: string;
  /** A short label under a bar; every other one is drawn when there are many. */
  tickLabel?: (category: string) => string;
  headLabel?: (s: Series) => ReactNode;
  horizontal?: boolean;
}) {
  const { num } = useI18n();
  const total = (c: string) => series.reduce((a, s) => a + value(c, s.key), 0);
  const max = Math.max(1, ...categories.map((c) => total(c.key)));
  const colour = (i: number) => COLOURS[i % COLOURS.length]!;
  // A narrower drawing for the side-by-side bars, so that its text is not shrunk to nothing.
  const W = horizontal ? 440 : 700;
  const n = Math.max(1, categories.length);
  const L = 130;
  const H = horizontal ? Math.max(60, n * 26 + 10) : 180;
  const label = (c: { key: string; text: string }) => tickLabel?.(c.key) ?? c.text;
  // Every `step`-th bar is labelled, so that labels of about 6 units a letter never touch.
  const longest = Math.max(1, ...categories.map((c) => label(c).length));
  const step = Math.max(1, Math.ceil(n / 16), Math.ceil((longest * 6.5 + 8) / (W / n)));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${horizontal ? H : H + 24}`} aria-hidden="true">
        {horizontal ? (
          categories.map((c, i) => {
            let x = L;
            return (
              <g key={c.key}>
                <text x={L - 8} y={i * 26 + 22} textAnchor="end" fontSize="12" fill="#ccc">
                  {label(c)}
                </text>
                {series.map((s, si) => {
                  const v = value(c.key, s.key);
                  if (v === 0) return null;
                  const w = (v / max) * (W - L - 50);
                  x += w;
                  return (
                    <rect key={s.key} x={x - w} y={i * 26 + 8} width={w} height={18} fill={colour(si)}>
                      <title>{`${c.text} · ${s.text} · ${num(v)}`}</title>
                    </rect>
                  );
                })}
                <text x={x + 6} y={i * 26 + 22} fontSize="12" fill="#ccc">
                  {num(total(c.key))}
                </text>
              </g>
            );
          })
        ) : (
          <>
            <line x1="0" y1={H} x2={W} y2={H} stroke="#888" />
            {categories.map((c, i) => {
              const bw = W / n;
              let y = H;
              return (
                <g key={c.key}>
                  {series.map((s, si) => {
                    const v = value(c.key, s.key);
                    if (v === 0) return null;
                    const h = (v / max) * (H - 10);
                    y -= h;
                    return (
                      <rect
                        key={s.key}
                        x={i * bw + Math.min(4, bw / 6)}
                        y={y}
                        width={Math.max(1, bw - Math.min(8, bw / 3))}
                        height={h}
                        fill={colour(si)}
                      >
                        <title>{`${c.text} · ${s.text} · ${num(v)}`}</title>
                      </rect>
                    );
                  })}
                  {i % step === 0 && (
                    <text x={i * bw + bw / 2} y={H + 16} textAnchor="middle" fontSize="11" fill="#ccc">
                      {label(c)}
                    </text>
                  )}
                </g>
              );
            })}
          </>
        )}
      </svg>
      <figcaption>
        <ul className="legend">
          {series.map((s, i) => (
            <li key={s.key}>
              <span className="swatch" style={{ background: colour(i) }} aria-hidden="true" />
              {s.label}
            </li>
          ))}
        </ul>
      </figcaption>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{categoryLabel}</th>
            {series.map((s) => (
              <th key={s.key} scope="col">
                {headLabel ? headLabel(s) : s.text}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {categories.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.text}</th>
              {series.map((s) => (
                <td key={s.key}>{num(value(c.key, s.key))}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
