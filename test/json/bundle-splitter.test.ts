import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isAccordError } from '../../src/errors.js';
import { BundleSplitter } from '../../src/stix/bundle-splitter.js';

/** Feeds `text` to a splitter in pieces cut at `cuts`; returns the items and the envelope. */
function split(
  text: string,
  cuts: number[] = [],
): { items: unknown[]; envelope: unknown; streamed: boolean } {
  const bytes = Buffer.from(text);
  const s = new BundleSplitter({ what: 'b.json' });
  const items: unknown[] = [];
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length)].sort((a, b) => a - b)) {
    items.push(...s.push(bytes.subarray(at, cut)));
    at = cut;
  }
  items.push(...s.push(bytes.subarray(at)));
  const env = s.end();
  return { items, envelope: env.value, streamed: env.streamed };
}

function failure(text: string): { code: string; message: string } {
  try {
    split(text);
  } catch (e) {
    if (isAccordError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  assert.fail(`no error for ${text}`);
}

test('reads the same objects and envelope as JSON.parse, however the bytes are cut', () => {
  const item = fc.jsonValue({ maxDepth: 4 });
  fc.assert(
    fc.property(
      fc.array(item, { minLength: 1, maxLength: 8 }),
      fc.dictionary(fc.string({ maxLength: 6 }), item, { maxKeys: 3 }),
      fc.array(fc.nat(), { maxLength: 6 }),
      fc.boolean(),
      (objects, extra, cuts, pretty) => {
        const { objects: _dropped, ...rest } = extra as Record<string, unknown>;
        const doc = { type: 'bundle', ...rest, objects };
        const text = pretty ? JSON.stringify(doc, null, 2) : JSON.stringify(doc);
        // Prototype keys are refused on purpose (tested below).
        fc.pre(!/__proto__|"constructor"/.test(text));
        const parsed = JSON.parse(text) as { objects: unknown[] };
        const got = split(
          text,
          cuts.map((c) => c % (text.length + 1)),
        );
        assert.deepEqual(got.items, parsed.objects);
        assert.deepEqual(got.envelope, { ...parsed, objects: [] });
        assert.equal(got.streamed, true);
      },
    ),
    { numRuns: 300 },
  );
});

test('a document without a top-level objects list comes back whole', () => {
  const doc = { type: 'indicator', x: { objects: [1, 2] }, name: 'objects' };
  const got = split(JSON.stringify(doc), [3, 17]);
  assert.deepEqual(got.items, []);
  assert.deepEqual(got.envelope, doc);
  assert.equal(got.streamed, false);
});

test('a broken object is named by its index, line and column in the whole file', () => {
  const text = '{"type": "bundle",\n "objects": [\n  {"a": 1},\n  {"b": 1 2}\n]}';
  const f = failure(text);
  assert.equal(f.code, 'ACCORD_BAD_REQUEST');
  assert.match(f.message, /\$\.objects\[1\] is not valid JSON at line 4, column 11: expected ','/);
});

test('missing and doubled commas, and a cut-off file, are refused with where', () => {
  assert.match(failure('{"objects": [{"a":1} {"b":2}]}').message, /line 1, column 22: expected ',' or ']'/);
  assert.match(failure('{"objects": [{"a":1},,{"b":2}]}').message, /expected a value before this comma/);
  assert.match(failure('{"objects": [{"a":1},]}').message, /expected a value after the comma/);
  assert.match(failure('{"objects": [{"a":1},\n{"b"').message, /ends at line 2 .*after 1 objects/);
  assert.match(
    failure('{"type": "bundle", "objects": [], }').message,
    /not valid JSON outside its objects list/,
  );
});

test('the JSON limits hold on each streamed object: depth, and prototype keys', () => {
  const deep = `{"objects": [{"a": ${'['.repeat(70)}${']'.repeat(70)}}]}`;
  const d = failure(deep);
  assert.equal(d.code, 'ACCORD_LIMIT_EXCEEDED');
  assert.match(d.message, /\$\.objects\[0\]\.a\[0\].* in b\.json: .*nest at most 64 deep/);
  const p = failure('{"objects": [{"__proto__": {"x": 1}}]}');
  assert.equal(p.code, 'ACCORD_BAD_REQUEST');
  const s = failure('{"objects": [{"a": "\\ud800"}]}');
  assert.match(s.message, /\$\.objects\[0\]\.a.*unpaired UTF-16 surrogate/);
});
