// Every reader of input, fed arbitrary and hostile values: the JSON door, the limits walk, the
// validator, canonical JSON, the pattern parser, printer, extractor and matcher, and the
// observable index. None may throw anything but a catalogue error — never a RangeError —
// and what one admits the next must read. Bounded in time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isAccordError } from '../../src/errors.js';
import { readObservables } from '../../src/intel/object-observables.js';
import { canonicalJson } from '../../src/stix/canonical.js';
import { parseJsonBody } from '../../src/stix/json-text.js';
import { checkJsonLimits, loneSurrogateAt } from '../../src/stix/limits.js';
import {
  checkPattern,
  extractObservableSet,
  matchPattern,
  parsePattern,
  printPattern,
} from '../../src/stix/pattern/index.js';
import { validateDocument } from '../../src/stix/validate.js';
import { anyJson, bodyText, hostileIndicator, patternText } from './hostile.js';

// Five properties of at most six seconds each: the parsers' share of the fuzz suite's two minutes.
const RUN = { numRuns: 1_000, interruptAfterTimeLimit: 6_000 };

/** Runs `f`; a thrown value must be a catalogue error (what the HTTP layer and CLI report as 4xx). */
function onlyCatalogueErrors<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    assert.ok(isAccordError(e), `threw ${(e as Error)?.name}: ${(e as Error)?.message}`);
    assert.ok(e.status < 500, `threw ${e.code}`);
    return undefined;
  }
}

const T = '2024-01-01T00:00:00Z';
const observed = [
  { type: 'ipv4-addr', id: 'ipv4-addr--00000000-0000-4000-8000-000000000001', value: '198.51.100.7' },
  { type: 'file', id: 'file--00000000-0000-4000-8000-000000000002', name: `${'a'.repeat(40)}c` },
  {
    type: 'observed-data',
    id: 'observed-data--00000000-0000-4000-8000-000000000003',
    first_observed: T,
    last_observed: T,
    number_observed: 3,
    object_refs: [
      'ipv4-addr--00000000-0000-4000-8000-000000000001',
      'file--00000000-0000-4000-8000-000000000002',
    ],
  },
];

describe('fuzzing the readers', () => {
  it('the JSON door admits only what the limits allow, and canonical JSON reads all of it', () => {
    fc.assert(
      fc.property(bodyText, (text) => {
        const doc = onlyCatalogueErrors(() => parseJsonBody(text));
        if (doc === undefined) return;
        assert.equal(checkJsonLimits(doc), undefined);
        const canonical = canonicalJson(doc);
        // What the door admits can be written out and read back by any JSON reader.
        assert.deepEqual(JSON.parse(canonical), JSON.parse(JSON.stringify(doc)));
        assert.equal(loneSurrogateAt(canonical), -1, 'no unpaired surrogate reaches an export');
      }),
      RUN,
    );
  });

  it('the validator reports every arbitrary document as issues, never by throwing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          anyJson,
          fc
            .array(hostileIndicator, { maxLength: 3 })
            .map((objects) => ({ type: 'bundle', id: 'bundle--1', objects })),
        ),
        (doc) => {
          const r = validateDocument(doc, { checkPattern: (p) => checkPattern(p) });
          assert.equal(typeof r.ok, 'boolean');
        },
      ),
      RUN,
    );
  });

  it('canonical JSON and the limits walk take any value without a RangeError', () => {
    fc.assert(
      fc.property(anyJson, fc.integer({ min: 0, max: 20_000 }), (v, depth) => {
        let deep: unknown = v;
        for (let i = 0; i < depth; i++) deep = [deep];
        if (depth > 64) assert.equal(checkJsonLimits(deep)?.code, 'limit-exceeded');
        onlyCatalogueErrors(() => canonicalJson(deep));
      }),
      { ...RUN, numRuns: 100 },
    );
  });

  it('the pattern parser, printer, extractor and matcher take any text', () => {
    fc.assert(
      fc.property(patternText, (text) => {
        const r = parsePattern(text);
        assert.equal(checkPattern(text).length === 0, r.ok);
        if (!r.ok) {
          assert.match(r.error.message, / at \d+:\d+/);
          return;
        }
        const printed = printPattern(r.ast);
        const again = parsePattern(printed);
        assert.ok(again.ok, `printed form ${printed} does not parse`);
        assert.deepEqual(again.ast, r.ast);
        extractObservableSet(r.ast);
        onlyCatalogueErrors(() => matchPattern(r.ast, observed, undefined, { budgetMs: 500 }));
      }),
      RUN,
    );
  });

  it('the observable index reads any object, reporting what it cannot', () => {
    fc.assert(
      fc.property(fc.oneof(hostileIndicator, anyJson), (o) => {
        if (o === null || typeof o !== 'object' || Array.isArray(o)) return;
        const r = readObservables(o as Record<string, unknown>);
        assert.ok(Array.isArray(r.observables));
        if (r.unreadable !== undefined) assert.equal(typeof r.unreadable, 'string');
      }),
      RUN,
    );
  });
});
