#!/usr/bin/env node
// Node 20's test runner cannot glob TypeScript files itself, so this finds them and
// hands them to `node --test` with tsx loaded. Arguments narrow the run to matching paths.
//
// PostgreSQL is a required leg, not an optional one: a suite that quietly runs SQLite alone
// passes by not running half its cases. The store suites run on the server named by
// ACCORD_TEST_POSTGRES (default: the one these machines run on 127.0.0.1:5432); if it does
// not answer, the run fails before any test starts. ACCORD_TEST_POSTGRES=off is the one
// explicit way to run SQLite alone, and it is said loudly.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const DEFAULT_POSTGRES = 'postgres://postgres@127.0.0.1:5432/test';

function find(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

async function postgresAnswers(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const filters = process.argv.slice(2);
const files = find('test')
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

const env = { ...process.env };
const asked = env.ACCORD_TEST_POSTGRES ?? DEFAULT_POSTGRES;
if (asked === 'off') {
  delete env.ACCORD_TEST_POSTGRES;
  console.error('!! ACCORD_TEST_POSTGRES=off: the store suites run on SQLite ONLY; this is not a full run');
} else {
  const problem = await postgresAnswers(asked);
  if (problem) {
    console.error(
      `PostgreSQL at ${asked.replace(/\/\/[^@]*@/, '//…@')} does not answer (${problem}).\n` +
        'Every store suite runs on SQLite and PostgreSQL: start PostgreSQL, point ACCORD_TEST_POSTGRES at one,\n' +
        'or set ACCORD_TEST_POSTGRES=off to run SQLite alone on purpose.',
    );
    process.exit(1);
  }
  env.ACCORD_TEST_POSTGRES = asked;
  console.error(`== store suites run on SQLite and on PostgreSQL (${asked.replace(/\/\/[^@]*@/, '//…@')})`);
}

// Tests that start the real `accord` executable run dist/: build it first, so they never run
// code older than the sources they sit beside (incremental, so a built tree costs seconds).
const build = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('the TypeScript build failed: fix it before testing');
  process.exit(1);
}

const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=spec', ...files],
  { stdio: 'inherit', env },
);
process.exit(r.status ?? 1);
