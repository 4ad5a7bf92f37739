import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { observablesOf } from '../../src/intel/object-observables.js';
import { type MatchHow, ObservableIndex } from '../../src/intel/observable-index.js';
import { classifyValue, displayValue, parseIpv4 } from '../../src/intel/observable-keys.js';

const kindOf = (s: string) => classifyValue(s)?.kind ?? null;
const norm = (s: string) => {
  const v = classifyValue(s);
  return v ? displayValue(v) : null;
};

describe('classifying a pasted value', () => {
  test('recognises each kind, in the normal form the index keys it by', () => {
    assert.equal(kindOf('203.0.113.7'), 'ipv4');
    assert.equal(norm('10.1.2.3/8'), '10.0.0.0/8', 'a range is its network');
    assert.equal(kindOf('2001:db8::1'), 'ipv6');
    assert.equal(norm('2001:DB8:0:0::1'), '2001:db8:0:0:0:0:0:1');
    assert.equal(norm('2001:db8::/32'), '2001:db8:0:0:0:0:0:0/32');
    assert.equal(norm('::ffff:192.0.2.1'), '0:0:0:0:0:ffff:c000:201');
    assert.equal(norm('EVIL.Example.'), 'evil.example');
    assert.equal(norm('пример.рф'), 'xn--e1afmkfd.xn--p1ai', 'an IDN is looked up as punycode');
    assert.equal(norm('HTTP://Evil.EXAMPLE:80/a?b=1#frag'), 'http://evil.example/a?b=1');
    assert.equal(kindOf('Boss@Evil.example'), 'email');
    assert.equal(norm('D41D8CD98F00B204E9800998ECF8427E'), 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(kindOf('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'), 'hash');
    assert.equal(norm('as64500'), 'AS64500');
  });

  test('refuses what is none of them, rather than guessing', () => {
    for (const bad of ['', '   ', 'hello', '300.1.1.1', '010.1.1.1', '1.2.3', '1.2.3.4/33', 'exa mple.com']) {
      assert.equal(classifyValue(bad), null, bad);
    }
    assert.equal(kindOf('-bad-.example'), null);
    assert.equal(kindOf('fe80::1%eth0'), null, 'a zone id names an interface');
    assert.equal(kindOf('x'.repeat(3000)), null);
  });

  test('parseIpv4 agrees with the arithmetic for every address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const expected = ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
        return parseIpv4(ip) === expected;
      }),
    );
  });
});

describe('the observables an object speaks of', () => {
  const indicator = (pattern: string) => ({ type: 'indicator', pattern_type: 'stix', pattern });

  test('an indicator: equality and CIDR terms, partial when the pattern asks for more', () => {
    const got = observablesOf(
      indicator(
        "[ipv4-addr:value = '198.51.100.0/24'] OR [domain-name:value = 'c2.example' AND domain-name:resolves_to_refs[*].value = '192.0.2.9']",
      ),
    ).map((o) => [displayValue(o.value), o.sufficient]);
    assert.deepEqual(got, [
      ['198.51.100.0/24', true],
      ['c2.example', false],
      ['192.0.2.9', false],
    ]);
    assert.deepEqual(
      observablesOf(indicator("[ipv4-addr:value ISSUBSET '10.0.0.0/8']")).map((o) => displayValue(o.value)),
      ['10.0.0.0/8'],
    );
    assert.deepEqual(
      observablesOf(indicator("[file:hashes.'SHA-256' = 'AB'] OR [file:name = 'evil.example']")),
      [],
      'a file name is not a domain, and a short hex string is not a hash',
    );
    assert.deepEqual(
      observablesOf(indicator("[domain-name:value LIKE '%.example']")),
      [],
      'LIKE is not indexed',
    );
    assert.deepEqual(observablesOf({ type: 'indicator', pattern_type: 'sigma', pattern: 'x' }), []);
  });

  test('cyber-observables, also those embedded in STIX 2.0 observed-data', () => {
    assert.deepEqual(
      observablesOf({ type: 'file', hashes: { MD5: 'D41D8CD98F00B204E9800998ECF8427E' } }).map((o) => o.key),
      ['h:d41d8cd98f00b204e9800998ecf8427e'],
    );
    assert.deepEqual(
      observablesOf({
        type: 'observed-data',
        objects: { 0: { type: 'url', value: 'http://a.example/x' } },
      }).map((o) => o.key),
      ['u:http://a.example/x'],
    );
    assert.deepEqual(
      observablesOf({ type: 'autonomous-system', number: 64500 }).map((o) => o.key),
      ['a:64500'],
    );
  });
});

describe('the observable index', () => {
  const index = new ObservableIndex();
  const put = (id: string, value: string) => {
    const v = classifyValue(value)!;
    index.add(id, v);
  };
  put('indicator--net', '10.0.0.0/8');
  put('indicator--host', '10.1.2.3');
  put('indicator--dom', 'evil.example');
  put('indicator--url', 'http://bad.example/payload');
  put('indicator--v6', '2001:db8::/32');
  const probe = (value: string): [string, MatchHow][] => {
    const out: [string, MatchHow][] = [];
    index.probe(classifyValue(value)!, (id, _key, how) => out.push([id, how]));
    return out.sort();
  };

  test('an address finds itself and the ranges that hold it', () => {
    assert.deepEqual(probe('10.1.2.3'), [
      ['indicator--host', 'exact'],
      ['indicator--net', 'range'],
    ]);
    assert.deepEqual(probe('10.9.9.9'), [['indicator--net', 'range']]);
    assert.deepEqual(probe('11.0.0.1'), []);
    assert.deepEqual(probe('10.0.0.0/8'), [['indicator--net', 'exact']]);
    assert.deepEqual(probe('2001:db8:1::5'), [['indicator--v6', 'range']]);
    assert.equal(index.has(classifyValue('10.200.0.1')!), true);
    assert.equal(index.has(classifyValue('192.0.2.1')!), false);
    assert.equal(index.has(classifyValue('a.b.evil.example')!), true);
    assert.equal(index.has(classifyValue('https://cdn.evil.example/')!), true);
    assert.equal(index.has(classifyValue('evil.example.org')!), false);
  });

  test('a name finds what was reported on it and on its parent domains; a URL also by its host', () => {
    assert.deepEqual(probe('www.login.evil.example'), [['indicator--dom', 'parent-domain']]);
    assert.deepEqual(probe('notevil.example'), []);
    assert.deepEqual(probe('http://bad.example/payload#x'), [['indicator--url', 'exact']]);
    assert.deepEqual(probe('https://cdn.evil.example/x'), [['indicator--dom', 'url-host']]);
    assert.deepEqual(probe('http://10.1.2.3/'), [
      ['indicator--host', 'url-host'],
      ['indicator--net', 'url-host'],
    ]);
    assert.deepEqual(probe('ceo@mail.evil.example'), [['indicator--dom', 'email-domain']]);
  });

  test('a value reported by many objects keeps one entry each, added once', () => {
    const many = new ObservableIndex();
    const v = classifyValue('192.0.2.1')!;
    for (let i = 0; i < 100; i++) for (let j = 0; j < 2; j++) many.add(`indicator--${i}`, v);
    assert.equal(many.size, 100);
    let n = 0;
    many.probe(v, () => n++);
    assert.equal(n, 100);
  });
});
