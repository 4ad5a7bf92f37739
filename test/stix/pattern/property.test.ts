import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type {
  ComparisonExpr,
  ComparisonNode,
  Constant,
  ObservationExpr,
  PathStep,
  Qualifier,
} from '../../../src/stix/pattern/index.js';
import { matchPattern, parsePattern, printPattern } from '../../../src/stix/pattern/index.js';

const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const typeName = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const anyKey = fc.oneof(
  ident,
  fc.string({ maxLength: 6 }),
  fc.constantFrom('AND', 'true', 'SHA-256', "it's", 'a\\b'),
);
const timestamp = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

const step: fc.Arbitrary<PathStep> = fc.oneof(
  anyKey.map((name) => ({ kind: 'key' as const, name })),
  fc.integer({ min: -3, max: 20 }).map((index) => ({ kind: 'index' as const, index })),
  fc.constant({ kind: 'any' as const }),
);

const intC = fc
  .integer({ min: -1e9, max: 1e9 })
  .map((v): Constant => ({ kind: 'int', value: v, text: String(v) }));
const floatC = fc
  .tuple(fc.boolean(), fc.nat(99999), fc.stringMatching(/^[0-9]{0,3}[1-9]$/))
  .map(([neg, w, f]): Constant => {
    const text = `${neg ? '-' : ''}${w}.${f}`;
    return { kind: 'float', value: Number(text), text };
  });
const constant: fc.Arbitrary<Constant> = fc.oneof(
  fc.string({ maxLength: 12 }).map((value): Constant => ({ kind: 'string', value })),
  intC,
  floatC,
  fc.boolean().map((value): Constant => ({ kind: 'boolean', value })),
  fc
    .uint8Array({ minLength: 1, maxLength: 9 })
    .map((b): Constant => ({ kind: 'binary', value: Buffer.from(b).toString('base64') })),
  fc
    .uint8Array({ maxLength: 6 })
    .map((b): Constant => ({ kind: 'hex', value: Buffer.from(b).toString('hex') })),
  timestamp.map((value): Constant => ({ kind: 'timestamp', value })),
);

const comparison: fc.Arbitrary<ComparisonNode> = fc
  .record({
    objectType: typeName,
    first: anyKey,
    rest: fc.array(step, { maxLength: 3 }),
    negated: fc.boolean(),
    which: fc.nat(6),
    value: constant,
    set: fc.array(constant, { maxLength: 3 }),
    text: fc.stringMatching(/^[a-z%_]{0,6}$/),
  })
  .map(({ objectType, first, rest, negated, which, value, set, text }) => {
    const path = { objectType, steps: [{ kind: 'key' as const, name: first }, ...rest] };
    switch (which) {
      case 0:
        return { kind: 'comparison', path, op: '=', negated, value };
      case 1:
        return { kind: 'comparison', path, op: '!=', negated, value };
      case 2:
        return value.kind === 'boolean'
          ? { kind: 'comparison', path, op: '=', negated, value }
          : { kind: 'comparison', path, op: '<=', negated, value };
      case 3:
        return { kind: 'comparison', path, op: 'IN', negated, value: { kind: 'set', values: set } };
      case 4:
        return { kind: 'comparison', path, op: 'LIKE', negated, value: { kind: 'string', value: text } };
      case 5:
        return {
          kind: 'comparison',
          path,
          op: 'ISSUBSET',
          negated,
          value: { kind: 'string', value: '10.0.0.0/8' },
        };
      default:
        return { kind: 'comparison', path, op: 'EXISTS', negated };
    }
  });

/** Builds n-ary nodes the way the parser does: no chain directly under the same operator. */
function flat<T extends { kind: string; op?: string }>(op: string, operands: T[], kind: string): T[] {
  return operands.flatMap((o) =>
    o.kind === kind && o.op === op ? (o as unknown as { operands: T[] }).operands : [o],
  );
}

const comparisonExpr: fc.Arbitrary<ComparisonExpr> = fc.letrec<{ expr: ComparisonExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparison,
    fc
      .record({
        op: fc.constantFrom('AND' as const, 'OR' as const),
        operands: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }),
      })
      .map(
        ({ op, operands }): ComparisonExpr => ({
          kind: 'boolean',
          op,
          operands: flat(op, operands, 'boolean'),
        }),
      ),
  ),
})).expr;

const qualifier: fc.Arbitrary<Qualifier> = fc.oneof(
  fc
    .integer({ min: 1, max: 100000 })
    .map((s): Qualifier => ({ kind: 'within', seconds: { kind: 'int', value: s, text: String(s) } })),
  fc.integer({ min: 1, max: 9 }).map((times): Qualifier => ({ kind: 'repeats', times })),
  fc
    .tuple(timestamp, timestamp)
    .filter(([a, b]) => a < b)
    .map(
      ([a, b]): Qualifier => ({
        kind: 'start-stop',
        start: { kind: 'timestamp', value: a },
        stop: { kind: 'timestamp', value: b },
      }),
    ),
);

const observationExpr: fc.Arbitrary<ObservationExpr> = fc.letrec<{ expr: ObservationExpr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    comparisonExpr.map((expr): ObservationExpr => ({ kind: 'observation', expr })),
    fc
      .record({
        op: fc.constantFrom('AND' as const, 'OR' as const, 'FOLLOWEDBY' as const),
        operands: fc.array(tie('expr'), { minLength: 2, maxLength: 3 }),
      })
      .map(
        ({ op, operands }): ObservationExpr => ({
          kind: 'observation-op',
          op,
          operands: flat(op, operands, 'observation-op'),
        }),
      ),
    fc
      .record({ expr: tie('expr'), qualifier })
      .map(({ expr, qualifier }): ObservationExpr => ({ kind: 'qualified', expr, qualifier })),
  ),
})).expr;

describe('parse → print → parse', () => {
  it('gives back the same tree for generated patterns', () => {
    fc.assert(
      fc.property(observationExpr, (ast) => {
        const text = printPattern(ast);
        const r = parsePattern(text);
        if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
        assert.deepEqual(r.ast, ast);
        assert.equal(printPattern(r.ast), text);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary text, and errors always carry a position inside it', () => {
    const pieces = fc.constantFrom(
      '[',
      ']',
      '(',
      ')',
      "'",
      'a:b',
      ' = ',
      ' AND ',
      ' OR ',
      'WITHIN 5 SECONDS',
      "t'",
      '1',
      '\\',
      '.',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(pieces).map((a) => a.join('')),
        ),
        (text) => {
          const r = parsePattern(text);
          if (!r.ok) {
            assert.ok(r.error.offset >= 0 && r.error.offset <= text.length);
            assert.match(r.error.message, / at \d+:\d+/);
          } else {
            matchPattern(r.ast, []);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
