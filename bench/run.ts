// `npm run bench`: runs every bench/*.bench.ts (or those whose names contain an argument)
// and prints each measurement beside the baseline measured in the same run.
import { readdirSync } from 'node:fs';
import type { BenchResult } from './types.js';

export function formatResult(r: BenchResult): string {
  const base = r.baseline
    ? `\n    baseline ${r.baseline.name}: ${Math.round(r.baseline.value).toLocaleString('en')} → ratio ${r.ratio?.toFixed(2)}`
    : '';
  const target = r.target ? `\n    target: ${r.target}` : '';
  return `  ${r.name}: ${Math.round(r.value).toLocaleString('en')} ${r.unit}${base}${target}`;
}

const filters = process.argv.slice(2);
const files = readdirSync(new URL('.', import.meta.url))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

for (const file of files) {
  console.log(`${file}`);
  const mod = (await import(`./${file}`)) as { run(): Promise<BenchResult[]> };
  for (const r of await mod.run()) console.log(formatResult(r));
}
