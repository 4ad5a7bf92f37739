import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * The store backends a suite runs on: SQLite and PostgreSQL. scripts/run-tests.js checks that
 * the server in ACCORD_TEST_POSTGRES answers before any test starts and fails the run when it
 * does not; only ACCORD_TEST_POSTGRES=off leaves PostgreSQL out, and says so. Each call to `fresh()`
 * gives an empty store of its own — a temporary file, or a new schema — and `dispose()`
 * removes it.
 */
export interface TestBackend {
  name: 'sqlite' | 'postgres';
  fresh(): { url: string; dispose(): Promise<void> };
}

const sqlite: TestBackend = {
  name: 'sqlite',
  fresh() {
    const dir = mkdtempSync(join(tmpdir(), 'accord-test-'));
    return {
      url: `sqlite:${join(dir, 'accord.sqlite')}`,
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  },
};

function postgres(base: string): TestBackend {
  return {
    name: 'postgres',
    fresh() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const u = new URL(base);
      u.searchParams.set('schema', schema);
      return {
        url: u.toString(),
        dispose: async () => {
          const client = new pg.Client({ connectionString: base });
          await client.connect();
          try {
            await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
          } finally {
            await client.end();
          }
        },
      };
    },
  };
}

export const POSTGRES_URL = process.env.ACCORD_TEST_POSTGRES;

export const BACKENDS: TestBackend[] = POSTGRES_URL ? [sqlite, postgres(POSTGRES_URL)] : [sqlite];

export function tempDir(): { path: string; dispose(): void } {
  const path = mkdtempSync(join(tmpdir(), 'accord-test-'));
  return { path, dispose: () => rmSync(path, { recursive: true, force: true }) };
}
