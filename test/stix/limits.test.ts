// The limits of src/stix/limits.ts hold inside every pure reader, whatever reached it:
// the JSON walk, the validator, the canonicaliser, the pattern parser, the regex translator,
// the observable extractor and the matcher. Each case is an attack from issue 12.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, it } from 'node:test';
import { isAccordError } from '../../src/errors.js';
import { observablesOf, readObservables } from '../../src/intel/object-observables.js';
import { canonicalJson } from '../../src/stix/canonical.js';
import {
  checkJsonLimits,
  jsonTextDeeperThan,
  LIMITS,
  LimitError,
  loneSurrogateAt,
} from '../../src/stix/limits.js';
import { matchPattern, parsePattern } from '../../src/stix/pattern/index.js';
import { validateBundle, validateObject } from '../../src/stix/validate.js';

function nested(depth: number, leaf: unknown = 1): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = { x_deep: v };
  return v;
}

function nestedArrays(depth: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < depth; i++) v = [v];
  return v;
}

const T = '2026-01-10T08:00:00.000Z';
const indicator = (pattern: string, extra: Record<string, unknown> = {}) => ({
  type: 'indicator',
  spec_version: '2.1',
  id: `indicator--${randomUUID()}`,
  created: T,
  modified: T,
  pattern,
  pattern_type: 'stix',
  valid_from: T,
  ...extra,
});

describe('the JSON limits', () => {
  it('refuses nesting beyond the limit with the path, at any depth, without recursion', () => {
    assert.equal(checkJsonLimits(nested(LIMITS.jsonDepth - 1)), undefined);
    const issue = checkJsonLimits(nested(LIMITS.jsonDepth + 1));
    assert.equal(issue?.code, 'limit-exceeded');
    assert.match(issue!.path, /^\$(\.x_deep){64}$/);
    for (const depth of [6_000, 200_000]) {
      assert.equal(checkJsonLimits(nestedArrays(depth))?.code, 'limit-exceeded');
    }
  });

  it('refuses unpaired surrogates in values and in property names, naming where', () => {
    assert.equal(loneSurrogateAt('ok \ud83d\ude00'), -1);
    assert.equal(loneSurrogateAt('a\ud800'), 1);
    assert.equal(loneSurrogateAt('\udc00\ud800'), 0);
    const value = checkJsonLimits({ objects: [{ name: 'x\ud800y' }] });
    assert.deepEqual(
      { path: value?.path, code: value?.code },
      { path: '$.objects[0].name', code: 'lone-surrogate' },
    );
    const key = checkJsonLimits({ a: { 'k\udfff': 1 } });
    assert.equal(key?.code, 'lone-surrogate');
    assert.match(key!.message, /property name/);
  });

  it('bounds lists inside a document but lets the top-level list grow with the body', () => {
    const long = new Array(LIMITS.arrayItems + 1).fill(0);
    assert.equal(checkJsonLimits({ type: 'bundle', objects: long }), undefined);
    const inner = checkJsonLimits({ objects: [{ object_refs: long }] });
    assert.equal(inner?.path, '$.objects[0].object_refs');
    assert.match(inner!.message, /at most 100000 items/);
  });
});

describe('a stored JSON text is measured for depth without parsing', () => {
  const L = LIMITS.jsonDepth;
  it('finds depth just past the limit, in objects and in arrays', () => {
    assert.equal(jsonTextDeeperThan(JSON.stringify(nested(L)), L), false);
    assert.equal(jsonTextDeeperThan(JSON.stringify(nested(L + 1)), L), true);
    // nestedArrays(n) is n arrays around an empty one: n + 1 deep.
    assert.equal(jsonTextDeeperThan(JSON.stringify(nestedArrays(L - 1)), L), false);
    assert.equal(jsonTextDeeperThan(JSON.stringify(nestedArrays(L)), L), true);
  });

  it('many brackets side by side are shallow; brackets inside strings do not count', () => {
    const wide = JSON.stringify({ refs: Array.from({ length: 1000 }, (_, i) => ({ n: [i] })) });
    assert.equal(jsonTextDeeperThan(wide, L), false);
    const quoted = JSON.stringify({ pattern: '['.repeat(500) + '{"\\'.repeat(100), x: nested(3) });
    assert.equal(jsonTextDeeperThan(quoted, L), false);
    const escaped = JSON.stringify({ a: '\\"', deep: nested(L + 1) });
    assert.equal(jsonTextDeeperThan(escaped, L), true);
  });
});

describe('the validator and canonicaliser hold the same limits', () => {
  it('a deep custom property is an issue with its path, never a RangeError', () => {
    for (const depth of [LIMITS.jsonDepth + 1, 6_000, 100_000]) {
      const r = validateObject(indicator("[ipv4-addr:value = '1.2.3.4']", { x_deep: nested(depth) }));
      assert.equal(r.ok, false);
      assert.equal(r.errors[0]?.code, 'limit-exceeded');
      assert.match(r.errors[0]!.path, /^\$\.x_deep/);
    }
    const bundle = {
      type: 'bundle',
      id: `bundle--${randomUUID()}`,
      objects: [indicator("[ipv4-addr:value = '1.2.3.4']", { x_name: 'bad \ud800' })],
    };
    const r = validateBundle(bundle);
    assert.deepEqual(
      r.errors.map((e) => [e.path, e.code]),
      [['$.objects[0].x_name', 'lone-surrogate']],
    );
  });

  it('canonicalJson refuses depth beyond the limit with a catalogue error', () => {
    assert.equal(canonicalJson(nested(10)), JSON.stringify(nested(10)));
    for (const depth of [LIMITS.jsonDepth + 1, 50_000]) {
      assert.throws(
        () => canonicalJson(nested(depth)),
        (e) => e instanceof LimitError && isAccordError(e) && e.code === 'ACCORD_LIMIT_EXCEEDED',
      );
    }
  });
});

describe('the pattern parser bounds nesting and size', () => {
  const msg = (text: string) => {
    const r = parsePattern(text);
    assert.equal(r.ok, false, 'refused');
    return r.ok ? '' : r.error.message;
  };

  it('5,000 nested parentheses is a syntax error with a position, not a stack overflow', () => {
    const p = `${'('.repeat(5_000)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(5_000)}`;
    assert.match(msg(p), /nest at most 64 deep in a pattern at 1:64/);
    const inside = `[${'('.repeat(5_000)}ipv4-addr:value = '1.2.3.4'${')'.repeat(5_000)}]`;
    assert.match(msg(inside), /nest at most 64 deep/);
    const ok = `${'('.repeat(60)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(60)}`;
    assert.equal(parsePattern(ok).ok, true);
  });

  it('observation brackets, IN sets and total length are bounded', () => {
    const obs = Array.from({ length: 1_000 }, (_, i) => `[ipv4-addr:value = '10.0.${i >> 8}.${i & 255}']`);
    assert.match(msg(obs.join(' OR ')), /at most 256 observation expressions/);
    assert.equal(parsePattern(obs.slice(0, 256).join(' OR ')).ok, true);
    const set = (n: number) =>
      `[ipv4-addr:value IN (${Array.from({ length: n }, (_, i) => `'10.${i >> 16}.${(i >> 8) & 255}.${i & 255}'`).join(', ')})]`;
    // 40,000 addresses took 22 s to index before: now one limit or the other refuses it.
    assert.match(msg(set(40_000)), /an IN set may have at most 10000 members|at most 262144 characters/);
    assert.match(
      msg(set(10_001).replace(/'10\.(\d+)\.(\d+)\.(\d+)'/g, '$3')),
      /an IN set may have at most 10000 members/,
    );
    assert.equal(parsePattern(set(10_000)).ok, true);
    assert.match(msg(`[file:name = '${'a'.repeat(LIMITS.patternChars)}']`), /at most 262144 characters/);
  });

  it('MATCHES expressions are bounded in length and counted repeats', () => {
    assert.match(msg("[file:name MATCHES 'a{1001}']"), /repeats more than 1000 times/);
    assert.match(msg(`[file:name MATCHES '${'a'.repeat(5_000)}']`), /at most 4096 characters/);
    assert.equal(parsePattern("[file:name MATCHES 'a{2,1000}']").ok, true);
  });
});

describe('indexing is linear in the size of the pattern', () => {
  const inList = (n: number) =>
    indicator(
      `[ipv4-addr:value IN (${Array.from({ length: n }, (_, i) => `'10.${i >> 16}.${(i >> 8) & 255}.${i & 255}'`).join(', ')})]`,
    );

  it('an IN list of 10,000 addresses gives 10,000 observables, at about the cost per value of 1,000', () => {
    const time = (n: number) => {
      const o = inList(n);
      const t0 = performance.now();
      const found = observablesOf(o);
      const ms = performance.now() - t0;
      assert.equal(found.length, n);
      return ms;
    };
    time(1_000); // warm up
    const small = Math.min(time(1_000), time(1_000));
    const large = Math.min(time(10_000), time(10_000));
    // Quadratic would be ~100x; allow generous noise on a shared machine.
    assert.ok(large < small * 30 + 20, `10,000 values took ${large} ms, 1,000 took ${small} ms`);
  });

  it('a pattern that cannot be read (stored before the limits) is reported, not thrown', () => {
    const deep = indicator(`${'('.repeat(5_000)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(5_000)}`);
    const r = readObservables(deep);
    assert.deepEqual(r.observables, []);
    assert.match(r.unreadable ?? '', /its pattern cannot be read: .*nest at most 64 deep/);
    const huge = inList(100_000);
    const t0 = performance.now();
    assert.match(readObservables(huge).unreadable ?? '', /at most 262144 characters/);
    assert.ok(performance.now() - t0 < 5_000);
  });
});

describe('the matcher has a total time budget', () => {
  it('^(a|aa)*b$ over 50 observations stops at the budget with ACCORD_LIMIT_EXCEEDED', () => {
    const parsed = parsePattern("[file:name MATCHES '^(a|aa)*b$']");
    assert.ok(parsed.ok);
    const objects: object[] = [];
    for (let i = 0; i < 50; i++) {
      const id = `file--${randomUUID()}`;
      objects.push({ type: 'file', id, name: `${'a'.repeat(60)}c` });
      objects.push({
        type: 'observed-data',
        id: `observed-data--${randomUUID()}`,
        first_observed: T,
        last_observed: T,
        number_observed: 1,
        object_refs: [id],
      });
    }
    const t0 = performance.now();
    assert.throws(
      () => matchPattern(parsed.ast, objects, undefined, { budgetMs: 300 }),
      (e) => isAccordError(e) && e.code === 'ACCORD_LIMIT_EXCEEDED' && /longer than 300 ms/.test(e.message),
    );
    const took = performance.now() - t0;
    assert.ok(took < 300 + LIMITS.regexTestMs + 400, `stopped after ${took} ms`);
  });

  it('a match well within the budget is unaffected', () => {
    const parsed = parsePattern("[file:name = 'x']");
    assert.ok(parsed.ok);
    const r = matchPattern(parsed.ast, [
      { type: 'file', id: 'file--00000000-0000-4000-8000-000000000001', name: 'x' },
      {
        type: 'observed-data',
        id: 'observed-data--00000000-0000-4000-8000-000000000002',
        first_observed: T,
        last_observed: T,
        object_refs: ['file--00000000-0000-4000-8000-000000000001'],
      },
    ]);
    assert.equal(r.matched, true);
  });
});
