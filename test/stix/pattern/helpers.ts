import assert from 'node:assert/strict';
import { matchPattern, type Pattern, parsePattern } from '../../../src/stix/pattern/index.js';

export function parse(text: string): Pattern {
  const r = parsePattern(text);
  if (!r.ok) assert.fail(`${text}: ${r.error.message}`);
  return r.ast;
}

let seq = 0;

/** An observed-data with its SCOs; `at` is first_observed, `span` seconds until last_observed. */
export function observed(
  scos: Record<string, unknown>[],
  opts: { at?: string; span?: number; count?: number; id?: string } = {},
): object[] {
  const first = opts.at ?? '2024-01-01T00:00:00Z';
  const last = new Date(Date.parse(first) + (opts.span ?? 0) * 1000).toISOString();
  const n = ++seq;
  const withIds = scos.map((s, i) => ({ id: s.id ?? `${s.type}--${n}-${i}`, ...s }));
  return [
    {
      type: 'observed-data',
      id: opts.id ?? `observed-data--${n}`,
      first_observed: first,
      last_observed: last,
      number_observed: opts.count ?? 1,
      object_refs: withIds.map((s) => s.id),
    },
    ...withIds,
  ];
}

export function matches(pattern: string, ...objects: object[][]): boolean {
  return matchPattern(parse(pattern), objects.flat()).matched;
}

export function matchedIds(pattern: string, ...objects: object[][]): string[] {
  return matchPattern(parse(pattern), objects.flat()).observedDataIds;
}
