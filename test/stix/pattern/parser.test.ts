import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkPattern, parsePattern, printPattern } from '../../../src/stix/pattern/index.js';
import { parse } from './helpers.js';

function error(text: string) {
  const r = parsePattern(text);
  if (r.ok) assert.fail(`expected an error for ${text}`);
  return r.error;
}

const canonical = (text: string) => printPattern(parse(text));

describe('error messages', () => {
  it('say what was expected, where, and what was found', () => {
    const e = error('[file:name MATCHES /.*\\.dll/]');
    assert.equal(e.message, "expected a string after MATCHES at 1:19, found '/'");
    assert.deepEqual([e.line, e.column, e.offset, e.found], [1, 19, 19, "'/'"]);
    assert.deepEqual(e.expected, ['a string']);
  });

  it('count lines and columns from the start of the line', () => {
    const e = error("[file:name = 'a'\n  AND file:size = ]");
    assert.equal(e.line, 2);
    assert.equal(e.column, 18);
    assert.match(e.message, /at 2:18, found 'the end|at 2:18, found '\]'/);
  });

  it('mention the end of the pattern', () => {
    assert.match(error("[file:name = 'a'").message, /found the end of the pattern/);
    assert.match(error("[file:name = 'a'] AND").message, /expected '\[' or '\(' at 1:21/);
  });

  it('hint at lower-case keywords', () => {
    assert.match(error("[file:name = 'a'] within 5 SECONDS").message, /keywords are upper-case: WITHIN/);
  });

  it('reject bad constants with their position', () => {
    assert.match(error("[file:name = 'a\\n']").message, /invalid escape '\\n' in string .* at 1:15/);
    assert.match(error("[file:name = 'abc]").message, /unterminated string at 1:13/);
    assert.match(error("[a:b = h'abc']").message, /invalid hex constant/);
    assert.match(error("[a:b = b'']").message, /invalid base64/);
    assert.match(error("[a:b = t'2024-01-01 00:00:00Z']").message, /invalid timestamp/);
    assert.match(error('[a:b = 01]').message, /at 1:8/);
  });

  it('reject qualifiers that make no sense', () => {
    assert.match(error('[a:b = 1] REPEATS 0 TIMES').message, /positive integer after REPEATS/);
    assert.match(error('[a:b = 1] WITHIN 0 SECONDS').message, /positive number of seconds/);
    assert.match(error('[a:b = 1] WITHIN 1.5 MINUTES').message, /expected SECONDS/);
    assert.match(
      error("[a:b = 1] START t'2024-01-02T00:00:00Z' STOP t'2024-01-01T00:00:00Z'").message,
      /STOP timestamp must be later/,
    );
    assert.match(
      error("[a:b = 1] START '2024-01-02T00:00:00Z' STOP t'2024-01-03T00:00:00Z'").message,
      /timestamp/,
    );
  });

  it('reject property names that need quotes, booleans in order comparisons, and keywords as names', () => {
    assert.match(error('[file:my-name = 1]').message, /property name/);
    assert.match(error('[file:size > true]').message, /not a boolean/);
    assert.match(error('[file:IN = 1]').message, /property name/);
    assert.match(error('[file:name]').message, /comparison operator/);
    assert.match(error('[]').message, /object path/);
    assert.match(error('').message, /at 1:0/);
  });

  it('reports several semantic errors at once through checkPattern', () => {
    const errors = checkPattern("[file:hashes.MD5 = 'xyz' AND ipv4-addr:value ISSUBSET '10.0.0.0/33']");
    assert.equal(errors.length, 2);
    assert.match(errors[0]!.message, /not a valid MD5 hash .* at 1:19/);
    assert.match(
      errors[1]!.message,
      /not an IPv4 or IPv6 address or CIDR block, which ISSUBSET needs at 1:54/,
    );
  });
});

describe('the grammar', () => {
  it('accepts every operator, with NOT', () => {
    for (const op of ['=', '!=', '<', '<=', '>', '>=']) {
      assert.ok(parsePattern(`[a:b ${op} 1]`).ok, op);
      assert.ok(parsePattern(`[a:b NOT ${op} 1]`).ok, `NOT ${op}`);
    }
    for (const t of [
      "IN ('x')",
      "LIKE 'x'",
      "MATCHES 'x'",
      "ISSUBSET '1.2.3.0/24'",
      "ISSUPERSET '1.2.3.4'",
    ]) {
      assert.ok(parsePattern(`[a:b ${t}]`).ok, t);
      assert.ok(parsePattern(`[a:b NOT ${t}]`).ok, `NOT ${t}`);
    }
    assert.ok(parsePattern('[EXISTS a:b]').ok);
    assert.ok(parsePattern('[NOT EXISTS a:b]').ok);
  });

  it('prints a canonical form', () => {
    assert.equal(canonical("[a:b == 1 AND a:c <> 'x']"), "[a:b = 1 AND a:c != 'x']");
    assert.equal(canonical('[a:b = +5 OR a:c = -0 OR a:d = 007.500]'), '[a:b = 5 OR a:c = 0 OR a:d = 7.5]');
    assert.equal(canonical('[a:b = .5]'), '[a:b = 0.5]');
    assert.equal(canonical('( [(a:b IN(1,2) AND a:c != 0) ])'), '[a:b IN (1, 2) AND a:c != 0]');
    assert.equal(canonical("[a:b = 'it\\'s \\\\ here']"), "[a:b = 'it\\'s \\\\ here']");
    assert.equal(canonical("[a:b = h'FFD8']"), "[a:b = h'ffd8']");
    assert.equal(canonical("[a:'b'.'c-d'[*].e[0] = true]"), "[a:b.'c-d'[*].e[0] = true]");
    assert.equal(canonical('[a:b = 1] /* note */ AND // more\n [a:c = 2]'), '[a:b = 1] AND [a:c = 2]');
    assert.equal(canonical('[NOT EXISTS a:b]'), '[NOT EXISTS a:b]');
    assert.equal(canonical("[a:'AND' = 1]"), "[a:'AND' = 1]");
  });

  it('keeps the precedence of the specification', () => {
    const t = parse('[a:b = 1] AND [a:c = 2] OR [a:d = 3] FOLLOWEDBY [a:e = 4]');
    assert.equal(t.kind, 'observation-op');
    if (t.kind !== 'observation-op') return;
    assert.equal(t.op, 'FOLLOWEDBY');
    const left = t.operands[0]!;
    assert.ok(left.kind === 'observation-op' && left.op === 'OR');
    assert.equal(
      canonical('([a:b = 1] OR [a:c = 2]) AND [a:d = 3]'),
      '([a:b = 1] OR [a:c = 2]) AND [a:d = 3]',
    );
    assert.equal(canonical('[a:b = 1 OR a:c = 2 AND a:d = 3]'), '[a:b = 1 OR a:c = 2 AND a:d = 3]');
    assert.equal(canonical('[(a:b = 1 OR a:c = 2) AND a:d = 3]'), '[(a:b = 1 OR a:c = 2) AND a:d = 3]');
  });

  it('binds qualifiers to the expression before them', () => {
    const t = parse('[a:b = 1] FOLLOWEDBY [a:c = 2] WITHIN 300 SECONDS');
    assert.ok(t.kind === 'observation-op' && t.operands[1]!.kind === 'qualified');
    assert.equal(
      canonical('([a:b = 1] FOLLOWEDBY [a:c = 2]) WITHIN 300 SECONDS'),
      '([a:b = 1] FOLLOWEDBY [a:c = 2]) WITHIN 300 SECONDS',
    );
  });

  it('allows one qualifier of each type on a bracket, more on a parenthesised group', () => {
    assert.ok(
      parsePattern(
        "[a:b = 1] REPEATS 2 TIMES WITHIN 5 SECONDS START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'",
      ).ok,
    );
    assert.equal(parsePattern('[a:b = 1] WITHIN 5 SECONDS WITHIN 6 SECONDS').ok, false);
    assert.equal(
      canonical('([a:b = 1]) WITHIN 5 SECONDS WITHIN 6 SECONDS'),
      '([a:b = 1] WITHIN 5 SECONDS) WITHIN 6 SECONDS',
    );
    assert.equal(
      canonical('([a:b = 1] REPEATS 2 TIMES) REPEATS 2 TIMES'),
      '([a:b = 1] REPEATS 2 TIMES) REPEATS 2 TIMES',
    );
  });

  it('flattens chains of one operator', () => {
    const t = parse('[a:b = 1] AND ([a:c = 2] AND [a:d = 3])');
    assert.ok(t.kind === 'observation-op' && t.operands.length === 3);
  });

  it('accepts calendar-impossible days as the reference grammar does, and leap seconds', () => {
    assert.ok(parsePattern("[x:created = t'2023-02-29T12:00:00Z']").ok);
    assert.ok(parsePattern("[x:created = t'2016-12-31T23:59:60Z']").ok);
  });

  it('produces frozen trees', () => {
    const t = parse("[a:b = 'x']");
    assert.ok(Object.isFrozen(t));
    assert.ok(t.kind === 'observation' && Object.isFrozen(t.expr));
  });
});
