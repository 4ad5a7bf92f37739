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

test('`accord --help` loads no command: no HTTP server, database driver or mailer', () => {
  // Each command's module is loaded when it runs; the list alone must stay light, or every
  // `accord pattern check` in a script pays for the whole node again.
  const probe = `
    const { createRequire } = await import('node:module');
    const { main } = await import(${JSON.stringify(root('dist/cli/main.js'))});
    await main(['--help'], { out() {}, err() {} });
    const loaded = Object.keys(createRequire(import.meta.url).cache ?? {});
    process.stdout.write(JSON.stringify(loaded));
  `;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const loaded = JSON.parse(r.stdout) as string[];
  // These are CommonJS packages, so the require cache sees them however they were imported.
  for (const heavy of ['fastify', 'better-sqlite3', 'pg', 'nodemailer'])
    assert.ok(!loaded.some((f) => f.includes(`/node_modules/${heavy}/`)), `${heavy} was loaded`);
});

test('every command listed by `accord --help` loads, under the name it is listed as', async () => {
  const { COMMANDS } = await import('../../src/cli/commands/index.js');
  for (const entry of COMMANDS) assert.equal((await entry.load()).name, entry.name);
});
