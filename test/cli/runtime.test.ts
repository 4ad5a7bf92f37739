import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ACCORD_BIN } from '../helpers/cli.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

test('the accord command runs the compiled code in dist/, not TypeScript through tsx', () => {
  assert.ok(existsSync(root('dist/cli/main.js')), 'dist/ is built (npm ci runs `prepare`, npm test builds)');
  const r = spawnSync(process.execPath, ['--trace-warnings', ACCORD_BIN, '--help'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /Usage: accord COMMAND/);
  assert.doesNotMatch(r.stderr, /TypeScript sources/);
});

test('build tools are development dependencies only', () => {
  const pkg = JSON.parse(readFileSync(root('package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  for (const tool of ['tsx', 'typescript', 'vite', '@vitejs/plugin-react', '@biomejs/biome']) {
    assert.equal(pkg.dependencies[tool], undefined, `${tool} is a run-time dependency`);
  }
});
