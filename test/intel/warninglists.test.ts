import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { classifyValue } from '../../src/intel/observable-keys.js';
import { parseWarninglist } from '../../src/intel/warninglists/format.js';
import { WarninglistMatcher } from '../../src/intel/warninglists/matcher.js';
import { loadWarninglists, WARNINGLISTS_ENV } from '../../src/intel/warninglists/service.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { runCli } from '../helpers/cli.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// Warninglists name values that are benign for everyone (a public resolver, a private range):
// a Party reporting one is kept, but told so, and no firewall fed from here blocks it.

const AT = '2026-03-01T00:00:00.000Z';
let n = 0;
function indicator(pattern: string) {
  n += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--a1000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: AT,
    modified: AT,
    name: `warninglist test ${n}`,
    pattern,
    pattern_type: 'stix',
    valid_from: AT,
    object_marking_refs: [TLP2_IDS.green],
  };
}
const bundle = (objects: unknown[]) => ({
  type: 'bundle',
  id: `bundle--a1000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
  objects,
});

describe('warninglist format and matching', () => {
  const shipped = loadWarninglists({ dir: null });
  const on = (v: string) => shipped.match(classifyValue(v)!).map((h) => h.id);

  test('the shipped lists flag special-use ranges, resolvers and reserved names, and nothing else', () => {
    assert.deepEqual(on('8.8.8.8'), ['public-dns-resolvers']);
    assert.deepEqual(on('2606:4700:4700::1111'), ['public-dns-resolvers']);
    assert.deepEqual(on('10.20.30.40'), ['special-use-ipv4']);
    assert.deepEqual(on('100.64.1.1'), ['special-use-ipv4']);
    assert.deepEqual(on('fd12:3456::1'), ['special-use-ipv6']);
    assert.deepEqual(on('203.0.113.45'), ['documentation-ranges']);
    assert.deepEqual(on('www.example.com'), ['reserved-names']);
    assert.deepEqual(on('host.test'), ['reserved-names']);
    assert.deepEqual(on('http://login.microsoft.com/x'), ['benign-domains']);
    assert.deepEqual(on('8.8.8.9'), []);
    assert.deepEqual(on('evilmicrosoft.com'), []);
    assert.deepEqual(on('172.32.0.1'), []);
  });

  test('string, substring and regex lists compare the value as written', () => {
    const text = (type: string, list: string[]) =>
      JSON.stringify({ name: `a ${type} list`, version: 3, type, list, matching_attributes: ['domain'] });
    const lists = [
      parseWarninglist('s.json', 's', text('string', ['Exact.Example.org'])),
      parseWarninglist('sub.json', 'sub', text('substring', ['cdn-'])),
      parseWarninglist('re.json', 're', text('regex', ['/^mail[0-9]+\\./i'])),
    ];
    const custom = new WarninglistMatcher(lists);
    assert.deepEqual(
      custom.matchText('exact.example.org').map((h) => h.id),
      ['s'],
    );
    assert.deepEqual(
      custom.matchText('sub.exact.example.org').map((h) => h.id),
      [],
    );
    assert.deepEqual(
      custom.matchText('cdn-7.vendor.kz').map((h) => h.id),
      ['sub'],
    );
    assert.deepEqual(
      custom.matchText('MAIL12.vendor.kz').map((h) => h.id),
      ['re'],
    );
  });

  test('a bad list names the file and the place in it', () => {
    assert.throws(
      () =>
        parseWarninglist(
          '/etc/lists/bad.json',
          'bad',
          '{"name":"x","type":"cidr","list":["10.0.0.0/8","nope"]}',
        ),
      /warninglist \/etc\/lists\/bad\.json: \$\.list\[1\]: "nope" is not an IPv4 or IPv6 address/,
    );
    assert.throws(
      () => parseWarninglist('b.json', 'b', '{"name":"x","type":"fuzzy","list":["a"]}'),
      /b\.json: \$\.type: must be one of string, cidr, hostname, substring, regex/,
    );
    assert.throws(() => parseWarninglist('c.json', 'c', '{"name":'), /c\.json: \$: not JSON/);
  });
});

for (const backend of BACKENDS) {
  describe(`warninglists at import, in lookups and feeds (${backend.name})`, () => {
    let t: TestNode;
    let kz = '';
    const resolver = indicator("[ipv4-addr:value = '8.8.8.8']");
    const c2 = indicator("[ipv4-addr:value = '45.133.1.20']");
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
    });
    after(() => t.dispose());

    const get = (url: string) => t.app.inject({ url, headers: bearer(kz) });
    const lines = (body: string) =>
      body.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith(';') && !l.startsWith('@'));

    test('8.8.8.8 reported as an indicator is stored, and the import report flags it', async () => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/bundles',
        headers: bearer(kz),
        payload: bundle([resolver, c2]),
      });
      assert.equal(r.statusCode, 201, r.body);
      const report = r.json().report as { id: string; status: string; warninglist?: unknown }[];
      const flagged = report.find((e) => e.id === resolver.id)!;
      assert.equal(flagged.status, 'created');
      assert.deepEqual(flagged.warninglist, [
        { id: 'public-dns-resolvers', name: 'Public DNS resolvers', value: '8.8.8.8' },
      ]);
      assert.equal(report.find((e) => e.id === c2.id)!.warninglist, undefined);
    });

    test('a lookup says which list a value is on', async () => {
      const r = await get('/api/v1/lookup?value=8.8.8.8');
      assert.equal(r.statusCode, 200, r.body);
      const [res] = r.json().results;
      assert.equal(res.known, true);
      assert.deepEqual(res.warninglists, [{ id: 'public-dns-resolvers', name: 'Public DNS resolvers' }]);
      const other = (await get('/api/v1/lookup?value=45.133.1.20')).json().results[0];
      assert.deepEqual(other.warninglists, []);
    });

    test('feeds leave listed values out unless the feed includes them', async () => {
      assert.deepEqual(lines((await get('/feeds/default/ipv4.txt')).body), ['45.133.1.20']);
      const rpz = lines((await get('/feeds/default/rpz.zone')).body).join('\n');
      assert.match(rpz, /32\.20\.1\.133\.45\.rpz-ip/);
      assert.doesNotMatch(rpz, /32\.8\.8\.8\.8\.rpz-ip/);
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/feeds/everything',
        headers: bearer(kz),
        payload: { include_warninglisted: true },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.equal(put.json().include_warninglisted, true);
      assert.deepEqual(lines((await get('/feeds/everything/ipv4.txt')).body).sort(), [
        '45.133.1.20',
        '8.8.8.8',
      ]);
      assert.match((await get('/feeds/everything/rpz.zone')).body, /32\.8\.8\.8\.8\.rpz-ip/);
      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/feeds/everything',
        headers: bearer(kz),
        payload: { include_warninglisted: 'yes' },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /\$\.include_warninglisted: must be true or false/);
    });
  });

  describe(`an operator's warninglists directory (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    const lists = join(dir.path, 'lists');
    const args = [
      '--data',
      dir.path,
      '--db',
      backend.name === 'sqlite' ? `sqlite:${dir.path}/a.sqlite` : store.url,
    ];
    const saved = process.env[WARNINGLISTS_ENV];
    before(async () => {
      mkdirSync(join(lists, 'corp-services'), { recursive: true });
      // MISP's own layout: NAME/list.json.
      writeFileSync(
        join(lists, 'corp-services', 'list.json'),
        JSON.stringify({
          name: 'Our own services',
          version: 2,
          description: 'Hosts of the national CERT itself',
          type: 'hostname',
          list: ['cert.gov.kz'],
          matching_attributes: ['domain', 'hostname'],
        }),
      );
      process.env[WARNINGLISTS_ENV] = lists;
      assert.equal((await runCli(['init', '--party', 'KZ', ...args])).code, 0);
    });
    after(async () => {
      if (saved === undefined) delete process.env[WARNINGLISTS_ENV];
      else process.env[WARNINGLISTS_ENV] = saved;
      dir.dispose();
      await store.dispose();
    });

    test('a list from the directory flags values at import and in lookups', async () => {
      const file = join(dir.path, 'b.json');
      writeFileSync(file, JSON.stringify(bundle([indicator("[domain-name:value = 'portal.cert.gov.kz']")])));
      const r = await runCli(['import', file, ...args]);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.match(r.stdout, /on a warninglist: indicator--\S+: portal\.cert\.gov\.kz \(Our own services\)/);
      const json = await runCli(['import', '--json', file, ...args]);
      assert.deepEqual(JSON.parse(json.stdout)[0].warninglisted[0].warninglist, [
        { id: 'corp-services', name: 'Our own services', value: 'portal.cert.gov.kz' },
      ]);
      const l = await runCli(['lookup', 'portal.cert.gov.kz', ...args]);
      assert.match(l.stdout, /known — reported by KZ; on warninglist: Our own services/);
    });

    test('a bad list file stops the command with an error naming the file', async () => {
      writeFileSync(
        join(lists, 'broken.json'),
        JSON.stringify({ name: 'Broken', type: 'cidr', list: ['300.1.1.1'] }),
      );
      const r = await runCli(['lookup', '8.8.8.8', ...args]);
      assert.notEqual(r.code, 0);
      assert.match(
        r.stderr,
        /warninglist \S*broken\.json: \$\.list\[0\]: "300\.1\.1\.1" is not an IPv4 or IPv6 address/,
      );
    });
  });
}
