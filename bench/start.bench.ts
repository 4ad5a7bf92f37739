// `accord --help` against a bare `node -e 0`, both started the same number of times in this
// run (DESIGN.md: within 8x). The compiled entry point is measured, as users run it; the
// TypeScript-through-tsx start is printed beside it for comparison.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchResult } from './types.js';

const BIN = fileURLToPath(new URL('../bin/accord.js', import.meta.url));
const ROUNDS = 15;

function medianMs(args: string[], env: NodeJS.ProcessEnv = {}): number {
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { env: { ...process.env, ...env }, stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(fileURLToPath(new URL('../dist/cli/main.js', import.meta.url)))) {
    throw new Error('dist/ is not built: run `npm run build` first');
  }
  const bare = medianMs(['-e', '0']);
  const compiled = medianMs([BIN, '--help']);
  const fromSource = medianMs([
    '--import',
    'tsx',
    fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)),
  ]);
  return [
    {
      name: '`accord --help`, compiled (median of 15 starts)',
      value: compiled,
      unit: 'ms',
      baseline: { name: 'node -e 0', value: bare },
      ratio: compiled / bare,
      target: '<= 8x node -e 0',
    },
    {
      name: 'for comparison: the CLI module through tsx',
      value: fromSource,
      unit: 'ms',
      baseline: { name: 'compiled', value: compiled },
      ratio: fromSource / compiled,
    },
  ];
}
