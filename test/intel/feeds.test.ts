import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { importStix } from '../../src/node/ingest.js';
import { releasabilityMarking, TLP2_IDS } from '../../src/policy/index.js';
import { listAudit } from '../../src/store/index.js';
import { runCli } from '../helpers/cli.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';
import { checkSuricataRules } from '../helpers/suricata-check.js';

// Values here come from the documentation ranges and names (RFC 5737, RFC 2606), which a
// node's warninglists flag and keep out of feeds; those lists are switched off, as in the demo.
process.env.ACCORD_WARNINGLISTS_OFF = 'documentation-ranges,reserved-names';

// Feeds are what a firewall, an IDS or a resolver reads as it is: they carry exactly the
// indicator values the principal's Party may receive, in the consumer's own format.
const NAMED_CHECKZONE = '/usr/bin/named-checkzone';
// Debian bookworm has no suricata package; where one is installed, it reads the rules too.
const SURICATA = ['/usr/bin/suricata', '/usr/local/bin/suricata'].find((p) => existsSync(p));

let n = 0;
function indicator(pattern: string, extra: Record<string, unknown> = {}) {
  n += 1;
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--f0000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    created: '2026-03-01T00:00:00.000Z',
    modified: '2026-03-01T00:00:00.000Z',
    name: `feed test ${n}`,
    pattern,
    pattern_type: 'stix',
    valid_from: '2026-03-01T00:00:00Z',
    object_marking_refs: [TLP2_IDS.green],
    ...extra,
  };
}

for (const backend of BACKENDS) {
  describe(`feeds (${backend.name})`, () => {
    let t: TestNode;
    let kg = '';
    let kz = '';
    const redForBy = releasabilityMarking(['BY'], []);
    const objects = {
      ip: indicator("[ipv4-addr:value = '203.0.113.45']"),
      net: indicator("[ipv4-addr:value ISSUBSET '198.51.100.0/24']", { confidence: 90 }),
      domain: indicator("[domain-name:value = 'c2.evil.example']"),
      url: indicator("[url:value = 'http://dl.evil.example/a,b;c.exe?x=1']", { name: '=HYPERLINK("x")' }),
      hash: indicator(
        "[file:hashes.'SHA-256' = '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b']",
      ),
      partial: indicator("[ipv4-addr:value = '192.0.2.99' AND network-traffic:dst_port = 443]"),
      expired: indicator("[ipv4-addr:value = '192.0.2.77']", { valid_until: '2026-03-02T00:00:00Z' }),
      red: indicator("[ipv4-addr:value = '192.0.2.200']", {
        object_marking_refs: [TLP2_IDS.red, redForBy.id],
      }),
    };
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const all = Object.values(objects);
      const r = await importStix(
        t.node,
        { party: 'KZ', sourceNode: t.node.settings.nodeId },
        { type: 'bundle', id: 'bundle--f0000000-0000-4000-8000-000000000000', objects: [redForBy, ...all] },
      );
      assert.equal(r.ok, true, JSON.stringify(r.report.filter((e) => e.errors)));
      kg = await t.tokenFor('KG');
      kz = await t.tokenFor('KZ');
    });
    after(() => t.dispose());

    const get = (token: string, url: string, headers: Record<string, string> = {}) =>
      t.app.inject({ url, headers: { ...bearer(token), ...headers } });
    const lines = (body: string) =>
      body.split('\n').filter((l) => l && !l.startsWith('#') && !l.startsWith(';'));

    test('plain lists carry what the Party may receive, valid now, whole patterns only', async () => {
      const r = await get(kg, '/feeds/default/ipv4.txt');
      assert.equal(r.statusCode, 200, r.body);
      assert.match(String(r.headers['content-type']), /^text\/plain/);
      assert.deepEqual(lines(r.body).sort(), ['198.51.100.0/24', '203.0.113.45']);
      assert.deepEqual(lines((await get(kg, '/feeds/default/domains.txt')).body), ['c2.evil.example']);
      assert.deepEqual(lines((await get(kg, '/feeds/default/hashes.txt')).body), [
        '6b86b273ff34fce19d6b804eff5a3f5747ada4eaa22f1d49c01e52ddb7875b4b',
      ]);
      // KZ, the originator, also receives its RED indicator; KG never does.
      assert.ok(lines((await get(kz, '/feeds/default/ipv4.txt')).body).includes('192.0.2.200'));
      const audit = await listAudit(t.node.store.db, { action: 'disclosure', limit: 1000 });
      assert.ok(
        audit.some((e) => JSON.stringify(e.details).includes('"channel":"feed"')),
        'a feed fetch is in the audit log',
      );
    });

    test('CSV quotes what needs quoting; unknown feeds and files are 404 in the error shape', async () => {
      const r = await get(kg, '/feeds/default/values.csv');
      assert.equal(r.statusCode, 200);
      const rows = r.body.trim().split('\r\n');
      assert.equal(rows[0], 'value,kind,indicator_id,version,originator,name,confidence,valid_until');
      const url = rows.find((l) => l.startsWith('"http://dl.evil.example/a,b;c.exe?x=1",url,'));
      assert.ok(url, r.body);
      // A name a spreadsheet would run as a formula is defused, and its quotes doubled.
      assert.ok(url.includes(`,"'=HYPERLINK(""x"")",`), url);
      const none = await get(kg, '/feeds/nothing/ipv4.txt');
      assert.equal(none.statusCode, 404);
      assert.equal(none.json().error.code, 'ACCORD_NOT_FOUND');
      assert.equal((await get(kg, '/feeds/default/passwd')).statusCode, 404);
      assert.equal((await t.app.inject({ url: '/feeds/default/ipv4.txt' })).statusCode, 401);
    });

    test('Suricata rules: well-formed, with sids that survive regeneration and revs that follow versions', async () => {
      const first = (await get(kg, '/feeds/default/suricata.rules')).body;
      const rules = lines(first);
      assert.ok(rules.length >= 5, first);
      assert.deepEqual(checkSuricataRules(first), [], 'rules Suricata would refuse');
      if (SURICATA) {
        const dir = tempDir();
        try {
          writeFileSync(join(dir.path, 'accord.rules'), first);
          const check = spawnSync(SURICATA, ['-T', '-S', join(dir.path, 'accord.rules'), '-l', dir.path], {
            encoding: 'utf8',
          });
          assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
        } finally {
          dir.dispose();
        }
      }
      const sids = new Set<number>();
      for (const r of rules) {
        assert.match(r, /^alert (ip|dns|tls|http) .+ \(msg:"[^"]*"; .*sid:\d+; rev:\d+;\)$/, r);
        const sid = Number(/sid:(\d+);/.exec(r)![1]);
        assert.ok(sid >= 1_000_000 && sid < 2_000_000, 'a local rule id');
        assert.ok(!sids.has(sid), `sid ${sid} is unique`);
        sids.add(sid);
      }
      assert.ok(
        rules.some((r) => r.includes('dns.query; dotprefix; content:".c2.evil.example"; nocase; endswith;')),
      );
      // The URL's semicolon is a byte, not the end of the option.
      assert.ok(
        rules.some((r) => r.includes('content:"/a,b|3B|c.exe?x=1"')),
        first,
      );

      const ipRule = (body: string) => lines(body).find((r) => r.includes('[203.0.113.45]'))!;
      const before = ipRule(first);
      const changed = { ...objects.ip, modified: '2026-03-05T00:00:00.000Z', name: 'renamed' };
      const r = await importStix(t.node, { party: 'KZ', sourceNode: t.node.settings.nodeId }, changed);
      assert.equal(r.ok, true);
      const after = ipRule((await get(kg, '/feeds/default/suricata.rules')).body);
      assert.equal(/sid:(\d+)/.exec(after)![1], /sid:(\d+)/.exec(before)![1], 'same rule, same sid');
      assert.equal(/rev:(\d+)/.exec(before)![1], '1');
      assert.equal(/rev:(\d+)/.exec(after)![1], '2', 'a new version bumps rev');
    });

    test('RPZ zone and hosts file: what resolvers load (named-checkzone where installed)', async () => {
      const zone = (await get(kg, '/feeds/default/rpz.zone')).body;
      assert.match(zone, /^@ SOA localhost\. hostmaster\.localhost\. \d+ /m);
      assert.match(zone, /^c2\.evil\.example CNAME \.;/m);
      assert.match(zone, /^\*\.c2\.evil\.example CNAME \.;/m);
      assert.match(zone, /^32\.45\.113\.0\.203\.rpz-ip CNAME \.;/m);
      assert.match(zone, /^24\.0\.100\.51\.198\.rpz-ip CNAME \.;/m);
      assert.doesNotMatch(zone, /192\.0\.2\.200|200\.2\.0\.192/);
      if (existsSync(NAMED_CHECKZONE) || process.env.CI) {
        const dir = tempDir();
        try {
          writeFileSync(join(dir.path, 'rpz.zone'), zone);
          const check = spawnSync(NAMED_CHECKZONE, ['rpz.accord', join(dir.path, 'rpz.zone')], {
            encoding: 'utf8',
          });
          assert.equal(check.status, 0, `${check.stdout}${check.stderr}`);
        } finally {
          dir.dispose();
        }
      }
      assert.deepEqual(lines((await get(kg, '/feeds/default/hosts')).body), ['0.0.0.0 c2.evil.example']);
    });

    test('ETag and If-None-Match: 304 while nothing changed, a new body once something did', async () => {
      // The validator of a feed of indicators valid now changes with the minute, by design:
      // both requests must fall in one minute, which a loaded machine does not always give.
      const minute = () => new Date().toISOString().slice(0, 16);
      let etag: string;
      let same: Awaited<ReturnType<typeof get>>;
      for (;;) {
        const started = minute();
        const a = await get(kg, '/feeds/default/ipv4.txt');
        etag = String(a.headers.etag);
        assert.match(etag, /^W\/"/);
        same = await get(kg, '/feeds/default/ipv4.txt', { 'if-none-match': etag });
        if (minute() === started) break;
      }
      assert.equal(same.statusCode, 304);
      assert.equal(same.body, '');
      const r = await importStix(
        t.node,
        { party: 'KZ', sourceNode: t.node.settings.nodeId },
        indicator("[ipv4-addr:value = '203.0.113.99']"),
      );
      assert.equal(r.ok, true);
      const changed = await get(kg, '/feeds/default/ipv4.txt', { 'if-none-match': etag });
      assert.equal(changed.statusCode, 200);
      assert.notEqual(changed.headers.etag, etag);
      assert.ok(lines(changed.body).includes('203.0.113.99'));
    });

    test('a saved feed filters by kind, TLP ceiling and confidence; bad settings name their path', async () => {
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/feeds/firewall',
        headers: bearer(kg),
        payload: { kinds: ['ipv4'], tlp_ceiling: 'green', min_confidence: 80 },
      });
      assert.equal(put.statusCode, 200, put.body);
      assert.deepEqual(lines((await get(kg, '/feeds/firewall/ipv4.txt')).body), ['198.51.100.0/24']);
      assert.deepEqual(lines((await get(kg, '/feeds/firewall/domains.txt')).body), []);
      const listed = await get(kg, '/api/v1/feeds');
      assert.ok(listed.json().items.some((f: { name: string }) => f.name === 'firewall'));
      // Another Party's feed names are its own.
      assert.equal((await get(kz, '/feeds/firewall/ipv4.txt')).statusCode, 404);

      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/feeds/firewall',
        headers: bearer(kg),
        payload: { kinds: ['ipv4', 'mac'] },
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /\$\.kinds\[1\]/);
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/v1/feeds/firewall',
        headers: bearer(kg),
      });
      assert.equal(del.statusCode, 204);
      assert.equal((await get(kg, '/feeds/firewall/ipv4.txt')).statusCode, 404);
    });
  });
}

describe('accord export --format: a feed to a file, as the HTTP feed serves it', () => {
  test('writes the Party’s RPZ zone; a wrong format is a usage error', async () => {
    const dir = tempDir();
    try {
      const args = ['--data', dir.path];
      assert.equal((await runCli(['init', '--party', 'KZ', ...args])).code, 0);
      const file = join(dir.path, 'one.json');
      writeFileSync(file, JSON.stringify(indicator("[domain-name:value = 'phish.example.org']")));
      assert.equal((await runCli(['import', file, ...args])).code, 0);
      const out = join(dir.path, 'rpz.zone');
      const r = await runCli(['export', '--format', 'rpz.zone', '--for', 'KG', '--out', out, ...args]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(readFileSync(out, 'utf8'), /^phish\.example\.org CNAME \.;/m);
      const wrong = await runCli(['export', '--format', 'pf.conf', ...args]);
      assert.equal(wrong.code, 2);
      assert.match(wrong.stderr, /--format must be one of ipv4\.txt/);
    } finally {
      dir.dispose();
    }
  });
});
