import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli, startServe } from '../helpers/cli.js';
import { tempDir } from '../helpers/stores.js';

// A node behind nginx terminating TLS, as docs/operators.md sets it up: what a TAXII client
// is handed (discovery's default and api_roots) must be the public https URL, and the client's
// next calls through those URLs must work. Debian's nginx is installed by .ci/run; without it a
// developer's run skips with the reason, CI's fails.
const NGINX = '/usr/sbin/nginx';
const skip = !existsSync(NGINX) && !process.env.CI ? `no ${NGINX}: apt-get install nginx` : false;
const TAXII = 'application/taxii+json;version=2.1';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

function get(url: string, ca: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const r = request(url, { ca, headers }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    r.on('error', reject);
    r.end();
  });
}

async function waitForPort(port: number, logs: () => string): Promise<void> {
  const until = Date.now() + 15_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`nginx did not listen on ${port}:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('behind nginx with TLS', { skip }, () => {
  const dir = tempDir();
  const data = join(dir.path, 'node');
  let token = '';
  let ca = '';
  let nginx: ChildProcess | undefined;
  let nginxLogs = '';
  let proxyPort = 0;
  const served: { stop(): Promise<number | null> }[] = [];

  async function serveBehind(extra: string[]): Promise<string> {
    const s = await startServe(['--data', data, ...extra]);
    served.push(s);
    return s.url;
  }

  async function startNginx(upstream: string): Promise<void> {
    if (nginx) {
      nginx.kill('SIGQUIT');
      await new Promise((r) => nginx!.once('exit', r));
    }
    const prefix = join(dir.path, 'nginx');
    mkdirSync(join(prefix, 'logs'), { recursive: true });
    const u = new URL(upstream);
    writeFileSync(
      join(prefix, 'nginx.conf'),
      `daemon off;
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  server {
    listen 127.0.0.1:${proxyPort} ssl;
    server_name localhost;
    ssl_certificate ${dir.path}/cert.pem;
    ssl_certificate_key ${dir.path}/key.pem;
    location / {
      proxy_pass http://127.0.0.1:${u.port};
      proxy_set_header Host $host:$server_port;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $host:$server_port;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    }
  }
}
`,
    );
    nginxLogs = '';
    nginx = spawn(NGINX, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    nginx.stderr?.on('data', (c) => {
      nginxLogs += c;
    });
    await waitForPort(proxyPort, () => nginxLogs);
  }

  before(async () => {
    const cert = spawnSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      join(dir.path, 'key.pem'),
      '-out',
      join(dir.path, 'cert.pem'),
    ]);
    assert.equal(cert.status, 0, String(cert.stderr));
    ca = readFileSync(join(dir.path, 'cert.pem'), 'utf8');
    assert.equal((await runCli(['init', '--party', 'KZ', '--data', data])).code, 0);
    assert.equal(
      (await runCli(['user', 'add', 'soc', '--party', 'KZ', '--role', 'analyst', '--data', data])).code,
      0,
    );
    token = (await runCli(['token', 'create', 'soc', '--data', data])).stdout.trim();
    proxyPort = await freePort();
  });
  after(async () => {
    nginx?.kill('SIGQUIT');
    for (const s of served) await s.stop();
    dir.dispose();
  });

  const basic = () => ({
    authorization: `Basic ${Buffer.from(`soc:${token}`).toString('base64')}`,
    accept: TAXII,
  });

  test('--trust-proxy: discovery names the https address the client used, and it can be followed', async () => {
    const upstream = await serveBehind(['--trust-proxy', 'loopback']);
    await startNginx(upstream);
    const publicBase = `https://localhost:${proxyPort}`;
    const discovery = await get(`${publicBase}/taxii2/`, ca, basic());
    assert.equal(discovery.status, 200, discovery.body);
    const d = JSON.parse(discovery.body) as { default: string; api_roots: string[] };
    assert.equal(d.default, `${publicBase}/taxii2/accord/`);
    assert.deepEqual(d.api_roots, [`${publicBase}/taxii2/accord/`]);

    // What a TAXII client does next: the API root, its collections, a page of objects.
    const root = await get(d.default, ca, basic());
    assert.equal(root.status, 200, root.body);
    const collections = await get(`${d.default}collections/`, ca, basic());
    assert.equal(collections.status, 200, collections.body);
    const first = (JSON.parse(collections.body) as { collections: { id: string }[] }).collections[0]!;
    const objects = await get(`${d.default}collections/${first.id}/objects/?limit=10`, ca, basic());
    assert.equal(objects.status, 200, objects.body);
  });

  test('without --trust-proxy the node ignores X-Forwarded-*; --public-url fixes what it hands out', async () => {
    const plain = await serveBehind([]);
    const direct = await fetch(`${plain}/taxii2/`, {
      headers: { ...basic(), 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' },
    });
    const d = (await direct.json()) as { default: string };
    assert.equal(d.default, `${plain}/taxii2/accord/`);

    const pub = await serveBehind(['--public-url', 'https://cti.cert.example.kz/']);
    await startNginx(pub);
    const discovery = await get(`https://localhost:${proxyPort}/taxii2/`, ca, basic());
    assert.equal(JSON.parse(discovery.body).default, 'https://cti.cert.example.kz/taxii2/accord/');

    const bad = spawnSync(
      process.execPath,
      [join('bin', 'accord.js'), 'serve', '--data', data, '--public-url', 'ftp://x'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(bad.status, 2, 'a public URL that is not http(s) is a usage error');
    assert.match(bad.stderr, /must be http:\/\/ or https:\/\//);
  });
});
