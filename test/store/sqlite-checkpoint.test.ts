// A large write's checkpoint runs on a thread of its own (sqlite-checkpointer.ts): the
// connection that writes never copies the log into the database itself, yet the copy happens
// while the store is open, and closing leaves a complete database and no log behind.
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../src/store/database.js';
import { tempDir } from '../helpers/stores.js';

const size = (path: string) => (existsSync(path) ? statSync(path).size : 0);

describe('SQLite checkpoints off the writing thread', () => {
  test('a write past 4 MiB of log is copied into the database by the checkpoint thread', async () => {
    const dir = tempDir();
    const path = join(dir.path, 'a.sqlite');
    const db = await openDatabase(`sqlite:${path}`);
    try {
      if (db.dialect !== 'sqlite') throw new Error('sqlite expected');
      // The writing connection never checkpoints on its own.
      assert.equal(db.sqlite.pragma('wal_autocheckpoint', { simple: true }), 0);
      assert.equal(db.sqlite.pragma('journal_size_limit', { simple: true }), 64 * 1024 * 1024);
      const before = size(path);
      const insert = db.sqlite.prepare(
        `insert into objects (party, id, modified, type, date_added, source_node, content_hash, revoked, latest, exercise, signature, json, release, release_rank)
         values ('KZ', ?, '2026-01-01T00:00:00.000000Z', 'note', ?, 'test', 'h', 0, 1, null, null, ?, '*', 0)`,
      );
      const filler = 'x'.repeat(2048);
      db.sqlite.transaction(() => {
        for (let i = 0; i < 3000; i++)
          insert.run(
            `note--${i.toString(16).padStart(8, '0')}-0000-4000-8000-000000000000`,
            i + 1,
            `{"n":"${filler}"}`,
          );
      })();
      assert.ok(size(`${path}-wal`) > 4 * 1024 * 1024, 'the log holds the write');
      // Copied while the store is open, by a connection other than the writing one.
      const deadline = Date.now() + 15_000;
      while (size(path) < before + 6 * 1024 * 1024 && Date.now() < deadline) await sleep(100);
      assert.ok(
        size(path) >= before + 6 * 1024 * 1024,
        `the database file did not grow: ${size(path)} bytes`,
      );
    } finally {
      await db.close();
    }
    assert.equal(size(`${path}-wal`), 0, 'no log is left behind');
    const again = await openDatabase(`sqlite:${path}`);
    try {
      if (again.dialect !== 'sqlite') throw new Error('sqlite expected');
      assert.equal(again.sqlite.prepare('select count(*) from objects').pluck().get(), 3000);
    } finally {
      await again.close();
      dir.dispose();
    }
  });
});
