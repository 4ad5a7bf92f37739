import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchPattern } from '../../../src/stix/pattern/index.js';
import { matchedIds, matches, observed, parse } from './helpers.js';

const file = (props: Record<string, unknown>) => ({ type: 'file', ...props });
const ip = (value: string, id?: string) => ({ type: 'ipv4-addr', value, ...(id ? { id } : {}) });

describe('comparison operators', () => {
  const f = observed([file({ name: 'foo.dll', size: 1024, mime_type: 'application/x-pdf' })]);

  it('= and != on strings and integers', () => {
    assert.equal(matches("[file:name = 'foo.dll']", f), true);
    assert.equal(matches("[file:name = 'FOO.dll']", f), false);
    assert.equal(matches("[file:name != 'bar']", f), true);
    assert.equal(matches('[file:size = 1024]', f), true);
    assert.equal(matches('[file:size = 1024.0]', f), true);
    assert.equal(matches("[file:size = '1024']", f), false);
  });

  it('ordering comparisons', () => {
    assert.equal(matches('[file:size > 1000]', f), true);
    assert.equal(matches('[file:size >= 1024]', f), true);
    assert.equal(matches('[file:size < 1024]', f), false);
    assert.equal(matches('[file:size <= 1024]', f), true);
    assert.equal(matches("[file:name < 'g']", f), true);
    assert.equal(matches("[file:name > 'g']", f), false);
  });

  it('IN, LIKE, MATCHES', () => {
    assert.equal(matches("[file:name IN ('a', 'foo.dll')]", f), true);
    assert.equal(matches('[file:size IN (1, 2)]', f), false);
    assert.equal(matches("[file:name LIKE 'foo%']", f), true);
    assert.equal(matches("[file:name LIKE 'fo_.dll']", f), true);
    assert.equal(matches("[file:name LIKE 'fo_dll']", f), false);
    assert.equal(matches("[file:name LIKE '%.DLL']", f), false);
    assert.equal(matches("[file:name MATCHES '^foo\\\\.dll$']", f), true);
    assert.equal(matches("[file:name MATCHES 'oo']", f), true);
    assert.equal(matches("[file:name MATCHES '^oo']", f), false);
  });

  it('every operator takes NOT', () => {
    assert.equal(matches("[file:name NOT = 'foo.dll']", f), false);
    assert.equal(matches("[file:name NOT = 'bar']", f), true);
    assert.equal(matches('[file:size NOT > 2000]', f), true);
    assert.equal(matches("[file:name NOT IN ('a', 'b')]", f), true);
    assert.equal(matches("[file:name NOT LIKE 'foo%']", f), false);
    assert.equal(matches("[file:name NOT MATCHES '^bar']", f), true);
    assert.equal(matches('[NOT EXISTS file:name]', f), false);
    assert.equal(matches('[NOT EXISTS file:ctime]', f), true);
  });

  it('NOT and != are false when the property is missing', () => {
    assert.equal(matches("[file:ctime != 'x']", f), false);
    assert.equal(matches("[file:ctime NOT = 'x']", f), false);
    assert.equal(matches("[file:ctime NOT LIKE 'x%']", f), false);
    assert.equal(matches("[file:ctime NOT IN ('x')]", f), false);
    assert.equal(matches('[EXISTS file:ctime]', f), false);
    assert.equal(matches('[EXISTS file:size]', f), true);
  });

  it('a type that is not in the observation matches nothing, even negated', () => {
    assert.equal(matches("[process:name != 'x']", f), false);
    assert.equal(matches('[NOT EXISTS process:name]', f), false);
  });

  it('ISSUBSET and ISSUPERSET with IPv4 and IPv6', () => {
    const o = observed([ip('198.51.100.7'), { type: 'ipv6-addr', value: '2001:db8:dead:beef::1' }]);
    assert.equal(matches("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", o), true);
    assert.equal(matches("[ipv4-addr:value ISSUBSET '198.51.101.0/24']", o), false);
    assert.equal(matches("[ipv4-addr:value NOT ISSUBSET '10.0.0.0/8']", o), true);
    assert.equal(matches("[ipv6-addr:value ISSUBSET '2001:0db8:dead:beef:0000:0000:0000:0000/64']", o), true);
    assert.equal(matches("[ipv6-addr:value ISSUBSET '2001:db8:dead:bee0::/64']", o), false);
    const net = observed([ip('10.0.0.0/8')]);
    assert.equal(matches("[ipv4-addr:value ISSUPERSET '10.1.2.3']", net), true);
    assert.equal(matches("[ipv4-addr:value ISSUPERSET '11.1.2.3']", net), false);
    assert.equal(matches("[ipv4-addr:value ISSUBSET '10.0.0.0/7']", net), true);
    assert.equal(matches("[ipv4-addr:value ISSUBSET '10.0.0.0/9']", net), false);
  });

  it('address values compare as addresses: a /32 is the address', () => {
    const o = observed([ip('203.0.113.33')]);
    assert.equal(matches("[ipv4-addr:value = '203.0.113.33/32']", o), true);
    assert.equal(matches("[ipv4-addr:value = '203.0.113.33']", o), true);
    const v6 = observed([{ type: 'ipv6-addr', value: '2001:db8::1' }]);
    assert.equal(matches("[ipv6-addr:value = '2001:0db8:0:0:0:0:0:0001']", v6), true);
  });

  it('timestamps compare as instants, whatever the precision', () => {
    const o = observed([file({ created: '2014-01-13T07:03:17.000Z' })]);
    assert.equal(matches("[file:created = t'2014-01-13T07:03:17Z']", o), true);
    assert.equal(matches("[file:created > t'2014-01-13T07:03:16.999999Z']", o), true);
    assert.equal(matches("[file:created = '2014-01-13T07:03:17Z']", o), false);
  });

  it('binaries compare byte by byte with _bin and _hex properties', () => {
    const o = observed([
      { type: 'artifact', payload_bin: Buffer.from('this is a test').toString('base64') },
      file({ magic_number_hex: 'FFD8' }),
    ]);
    assert.equal(matches("[artifact:payload_bin = b'dGhpcyBpcyBhIHRlc3Q=']", o), true);
    assert.equal(matches("[artifact:payload_bin = 'this is a test']", o), true);
    assert.equal(matches("[file:magic_number_hex = h'ffd8']", o), true);
    assert.equal(matches("[file:magic_number_hex > h'ff00']", o), true);
    assert.equal(matches("[file:magic_number_hex = h'ffd9']", o), false);
  });

  it('MATCHES on binary properties reads the bytes', () => {
    const pcap = Buffer.from([0xd4, 0xc3, 0xb2, 0xa1, 0x02, 0x00, 0x04, 0x00, 0x99]).toString('base64');
    const o = observed([{ type: 'artifact', mime_type: 'application/vnd.tcpdump.pcap', payload_bin: pcap }]);
    const p =
      "[artifact:mime_type = 'application/vnd.tcpdump.pcap' AND artifact:payload_bin MATCHES '\\\\xd4\\\\xc3\\\\xb2\\\\xa1\\\\x02\\\\x00\\\\x04\\\\x00']";
    assert.equal(matches(p, o), true);
  });

  it('strings are compared after NFC normalisation', () => {
    const o = observed([file({ name: 'cafe\u0301' })]);
    assert.equal(matches("[file:name = 'caf\u00e9']", o), true);
    assert.equal(matches("[file:name LIKE 'caf_']", o), true);
  });
});

describe('object paths', () => {
  it('quoted keys and hashes under either spelling', () => {
    const o = observed([
      file({ hashes: { 'SHA-256': 'aa'.repeat(32), MD5: 'cead3f77f6cda6ec00f57d76c9a6879f' } }),
    ]);
    assert.equal(matches(`[file:hashes.'SHA-256' = '${'aa'.repeat(32)}']`, o), true);
    assert.equal(matches("[file:hashes.MD5 = 'cead3f77f6cda6ec00f57d76c9a6879f']", o), true);
    const old = observed([file({ hashes: { sha256: 'bb'.repeat(32) } })]);
    assert.equal(matches(`[file:hashes.'SHA-256' = '${'bb'.repeat(32)}']`, old), true);
  });

  it('[*] is any element, [n] one element, also from the end', () => {
    const o = observed([
      file({ extensions: { 'windows-pebinary-ext': { sections: [{ entropy: 3.2 }, { entropy: 7.9 }] } } }),
    ]);
    assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]", o), true);
    assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[0].entropy > 7.0]", o), false);
    assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[1].entropy > 7.0]", o), true);
    assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[-1].entropy > 7.0]", o), true);
    assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[5].entropy > 0]", o), false);
    assert.equal(matches("[file:extensions.'windows-pebinary-ext'.sections[*].entropy NOT > 7.0]", o), true);
  });

  it('[*] over a dictionary means any value', () => {
    const o = observed([file({ hashes: { MD5: '8665c8d477534008b3058b72e2dae8ae' } })]);
    assert.equal(matches("[file:hashes[*] = '8665c8d477534008b3058b72e2dae8ae']", o), true);
  });

  it('_ref and _refs steps follow references', () => {
    const o = observed([
      { type: 'network-traffic', dst_ref: 'ipv4-addr--x', protocols: ['tcp'] },
      ip('203.0.113.33', 'ipv4-addr--x'),
      { type: 'domain-name', value: 'www.5z8.info', resolves_to_refs: ['ipv4-addr--y', 'ipv4-addr--z'] },
      ip('198.51.100.2', 'ipv4-addr--y'),
      ip('198.51.100.1', 'ipv4-addr--z'),
    ]);
    assert.equal(
      matches(
        "[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = '203.0.113.33/32']",
        o,
      ),
      true,
    );
    assert.equal(matches("[network-traffic:dst_ref = 'ipv4-addr--x']", o), true);
    assert.equal(
      matches(
        "[domain-name:value = 'www.5z8.info' AND domain-name:resolves_to_refs[*].value = '198.51.100.1/32']",
        o,
      ),
      true,
    );
    assert.equal(matches("[domain-name:resolves_to_refs[0].value = '198.51.100.1']", o), false);
    assert.equal(matches("[network-traffic:protocols[*] = 'tcp']", o), true);
  });

  it('email body parts: list, then a reference', () => {
    const o = observed([
      { type: 'email-addr', id: 'email-addr--a', value: 'boss@example.com' },
      {
        type: 'email-message',
        is_multipart: true,
        from_ref: 'email-addr--a',
        body_multipart: [{ body: 'hi' }, { body_raw_ref: 'file--att' }],
      },
      { type: 'file', id: 'file--att', name: 'Final Report 2024.exe' },
    ]);
    const p =
      "[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$' AND email-message:body_multipart[*].body_raw_ref.name MATCHES '^Final Report.+\\\\.exe$']";
    assert.equal(matches(p, o), true);
  });
});

describe('AND and OR inside one observation', () => {
  const o = observed([
    { type: 'user-account', account_type: 'unix', user_id: '1007', account_login: 'Peter' },
    { type: 'user-account', account_type: 'unix', user_id: '1008', account_login: 'Paul' },
    { type: 'network-traffic', src_port: 37020 },
  ]);

  it('comparisons on one type must hold for the same object', () => {
    assert.equal(
      matches("[user-account:user_id = '1007' AND user-account:account_login = 'Peter']", o),
      true,
    );
    assert.equal(
      matches("[user-account:user_id = '1007' AND user-account:account_login = 'Paul']", o),
      false,
    );
  });

  it('comparisons on different types may use different objects of the observation', () => {
    assert.equal(matches("[network-traffic:src_port = 37020 AND user-account:user_id = '1008']", o), true);
    assert.equal(matches("[network-traffic:src_port = 1 AND user-account:user_id = '1008']", o), false);
  });

  it('OR, parentheses and precedence', () => {
    assert.equal(matches("[user-account:user_id = '9' OR user-account:account_login = 'Paul']", o), true);
    assert.equal(
      matches(
        "[(user-account:user_id = '9' OR user-account:user_id = '1007') AND user-account:account_login = 'Peter']",
        o,
      ),
      true,
    );
    // AND binds tighter than OR: false OR (true AND true)
    assert.equal(
      matches(
        "[user-account:user_id = '9' OR user-account:user_id = '1008' AND user-account:account_login = 'Paul']",
        o,
      ),
      true,
    );
  });

  it('comparisons in one bracket never combine two observations', () => {
    const a = observed([file({ name: 'a' })]);
    const b = observed([file({ size: 5 })]);
    assert.equal(matches("[file:name = 'a' AND file:size = 5]", a, b), false);
    assert.equal(matches("[file:name = 'a'] AND [file:size = 5]", a, b), true);
  });
});

describe('observation operators and qualifiers', () => {
  const md5 = "[file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4']";
  const key = "[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']";
  const f = (at: string, span = 0) =>
    observed([file({ hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } })], { at, span });
  const k = (at: string, span = 0) =>
    observed([{ type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' }], { at, span });

  it('AND needs two different observations', () => {
    const both = observed([
      file({ hashes: { MD5: '79054025255fb1a26e4bc422aef54eb4' } }),
      { type: 'windows-registry-key', key: 'HKEY_LOCAL_MACHINE\\foo\\bar' },
    ]);
    assert.equal(matches(`${md5} AND ${key}`, both), false);
    assert.equal(matches(`${md5} AND ${key}`, f('2024-01-01T00:00:00Z'), k('2024-01-01T00:00:10Z')), true);
    assert.equal(matches(`${md5} AND ${md5}`, f('2024-01-01T00:00:00Z')), false);
  });

  it('OR needs either', () => {
    assert.equal(matches(`${md5} OR ${key}`, k('2024-01-01T00:00:00Z')), true);
    assert.deepEqual(matchedIds(`${md5} OR [file:name = 'x']`, k('2024-01-01T00:00:00Z')), []);
  });

  it('FOLLOWEDBY needs the right side no earlier than the left', () => {
    assert.equal(
      matches(`${md5} FOLLOWEDBY ${key}`, f('2024-01-01T00:00:00Z'), k('2024-01-01T00:05:00Z')),
      true,
    );
    assert.equal(
      matches(`${md5} FOLLOWEDBY ${key}`, k('2024-01-01T00:00:00Z'), f('2024-01-01T00:05:00Z')),
      false,
    );
    // Overlapping intervals leave room for the order.
    assert.equal(
      matches(`${md5} FOLLOWEDBY ${key}`, k('2024-01-01T00:00:00Z', 600), f('2024-01-01T00:05:00Z')),
      true,
    );
  });

  it('FOLLOWEDBY with WITHIN', () => {
    const p = `(${md5} FOLLOWEDBY ${key}) WITHIN 300 SECONDS`;
    assert.equal(matches(p, f('2024-01-01T00:00:00Z'), k('2024-01-01T00:05:00Z')), true);
    assert.equal(matches(p, f('2024-01-01T00:00:00Z'), k('2024-01-01T00:05:00.001Z')), false);
    assert.equal(matches(p, k('2024-01-01T00:00:00Z'), f('2024-01-01T00:01:00Z')), false);
    // Without parentheses WITHIN binds to the right-hand bracket only.
    const loose = `${md5} FOLLOWEDBY ${key} WITHIN 300 SECONDS`;
    assert.equal(matches(loose, f('2024-01-01T00:00:00Z'), k('2024-01-01T09:00:00Z')), true);
  });

  it('REPEATS counts observations, including number_observed', () => {
    const p = "[domain-name:value = 'example.com'] REPEATS 3 TIMES";
    const d = (at: string, count = 1) =>
      observed([{ type: 'domain-name', value: 'example.com' }], { at, count });
    assert.equal(matches(p, d('2024-01-01T00:00:00Z'), d('2024-01-01T00:01:00Z')), false);
    assert.equal(
      matches(p, d('2024-01-01T00:00:00Z'), d('2024-01-01T00:01:00Z'), d('2024-01-01T00:02:00Z')),
      true,
    );
    assert.equal(matches(p, d('2024-01-01T00:00:00Z', 3)), true);
    assert.equal(matches(p, d('2024-01-01T00:00:00Z', 2), d('2024-01-01T00:09:00Z')), true);
  });

  it('REPEATS across observations with WITHIN', () => {
    const p =
      "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS";
    const nt = (at: string) =>
      observed(
        [
          { type: 'network-traffic', dst_ref: `domain-name--${at}` },
          { type: 'domain-name', id: `domain-name--${at}`, value: 'example.com' },
        ],
        { at },
      );
    const five = ['00:00', '00:05', '00:10', '00:20', '00:30'].map((m) => nt(`2024-01-01T${m}:00Z`));
    assert.equal(matches(p, ...five), true);
    const spread = ['00:00', '00:05', '00:10', '00:20', '00:31'].map((m) => nt(`2024-01-01T${m}:00Z`));
    assert.equal(matches(p, ...spread), false);
    assert.equal(matches(p, ...spread, nt('2024-01-01T00:15:00Z')), true);
  });

  it('REPEATS on a group repeats the whole group with distinct observations', () => {
    const p = `(${md5} AND ${key}) REPEATS 2 TIMES`;
    assert.equal(matches(p, f('2024-01-01T00:00:00Z'), k('2024-01-01T00:00:00Z')), false);
    assert.equal(
      matches(
        p,
        f('2024-01-01T00:00:00Z'),
        k('2024-01-01T00:00:00Z'),
        f('2024-01-02T00:00:00Z'),
        k('2024-01-02T00:00:00Z'),
      ),
      true,
    );
  });

  it('START/STOP keeps observations that overlap [START, STOP)', () => {
    const p = `${md5} START t'2024-01-01T00:00:00Z' STOP t'2024-01-02T00:00:00Z'`;
    assert.equal(matches(p, f('2024-01-01T12:00:00Z')), true);
    assert.equal(matches(p, f('2024-01-02T00:00:00Z')), false);
    assert.equal(matches(p, f('2023-12-31T23:00:00Z', 3600)), true);
    assert.equal(matches(p, f('2023-12-31T22:00:00Z', 3599)), false);
  });

  it('WITHIN on one observation always holds', () => {
    assert.equal(matches(`${md5} WITHIN 1 SECONDS`, f('2024-01-01T00:00:00Z', 3600)), true);
  });

  it('AND binds tighter than OR, OR tighter than FOLLOWEDBY', () => {
    const a = '[x-a:v = 1]';
    const b = '[x-b:v = 1]';
    const c = '[x-c:v = 1]';
    const oa = observed([{ type: 'x-a', v: 1 }]);
    const oc = observed([{ type: 'x-c', v: 1 }]);
    // a OR (b AND c)
    assert.equal(matches(`${a} OR ${b} AND ${c}`, oa), true);
    assert.equal(matches(`(${a} OR ${b}) AND ${c}`, oa), false);
    assert.equal(matches(`${a} OR ${b} FOLLOWEDBY ${c}`, oa), false);
    assert.equal(matches(`${a} OR ${b} FOLLOWEDBY ${c}`, oa, oc), true);
  });

  it('returns the observed-data ids that take part', () => {
    const x = observed([file({ name: 'a' })], { id: 'observed-data--x' });
    const y = observed([file({ name: 'b' })], { id: 'observed-data--y' });
    const z = observed([file({ name: 'c' })], { id: 'observed-data--z' });
    assert.deepEqual(matchedIds("[file:name = 'a'] OR [file:name = 'c']", x, y, z), [
      'observed-data--x',
      'observed-data--z',
    ]);
  });
});

describe('input shapes', () => {
  it('STIX 2.0 observed-data with embedded objects and local references', () => {
    const od = {
      type: 'observed-data',
      id: 'observed-data--20',
      first_observed: '2024-01-01T00:00:00Z',
      last_observed: '2024-01-01T00:00:00Z',
      number_observed: 1,
      objects: {
        '0': { type: 'ipv4-addr', value: '1.2.3.4' },
        '1': { type: 'network-traffic', dst_ref: '0' },
      },
    };
    const r = matchPattern(parse("[network-traffic:dst_ref.value = '1.2.3.4']"), [od]);
    assert.deepEqual(r.observedDataIds, ['observed-data--20']);
  });

  it('SCOs given separately, as a Map', () => {
    const [od, ...scos] = observed([file({ name: 'sep' })]) as [object, ...{ id: string }[]];
    const r = matchPattern(parse("[file:name = 'sep']"), [od], new Map(scos.map((s) => [s.id, s])));
    assert.equal(r.matched, true);
  });

  it('bad observed-data is skipped with a warning', () => {
    const r = matchPattern(parse("[file:name = 'x']"), [
      { type: 'observed-data', id: 'od', first_observed: 'nope', last_observed: 'x' },
    ]);
    assert.equal(r.matched, false);
    assert.match(r.warnings[0]!, /od/);
  });
});
