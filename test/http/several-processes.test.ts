// Three `accord serve` processes on one PostgreSQL schema behind nginx, as docs/operators.md
// sets them up, under a bounded concurrent load of imports, TAXII polling and lookups, with
// one process killed (SIGKILL) part-way. What a user of the node relies on afterwards: every
// import that was acknowledged (2xx) is readable through the proxy, a TAXII client polling
// with added_after saw every acknowledged version exactly once, and a lookup made after an
// acknowledgement found the value whichever process answered it.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ALL_OBJECTS_ID } from '../../src/http/taxii/collections.js';
import { runCli, startServe } from '../helpers/cli.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

// Debian's nginx is installed by .ci/run; a developer's run without it skips with the reason,
// CI's fails (as test/http/behind-proxy.test.ts does).
const NGINX = '/usr/sbin/nginx';
const skip = !existsSync(NGINX) && !process.env.CI ? `no ${NGINX}: apt-get install nginx` : false;
if (skip) console.error(`!! several-processes.test.ts SKIPPED: ${skip}`);

const TAXII = 'application/taxii+json;version=2.1';
const PROCESSES = 3;
const IMPORTERS = 4;
const BUNDLES = 48; // of BUNDLE_SIZE objects each; every third bundle also re-versions earlier ids
const BUNDLE_SIZE = 10;
const KILL_AFTER = 16; // acknowledged bundles before one process is killed

type Serve = Awaited<ReturnType<typeof startServe>>;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

const idOf = (n: number) => `indicator--00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;
const ipOf = (n: number) => `10.13.${(n >> 8) & 255}.${n & 255}`;

function indicator(n: number, version: number): Record<string, unknown> {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: idOf(n),
    created: '2024-01-01T00:00:00.000Z',
    modified: `2024-01-01T00:00:0${version}.000Z`,
    name: `C2 ${n} v${version}`,
    pattern: `[ipv4-addr:value = '${ipOf(n)}']`,
    pattern_type: 'stix',
    valid_from: '2024-01-01T00:00:00Z',
  };
}

/** Bundle b: BUNDLE_SIZE new ids, and for every third bundle a second version of the previous bundle's ids. */
function bundleObjects(b: number): Record<string, unknown>[] {
  const fresh = Array.from({ length: BUNDLE_SIZE }, (_, i) => indicator(b * BUNDLE_SIZE + i, 0));
  if (b % 3 !== 2) return fresh;
  return [
    ...fresh,
    ...Array.from({ length: BUNDLE_SIZE }, (_, i) => indicator((b - 1) * BUNDLE_SIZE + i, 1)),
  ];
}

// TAXII writes timestamps with microseconds, the REST report as given: compare the instants.
const key = (id: string, version: string) => `${id}@${new Date(version).toISOString()}`;

for (const backend of BACKENDS.filter((b) => b.name === 'postgres')) {
  describe('three processes on one PostgreSQL behind nginx', { skip, timeout: 120_000 }, () => {
    const dir = tempDir();
    const data = join(dir.path, 'node');
    const store = backend.fresh();
    const serves: (Serve | null)[] = [];
    let nginx: ChildProcess | undefined;
    let nginxLogs = '';
    let base = '';
    let auth: Record<string, string> = {};

    before(async () => {
      assert.equal((await runCli(['init', '--party', 'KZ', '--data', data, '--db', store.url])).code, 0);
      assert.equal(
        (
          await runCli([
            'user',
            'add',
            'soc',
            '--party',
            'KZ',
            '--role',
            'analyst',
            '--data',
            data,
            '--db',
            store.url,
          ])
        ).code,
        0,
      );
      const token = (
        await runCli(['token', 'create', 'soc', '--data', data, '--db', store.url])
      ).stdout.trim();
      auth = { authorization: `Bearer ${token}` };
      const started = await Promise.all(
        Array.from({ length: PROCESSES }, async (_, i) => {
          const s = await startServe(
            ['--data', data, '--db', store.url, '--trust-proxy', 'loopback'],
            60_000,
          );
          await waitFor(`process ${i} ready`, async () => (await fetch(`${s.url}/readyz`)).status === 200);
          return s;
        }),
      );
      serves.push(...started);

      const port = await freePort();
      const prefix = join(dir.path, 'nginx');
      mkdirSync(prefix, { recursive: true });
      const upstreams = serves.map(
        (s) => `    server 127.0.0.1:${new URL(s!.url).port} max_fails=1 fail_timeout=30s;`,
      );
      writeFileSync(
        join(prefix, 'nginx.conf'),
        `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr error;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream accord {
${upstreams.join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://accord;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
      );
      nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      nginx.stderr?.on('data', (c) => {
        nginxLogs += c;
      });
      await waitFor(`nginx on ${port}:\n${nginxLogs}`, () => portOpen(port), 15_000);
      base = `http://127.0.0.1:${port}`;
    });

    after(async () => {
      if (nginx && nginx.exitCode === null) {
        nginx.kill('SIGQUIT');
        await new Promise((r) => nginx!.once('exit', r));
      }
      for (const s of serves) await s?.stop('SIGKILL');
      await store.dispose();
      dir.dispose();
    });

    test('under load with one process killed: nothing acknowledged is lost, no TAXII poll skips a commit', async () => {
      // What each side saw. `acked` holds every version a 2xx import reported stored.
      const acked = new Set<string>();
      const seen = new Map<string, number>();
      const lookupMisses: string[] = [];
      let ackedBundles = 0;
      let refused = 0;
      let importsDone = false;
      let killed: Promise<unknown> | null = null;
      const killedProcessPort = serves[1] ? new URL(serves[1].url).port : '';

      const importer = async (start: number) => {
        for (let b = start; b < BUNDLES; b += IMPORTERS) {
          const objects = bundleObjects(b);
          let r: Response;
          try {
            r = await fetch(`${base}/api/v1/bundles`, {
              method: 'POST',
              headers: { ...auth, 'content-type': 'application/json' },
              body: JSON.stringify({
                type: 'bundle',
                id: `bundle--00000000-0000-4000-a000-${String(b).padStart(12, '0')}`,
                objects,
              }),
            });
          } catch {
            refused++;
            continue;
          }
          const body = await r.text();
          if (r.status >= 500) {
            // Lost with the killed process (nginx does not resend a POST): not acknowledged.
            refused++;
            continue;
          }
          assert.ok(r.status === 201 || r.status === 200, `bundle ${b}: ${r.status} ${body}`);
          const report = (JSON.parse(body) as { report: { id: string; modified: string; status: string }[] })
            .report;
          assert.equal(report.length, objects.length, body);
          for (const row of report) {
            assert.notEqual(row.status, 'conflict', body);
            acked.add(key(row.id, row.modified));
          }
          ackedBundles++;
          if (ackedBundles === KILL_AFTER && !killed) {
            killed = serves[1]!.stop('SIGKILL');
            serves[1] = null; // gone: after() must not wait for its exit again
          }

          // Read-your-writes through the proxy: whichever process answers must know the values.
          const values = [ipOf(b * BUNDLE_SIZE), ipOf(b * BUNDLE_SIZE + BUNDLE_SIZE - 1)];
          const l = await getJson('POST', '/api/v1/lookup', { values });
          const results = l.results as { value: string; known: boolean }[];
          for (const x of results) if (!x.known) lookupMisses.push(x.value);
        }
      };

      // GETs may meet the killed process; nginx passes them to the next server, and a request
      // cut off mid-way is retried here as any client would.
      async function getJson(method: 'GET' | 'POST', path: string, payload?: unknown, headers = {}) {
        for (let attempt = 0; ; attempt++) {
          try {
            const r = await fetch(`${base}${path}`, {
              method,
              headers: { ...auth, ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) },
              body: payload ? JSON.stringify(payload) : undefined,
            });
            const text = await r.text();
            if (r.status >= 500 && attempt < 5) continue;
            assert.equal(r.status, 200, `${method} ${path}: ${text}`);
            return JSON.parse(text);
          } catch (e) {
            if (attempt >= 5 || e instanceof assert.AssertionError) throw e;
          }
        }
      }

      // A TAXII client polling the manifest: from the start, then each time from the last
      // date_added it was given, following `next` within one poll.
      let addedAfter: string | null = null;
      const poll = async () => {
        // One poll's pages share its added_after (a `next` token is bound to the query).
        const from = addedAfter;
        let next: string | undefined;
        do {
          const q = new URLSearchParams({ 'match[type]': 'indicator', 'match[version]': 'all', limit: '25' });
          if (from) q.set('added_after', from);
          if (next) q.set('next', next);
          const r = await getJson(
            'GET',
            `/taxii2/accord/collections/${ALL_OBJECTS_ID}/manifest/?${q}`,
            undefined,
            {
              accept: TAXII,
            },
          );
          const page = r as {
            objects?: { id: string; version: string; date_added: string }[];
            next?: string;
          };
          for (const m of page.objects ?? []) {
            const k = key(m.id, m.version);
            seen.set(k, (seen.get(k) ?? 0) + 1);
            // The client's high-water mark is the last date_added it was handed.
            if (!addedAfter || m.date_added > addedAfter) addedAfter = m.date_added;
          }
          next = page.next;
        } while (next);
      };
      const poller = async () => {
        while (!importsDone) {
          await poll();
          await new Promise((r) => setTimeout(r, 50));
        }
      };

      const pollers = [poller()];
      try {
        await Promise.all(Array.from({ length: IMPORTERS }, (_, i) => importer(i)));
      } finally {
        importsDone = true;
        await Promise.allSettled(pollers);
      }
      await Promise.all(pollers);
      await killed;
      await poll(); // one more from where the client left off

      assert.ok(killed, 'a process was killed mid-way');
      assert.ok(ackedBundles > KILL_AFTER, `imports went on after the kill (${ackedBundles} acknowledged)`);
      assert.deepEqual(lookupMisses, [], 'a lookup after an acknowledged import did not find the value');

      // Every acknowledged version is readable through nginx.
      const ids = new Set([...acked].map((k) => k.split('@')[0]!));
      for (const id of ids) {
        const r = await getJson('GET', `/api/v1/objects/${id}`);
        const versions = new Set(
          (r.versions as { object: { modified: string } }[]).map((v) =>
            new Date(v.object.modified).toISOString(),
          ),
        );
        for (const k of acked) {
          if (k.startsWith(`${id}@`))
            assert.ok(versions.has(k.split('@')[1]!), `${k} acknowledged but not stored`);
        }
      }

      // The poller saw every acknowledged version, and none twice.
      const missed = [...acked].filter((k) => !seen.has(k));
      assert.deepEqual(
        missed,
        [],
        `versions a TAXII client polling with added_after never saw (it saw ${seen.size})`,
      );
      const twice = [...seen].filter(([, n]) => n > 1).map(([k]) => k);
      assert.deepEqual(twice, [], 'versions a TAXII client was handed more than once');
      console.error(
        `# ${ackedBundles} bundles acknowledged (${acked.size} versions), ${refused} lost with process :${killedProcessPort}`,
      );
    });
  });
}
