// `npm run bench`: runs every bench/*.bench.ts (or those whose names contain an argument)
// and prints each measurement beside the baseline measured in the same run. Each file runs
// in a process of its own: a bench that leaves a million-entry index or a large heap behind
// would otherwise slow the next one's measurement (and its baseline less), skewing its ratio.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';

export function formatResult(r: BenchResult): string {
  const base = r.baseline
    ? `\n    baseline ${r.baseline.name}: ${Math.round(r.baseline.value).toLocaleString('en')} → ratio ${r.ratio?.toFixed(2)}`
    : '';
  const target = r.target ? `\n    target: ${r.target}` : '';
  return `  ${r.name}: ${Math.round(r.value).toLocaleString('en')} ${r.unit}${base}${target}`;
}

const ONLY = '--only';
const args = process.argv.slice(2);

if (args[0] === ONLY) {
  const file = args[1]!;
  console.log(file);
  const mod = (await import(`./${file}`)) as { run(): Promise<BenchResult[]> };
  for (const r of await mod.run()) console.log(formatResult(r));
} else {
  const files = readdirSync(new URL('.', import.meta.url))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => args.length === 0 || args.some((x) => f.includes(x)))
    .sort();
  let failed = 0;
  for (const file of files) {
    const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), ONLY, file], {
      stdio: 'inherit',
    });
    if (r.status !== 0) {
      failed++;
      console.error(`${file} failed (exit ${r.status ?? r.signal})`);
    }
  }
  process.exitCode = failed > 0 ? 1 : 0;
}
