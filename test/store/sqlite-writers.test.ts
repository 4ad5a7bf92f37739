// Several processes writing one SQLite file: `accord serve` and the CLI beside it, or several
// CLI commands at once. Each write transaction must wait for the others rather than fail:
// a transaction that read first and wrote second used to be refused at once ("database is
// locked") whenever another process committed in between.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { recordAudit } from '../../src/audit/log.js';
import { toErrorResponse } from '../../src/http/errors.js';
import { openNode } from '../../src/node/node.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { ACCORD_BIN, type CliResult, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

const T = '2026-01-10T08:00:00.000Z';

const openNodeAt = async (data: string) => ({
  node: await openNode({ data, db: `sqlite:${join(data, 'accord.sqlite')}` }),
});

const DIST = (path: string) => fileURLToPath(new URL(`../../dist/${path}`, import.meta.url));

/** A process of its own: the real `accord`, or a script over the built node. */
function run(args: string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.once('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('several processes writing one SQLite file', () => {
  const dir = tempDir();
  const data = join(dir.path, 'node');
  before(async () => {
    assert.equal((await runCli(['init', '--party', 'KZ', '--data', data])).code, 0);
    const objects = Array.from({ length: 20 }, (_, i) => ({
      type: 'indicator',
      spec_version: '2.1',
      id: `indicator--${randomUUID()}`,
      created: T,
      modified: T,
      pattern: `[ipv4-addr:value = '198.51.100.${i}']`,
      pattern_type: 'stix',
      valid_from: T,
      object_marking_refs: [TLP2_IDS.green],
    }));
    const file = join(dir.path, 'bundle.json');
    writeFileSync(file, JSON.stringify({ type: 'bundle', id: `bundle--${randomUUID()}`, objects }));
    const imported = await runCli(['import', file, '--data', data]);
    assert.equal(imported.code, 0, imported.stderr);
  });
  after(() => dir.dispose());

  test('exports to another Party at once: each one audited, none refused, the chain intact', async () => {
    // An export to BY discloses KZ's objects: each process appends to the audit chain, which
    // reads the last entry and writes the next in one transaction.
    const runs = 8;
    const results = await Promise.all(
      Array.from({ length: runs }, (_, i) =>
        run([ACCORD_BIN, 'export', '--for', 'BY', '--out', join(dir.path, `out-${i}.json`), '--data', data]),
      ),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const verified = await runCli(['audit', 'verify', '--data', data]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, new RegExp(`intact: ${runs} entries`));
  });

  test('processes appending to the audit chain in a loop: every entry kept, in one chain', async () => {
    // Each process reads the chain's last entry and appends the next, 40 times: with the
    // others committing all the while, a transaction that read before it wrote was refused.
    const script = `
      const { openNode } = await import(${JSON.stringify(DIST('node/node.js'))});
      const { recordAudit } = await import(${JSON.stringify(DIST('audit/log.js'))});
      const node = await openNode({ data: process.argv[1], db: 'sqlite:' + process.argv[1] + '/accord.sqlite' });
      for (let i = 0; i < 40; i++)
        await recordAudit(node, [{ at: new Date().toISOString(), actor: { kind: 'system', id: 'test' }, action: 'test', details: { i } }]);
      await node.close();`;
    const before = Number(
      /intact: (\d+) entries/.exec((await runCli(['audit', 'verify', '--data', data])).stdout)?.[1],
    );
    const processes = 6;
    const results = await Promise.all(
      Array.from({ length: processes }, () => run(['--input-type=module', '-e', script, data])),
    );
    for (const r of results) assert.equal(r.code, 0, r.stderr);
    const verified = await runCli(['audit', 'verify', '--data', data]);
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, new RegExp(`intact: ${before + processes * 40} entries`));
  });

  test('a writer kept waiting past busy_timeout is told the store is busy, not an internal error', async () => {
    // Another process holds the write lock for longer than the 5 s a writer waits for it.
    const holder = new Sqlite(join(data, 'accord.sqlite'));
    holder.exec('begin immediate');
    try {
      const r = await run([
        ACCORD_BIN,
        'user',
        'add',
        'late',
        '--party',
        'KZ',
        '--role',
        'analyst',
        '--data',
        data,
      ]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /the store is busy: another process has held its write lock/);
      assert.doesNotMatch(r.stderr, /internal error/);
    } finally {
      holder.exec('rollback');
      holder.close();
    }
    const http = toErrorResponse(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
    assert.equal(http.status, 503);
    assert.equal(http.body.error.code, 'ACCORD_UNAVAILABLE');
    assert.match(http.body.error.message, /the store is busy/);
  });

  test("a serving node waiting for another process's writer keeps answering meanwhile", async () => {
    // An all-or-nothing import in another process holds the write lock while it runs. A node
    // that needs to write waits for it on timers, not in SQLite's busy handler, which would
    // hold the event loop (and here never let the other connection finish at all).
    const { node } = await openNodeAt(data);
    const holder = new Sqlite(join(data, 'accord.sqlite'));
    holder.exec('begin immediate');
    let longest = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    try {
      const write = recordAudit(node, [
        { at: new Date().toISOString(), actor: { kind: 'system', id: 'test' }, action: 'test', details: {} },
      ]);
      await new Promise((r) => setTimeout(r, 400));
      holder.exec('rollback');
      const [entry] = await write;
      assert.ok(entry, 'written once the other writer let go');
      assert.ok(longest < 150, `the event loop was held for ${longest.toFixed(0)} ms at once`);
    } finally {
      clearInterval(ticker);
      if (holder.inTransaction) holder.exec('rollback');
      holder.close();
      await node.close();
    }
  });
});
