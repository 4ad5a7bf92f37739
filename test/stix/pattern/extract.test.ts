import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractObservableSet, extractObservables } from '../../../src/stix/pattern/index.js';
import { parse } from './helpers.js';

const terms = (p: string) => extractObservables(parse(p));

describe('observable extraction', () => {
  it('a single equality is sufficient', () => {
    assert.deepEqual(terms("[ipv4-addr:value = '198.51.100.1']"), [
      { scoType: 'ipv4-addr', property: 'value', op: 'eq', value: '198.51.100.1', sufficient: true },
    ]);
  });

  it('hash paths print as in the pattern', () => {
    const [t] = terms(`[file:hashes.'SHA-256' = '${'a'.repeat(64)}']`);
    assert.equal(t!.property, "hashes.'SHA-256'");
    assert.equal(t!.sufficient, true);
  });

  it('OR keeps sufficiency; AND makes terms only necessary', () => {
    assert.deepEqual(
      terms("[url:value = 'http://a' OR url:value = 'http://b']").map((t) => [t.value, t.sufficient]),
      [
        ['http://a', true],
        ['http://b', true],
      ],
    );
    assert.deepEqual(
      terms("[file:name = 'a' AND file:size = 3]").map((t) => t.sufficient),
      [false, false],
    );
    assert.deepEqual(
      terms("[file:name = 'a'] AND [file:name = 'b']").map((t) => t.sufficient),
      [false, false],
    );
    assert.deepEqual(
      terms("[file:name = 'a'] OR [file:name = 'b']").map((t) => t.sufficient),
      [true, true],
    );
  });

  it('CIDR, LIKE, IN and order operators', () => {
    assert.deepEqual(terms("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")[0]!.op, 'cidr');
    assert.deepEqual(terms("[domain-name:value LIKE '%.example.com']")[0]!.op, 'like');
    assert.deepEqual(
      terms("[domain-name:value IN ('a.com', 'b.com')]").map((t) => t.value),
      ['a.com', 'b.com'],
    );
    assert.deepEqual(terms('[file:size > 5]')[0]!.op, 'gt');
    assert.equal(terms("[file:magic_number_hex = h'ffd8']")[0]!.valueKind, 'hex');
  });

  it('qualifiers that constrain time or count make terms only necessary', () => {
    assert.equal(terms("[a:b = 'x'] REPEATS 2 TIMES")[0]!.sufficient, false);
    assert.equal(terms("[a:b = 'x'] WITHIN 5 SECONDS")[0]!.sufficient, true);
    assert.equal(
      terms("[a:b = 'x'] START t'2024-01-01T00:00:00Z' STOP t'2024-02-01T00:00:00Z'")[0]!.sufficient,
      false,
    );
  });

  it('negations give no terms, and say when the terms do not cover every match', () => {
    assert.deepEqual(terms("[a:b != 'x']"), []);
    assert.equal(extractObservableSet(parse("[a:b != 'x']")).complete, false);
    assert.equal(extractObservableSet(parse("[a:b = 'x' OR a:c != 'y']")).complete, false);
    assert.equal(extractObservableSet(parse("[a:b = 'x' AND a:c != 'y']")).complete, true);
    assert.equal(extractObservableSet(parse("[a:b = 'x'] OR [a:c NOT = 'y']")).complete, false);
  });

  it('reference paths stay on the referring type', () => {
    const [t] = terms("[network-traffic:dst_ref.value = '1.2.3.4']");
    assert.deepEqual([t!.scoType, t!.property, t!.sufficient], ['network-traffic', 'dst_ref.value', true]);
  });
});
