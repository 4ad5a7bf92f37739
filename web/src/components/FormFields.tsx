import '../forms.css';
import type { TlpLevel } from '../lib/exchange-types.js';

// Small pieces the console's forms share.

export const TLP_LEVELS: readonly TlpLevel[] = ['clear', 'green', 'amber', 'amber+strict', 'red'];

/** A TLP level picker; the `label` element is the caller's, pointing at `id`. */
export function TlpSelect({
  id,
  value,
  onChange,
}: {
  id: string;
  value: TlpLevel;
  onChange(l: TlpLevel): void;
}) {
  return (
    <select id={id} value={value} onChange={(e) => onChange(e.target.value as TlpLevel)}>
      {TLP_LEVELS.map((l) => (
        <option key={l} value={l}>
          {`TLP:${l.toUpperCase()}`}
        </option>
      ))}
    </select>
  );
}

/** The non-empty lines (or comma-separated items) of a text box. */
export function lines(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A `datetime-local` value (the user's own zone) as an ISO instant; empty stays absent. */
export function instant(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A size in bytes, as people read it. */
export function bytes(n: number, num: (n: number) => string): string {
  if (n < 1024) return `${num(n)} B`;
  if (n < 1024 * 1024) return `${num(Math.round(n / 102.4) / 10)} KiB`;
  return `${num(Math.round(n / 104_857.6) / 10)} MiB`;
}
