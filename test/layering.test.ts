// Imports run one way (docs/architecture.md): a folder of src/ imports only from
// folders to its left, so each layer can be read, tested and replaced without the ones above it.
// This reads every import in src/ — static, `import type` and dynamic — and fails on one that
// points right or sideways, naming the file and the import.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

// The order, left to right. Folders on one step are siblings and do not import each other.
const LAYERS: readonly (readonly string[])[] = [
  ['(root)'],
  ['stix', 'agreement'],
  ['policy'],
  ['store'],
  ['audit'],
  ['node'],
  ['exchange', 'intel'],
  ['federation'],
  ['http'],
  ['cli'],
];
// The pure cores: no I/O, no HTTP, no SQL.
const PURE = new Set(['stix', 'agreement', 'policy']);
// node:net is left out: the cores use its pure isIP, and nothing of it that opens a socket.
const IO_MODULES =
  /^(node:)?(fs|http|https|child_process|dgram|dns|tls|worker_threads)(\/|$)|^(pg|better-sqlite3|kysely|fastify)/;

const rank = new Map<string, number>();
LAYERS.forEach((step, i) => {
  for (const folder of step) rank.set(folder, i);
});

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sources(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

function folderOf(path: string): string {
  const parts = relative(SRC, path).split('/');
  return parts.length > 1 ? (parts[0] as string) : '(root)';
}

function importsOf(text: string): string[] {
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) specs.push(m[1] as string);
  return specs;
}

const files = sources(SRC);

describe('layers', () => {
  it('every folder of src/ has a place in the order', () => {
    const folders = new Set(files.map(folderOf));
    for (const f of folders)
      assert.ok(rank.has(f), `src/${f} is in no layer: add it to LAYERS and to the docs`);
  });

  it('no import points right or sideways', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (!spec.startsWith('.')) continue;
        const to = folderOf(resolve(dirname(file), spec));
        if (to === from) continue;
        const a = rank.get(from);
        const b = rank.get(to);
        if (a === undefined || b === undefined || b >= a)
          wrong.push(`src/${relative(SRC, file)} imports ${spec} (${from} → ${to})`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('the pure cores import nothing that does I/O', () => {
    const wrong: string[] = [];
    for (const file of files) {
      if (!PURE.has(folderOf(file))) continue;
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        if (IO_MODULES.test(spec)) wrong.push(`src/${relative(SRC, file)} imports ${spec}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('catches a wrong import when one is there', () => {
    // The check above would pass on an empty file list; this shows the reader actually reads.
    const specs = importsOf(
      "import type { X } from '../http/app.js';\nconst m = await import('../cli/main.js');",
    );
    assert.deepEqual(specs, ['../http/app.js', '../cli/main.js']);
    assert.ok(files.length > 100, `only ${files.length} files read`);
  });
});
