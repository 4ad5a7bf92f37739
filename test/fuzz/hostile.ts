// Generators of hostile input shared by the fuzz suites: arbitrary JSON with the shapes that
// broke Accord before (deep nesting, long lists, unpaired surrogates, numbers out of range)
// and STIX-like documents whose patterns are built from the grammar's own pieces.
import fc from 'fast-check';

/** Strings of any UTF-16 code units, unpaired surrogates and NULs included. */
export const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    '\ud800',
    'a\udc00b',
    '\u0000\u0000',
    '%00',
    '../../etc/passwd',
    "'; drop table objects; --",
  ),
);

/** JSON text nested `depth` deep, as arrays or objects. */
export function deepText(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array'
    ? `${'['.repeat(depth)}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Number literals JSON allows but a double cannot hold, and their neighbours. */
export const hugeNumberText = fc.constantFrom(
  '1e999',
  '-1e999',
  '123456789012345678901234567890',
  '1e-999',
  '-0',
  '9007199254740993',
  '1.7976931348623157e308',
);

const PATTERN_PIECES = [
  '(',
  ')',
  '[',
  ']',
  'ipv4-addr:value',
  'domain-name:value',
  "file:hashes.'SHA-256'",
  'file:name',
  '=',
  '!=',
  '<',
  "'198.51.100.7'",
  "'10.0.0.0/8'",
  "'evil.example'",
  '5',
  'AND',
  'OR',
  'FOLLOWEDBY',
  'NOT',
  'IN',
  "('a', 'b')",
  'MATCHES',
  "'^(a|aa)*b$'",
  "'(a+)+'",
  "'a{1001}'",
  'LIKE',
  "'%x_'",
  'ISSUBSET',
  'EXISTS',
  'WITHIN 5 SECONDS',
  'REPEATS 3 TIMES',
  "START t'2024-01-01T00:00:00Z' STOP t'2025-01-01T00:00:00Z'",
  "'\ud800'",
  "h'0g'",
  "b'===='",
];

/** Pattern text built from grammar pieces, so that much of it parses and the rest fails late. */
export const patternText = fc.oneof(
  fc.array(fc.constantFrom(...PATTERN_PIECES), { maxLength: 30 }).map((xs) => xs.join(' ')),
  fc
    .tuple(fc.integer({ min: 0, max: 3_000 }), fc.constantFrom('(', '['))
    .map(([n, open]) =>
      open === '('
        ? `${'('.repeat(n)}[ipv4-addr:value = '1.2.3.4']${')'.repeat(n)}`
        : `[${'('.repeat(n)}ipv4-addr:value = '1.2.3.4'${')'.repeat(n)}]`,
    ),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

/** Arbitrary JSON values, with hostile strings and numbers mixed in. */
export const anyJson: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    anyString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(anyString, tie('value'), { maxKeys: 5 }),
  ),
})).value;

/** A STIX-like indicator, valid in shape, carrying hostile values where a reader looks. */
export const hostileIndicator = fc.record({
  type: fc.constantFrom('indicator', 'ipv4-addr', 'observed-data', 'x-custom'),
  spec_version: fc.constant('2.1'),
  id: fc.oneof(
    fc.uuid().map((u) => `indicator--${u}`),
    fc.constant('indicator--0E000000-0000-4000-8000-000000000000'),
    anyString,
  ),
  created: fc.constant('2026-01-10T08:00:00.000Z'),
  modified: fc.constant('2026-01-10T08:00:00.000Z'),
  valid_from: fc.constant('2026-01-10T08:00:00.000Z'),
  pattern_type: fc.constant('stix'),
  pattern: patternText,
  name: anyString,
  value: anyString,
  x_extra: anyJson,
});

/** Whole request bodies as text: arbitrary JSON, documents of hostile objects, and raw shapes. */
export const bodyText: fc.Arbitrary<string> = fc.oneof(
  anyJson.map((v) => JSON.stringify(v) ?? 'null'),
  fc
    .array(hostileIndicator, { minLength: 1, maxLength: 3 })
    .map((objects) =>
      JSON.stringify({ type: 'bundle', id: 'bundle--00000000-0000-4000-8000-000000000001', objects }),
    ),
  fc.array(hostileIndicator, { minLength: 1, maxLength: 3 }).map((objects) => JSON.stringify({ objects })),
  fc
    .record({ values: fc.array(anyString, { maxLength: 5 }), name: anyString, password: anyString })
    .map((v) => JSON.stringify(v)),
  fc
    .tuple(fc.integer({ min: 60, max: 20_000 }), fc.constantFrom<'array' | 'object'>('array', 'object'))
    .map(([n, kind]) => `{"objects":[${deepText(n, kind)}],"values":${deepText(n, 'array')}}`),
  hugeNumberText.map((n) => `{"values":[${n}],"objects":[{"type":"indicator","x":${n}}],"count":${n}}`),
  fc.string({ unit: 'binary', maxLength: 80 }),
);
