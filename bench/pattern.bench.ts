// Patterns parsed per second on typical indicator patterns, against JSON.parse of documents
// of the same sizes in the same run (absolute speeds drift between machines; the ratio less).

import { checkPattern, matchPattern, parsePattern } from '../src/stix/pattern/index.js';
import type { BenchResult } from './types.js';

function hex(seed: number, len: number): string {
  let s = '';
  let x = seed * 2654435761;
  while (s.length < len) {
    x = (x * 1103515245 + 12345) >>> 0;
    s += x.toString(16).padStart(8, '0');
  }
  return s.slice(0, len);
}

/** The shapes that make up most real indicator feeds. */
export function typicalPatterns(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const a = `${(i * 7) % 223}.${(i * 13) % 256}.${(i * 17) % 256}.${i % 256}`;
    switch (i % 10) {
      case 0:
      case 1:
        out.push(`[ipv4-addr:value = '${a}']`);
        break;
      case 2:
        out.push(`[domain-name:value = 'host${i}.example${i % 97}.com']`);
        break;
      case 3:
        out.push(`[url:value = 'http://bad${i}.example.net/path/${hex(i, 8)}/index.php?id=${i}']`);
        break;
      case 4:
        out.push(`[file:hashes.'SHA-256' = '${hex(i, 64)}']`);
        break;
      case 5:
        out.push(`[file:hashes.MD5 = '${hex(i, 32)}' OR file:hashes.'SHA-1' = '${hex(i + 1, 40)}']`);
        break;
      case 6:
        out.push(`[ipv4-addr:value ISSUBSET '${a.replace(/\.\d+$/, '.0')}/24']`);
        break;
      case 7:
        out.push(
          `[network-traffic:dst_ref.value = '${a}' AND network-traffic:dst_port = ${1024 + (i % 5000)}]`,
        );
        break;
      case 8:
        out.push(
          `[email-message:from_ref.value = 'x${i}@example.org' AND email-message:subject LIKE '%invoice%']`,
        );
        break;
      default:
        out.push(
          `([file:name = 'dropper${i}.exe'] FOLLOWEDBY [domain-name:value = 'c2-${i}.example.com']) WITHIN 600 SECONDS`,
        );
    }
  }
  return out;
}

/**
 * Items per second of `fn` over the inputs: the best of several short rounds after a warm-up,
 * since a shared machine's load only ever makes a round slower.
 */
function rate<T>(inputs: T[], fn: (x: T) => unknown, ms = 1500): number {
  let sink = 0;
  const warm = performance.now();
  while (performance.now() - warm < ms / 3) for (const x of inputs) if (fn(x)) sink++;
  let best = 0;
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const start = performance.now();
    for (const x of inputs) if (fn(x)) sink++;
    best = Math.max(best, inputs.length / (performance.now() - start));
  }
  if (sink < 0) console.log(sink);
  return Math.round(best * 1000);
}

export async function run(): Promise<BenchResult[]> {
  // More distinct patterns than the parser's memo of recent ones holds (8,192), so that every
  // parse is a real one: the same 2,000 over and over measured the memo, not the parser.
  const patterns = typicalPatterns(24_576);
  // The baseline reads a JSON document as long as each pattern: a string value padded to size.
  const docs = patterns.map((p) => JSON.stringify({ pattern: 'x'.repeat(Math.max(0, p.length - 14)) }));
  const json = rate(docs, (d) => JSON.parse(d));
  const parsed = rate(patterns, (p) => parsePattern(p).ok);
  const checked = rate(patterns, (p) => checkPattern(p).length === 0);
  const results: BenchResult[] = [
    {
      name: 'pattern parse (typical indicators)',
      value: parsed,
      unit: 'patterns/s',
      baseline: { name: 'JSON.parse of same-sized documents', value: json },
      ratio: parsed / json,
      target: '>= 100000 patterns/s on one core',
    },
    {
      name: 'pattern check (parse + semantic checks)',
      value: checked,
      unit: 'patterns/s',
      baseline: { name: 'JSON.parse of same-sized documents', value: json },
      ratio: checked / json,
    },
  ];

  const observed = patterns.slice(0, 200).flatMap((_, i) => [
    {
      type: 'observed-data',
      id: `observed-data--${i}`,
      first_observed: '2024-01-01T00:00:00Z',
      last_observed: '2024-01-01T00:00:00Z',
      number_observed: 1,
      object_refs: [`ipv4-addr--${i}`],
    },
    { type: 'ipv4-addr', id: `ipv4-addr--${i}`, value: `10.0.${i % 256}.${i % 7}` },
  ]);
  const asts = patterns.slice(0, 200).map((p) => {
    const r = parsePattern(p);
    if (!r.ok) throw new Error(r.error.message);
    return r.ast;
  });
  const matched = rate(asts, (ast) => matchPattern(ast, observed).matched, 500);
  results.push({ name: 'pattern match against 200 observed-data', value: matched, unit: 'patterns/s' });
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    const base = r.baseline
      ? `  (baseline ${r.baseline.name}: ${r.baseline.value.toLocaleString('en')}, ratio ${r.ratio?.toFixed(2)})`
      : '';
    console.log(
      `${r.name}: ${r.value.toLocaleString('en')} ${r.unit}${base}${r.target ? `  target ${r.target}` : ''}`,
    );
  }
}
