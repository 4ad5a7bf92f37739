import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalJson, sha256Hex } from '../../src/stix/index.js';

describe('canonicalJson (RFC 8785)', () => {
  it('serialises the RFC 8785 section 3.2.2 sample', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    assert.equal(
      canonicalJson(input),
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 section 3.2.3 sample)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const text = canonicalJson(input);
    // The emoji (a surrogate pair starting 0xD83D) sorts before U+FB33 although its code point is higher.
    const expected = [
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ];
    const positions = expected.map((value) => text.indexOf(value));
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
    );
    assert.ok(text.startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"'));
  });

  const numbers: [number, string][] = [
    [0, '0'],
    [-0, '0'],
    [1, '1'],
    [-1.5, '-1.5'],
    [1e21, '1e+21'],
    [1e20, '100000000000000000000'],
    [1e-7, '1e-7'],
    [0.000001, '0.000001'],
    [9007199254740991, '9007199254740991'],
    [5e-324, '5e-324'],
  ];
  for (const [value, text] of numbers) {
    it(`formats ${text} as ECMAScript does`, () => assert.equal(canonicalJson(value), text));
  }

  it('sorts nested objects and keeps array order', () => {
    assert.equal(
      canonicalJson({ z: [3, 1, { b: 1, a: 2 }], a: { y: true, x: 'v' } }),
      '{"a":{"x":"v","y":true},"z":[3,1,{"a":2,"b":1}]}',
    );
  });

  it('refuses values JSON cannot carry', () => {
    assert.throws(() => canonicalJson(Number.NaN));
    assert.throws(() => canonicalJson(Number.POSITIVE_INFINITY));
    assert.throws(() => canonicalJson([1, { a: [Number.NaN] }]), TypeError);
    assert.throws(() => canonicalJson(undefined), TypeError);
  });

  it('orders names that look like array indices as text, as observed-data keys its objects', () => {
    const objects = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [String(i), { type: 'x' }]));
    assert.equal(
      canonicalJson({ objects }),
      `{"objects":{${['0', '1', '10', '11', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => `"${k}":{"type":"x"}`).join(',')}}}`,
    );
  });

  it('keeps a member named __proto__, and serialises what has its own toJSON', () => {
    assert.equal(
      canonicalJson(JSON.parse('{"b":1,"__proto__":{"x":1},"a":2}')),
      '{"__proto__":{"x":1},"a":2,"b":1}',
    );
    assert.equal(canonicalJson({ when: new Date(0), a: 1 }), '{"a":1,"when":"1970-01-01T00:00:00.000Z"}');
    assert.equal(canonicalJson(Object.assign(Object.create(null), { b: 1, a: 2 })), '{"a":2,"b":1}');
  });

  it('gives what a plain recursive writer of RFC 8785 gives, over 2,000 random values', () => {
    // The reference: members sorted by UTF-16 code units, each value written the same way.
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const keys = Object.keys(v).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference((v as Record<string, unknown>)[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const names = ['a', 'b', 'B', 'é', '\u{1F600}', '0', '1', '10', '9', 'type', 'x_y', '', 'aa', 'id'];
    const value = (depth: number): unknown => {
      const r = rand(depth > 3 ? 4 : 7);
      if (r === 0) return rand(2) === 0 ? rand(1000) - 500 : rand(1e6) / 7;
      if (r === 1) return names[rand(names.length)]!.repeat(rand(3));
      if (r === 2) return rand(3) === 0 ? null : rand(2) === 0;
      if (r === 3) return `s${rand(100)}`;
      if (r === 4) return Array.from({ length: rand(4) }, () => value(depth + 1));
      return Object.fromEntries(
        Array.from({ length: rand(6) }, () => [names[rand(names.length)]!, value(depth + 1)]),
      );
    };
    for (let i = 0; i < 2000; i++) {
      const v = value(0);
      assert.equal(canonicalJson(v), reference(v));
    }
  });
});

describe('sha256Hex', () => {
  it('hashes the UTF-8 bytes of a string', () => {
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
