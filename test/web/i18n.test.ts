import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { en } from '../../web/src/i18n/en.js';
import { ru } from '../../web/src/i18n/ru.js';

test('English and Russian have exactly the same message keys', () => {
  assert.deepEqual(Object.keys(ru).sort(), Object.keys(en).sort());
});

test('every message is translated and keeps its placeholders', () => {
  for (const [key, text] of Object.entries(en)) {
    const other = ru[key as keyof typeof en];
    assert.ok(other.trim().length > 0, `${key} is empty in Russian`);
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    assert.deepEqual(names(other), names(text), `${key}: placeholders differ`);
  }
});

test('every key the console uses exists in the dictionary', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(f) && !p.includes('i18n')) files.push(p);
    }
  };
  walk('web/src');
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/\bt\('([a-zA-Z0-9.-]+)'/g)) {
      assert.ok(m[1]! in en, `${f} uses the unknown key '${m[1]}'`);
    }
  }
});
