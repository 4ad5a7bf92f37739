import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { attachment } from '../../src/http/content-disposition.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

/** The value of one directive of a Content-Security-Policy header. */
function directive(csp: unknown, name: string): string | undefined {
  for (const part of String(csp).split(';')) {
    const [key, ...value] = part.trim().split(/\s+/);
    if (key === name) return value.join(' ');
  }
  return undefined;
}

/** What a browser makes of `filename*=UTF-8''…` (RFC 8187). */
function extendedName(header: string): string | undefined {
  const m = /filename\*=UTF-8''([^;\s]+)/.exec(header);
  return m ? decodeURIComponent(m[1]!) : undefined;
}

describe('pages a browser renders cannot be framed; the API docs run under a strict policy', () => {
  let t: TestNode;
  before(async () => {
    t = await startTestNode(BACKENDS[0]);
  });
  after(() => t.dispose());

  test('/api/docs, its scripts and its OpenAPI document: CSP without inline scripts, no framing', async () => {
    const page = await t.app.inject({ url: '/api/docs' });
    assert.equal(page.statusCode, 200);
    assert.match(String(page.headers['content-type']), /text\/html/);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(scripts.length >= 2, page.body);
    assert.doesNotMatch(
      page.body,
      /<script>(?!\s*<\/script>)|<script(?![^>]*src=)[^>]*>[^<\s]/,
      'no inline script',
    );
    for (const url of [
      '/api/docs',
      '/api/docs/',
      '/api/docs/json',
      '/api/docs/static/swagger-ui-bundle.js',
    ]) {
      const r = await t.app.inject({ url });
      assert.ok(r.statusCode < 400, `${url}: ${r.statusCode}`);
      const csp = r.headers['content-security-policy'];
      assert.equal(directive(csp, 'frame-ancestors'), "'none'", `${url}: ${csp}`);
      assert.equal(directive(csp, 'script-src'), "'self'", url);
      assert.equal(directive(csp, 'default-src'), "'none'", url);
      assert.equal(directive(csp, 'object-src'), "'none'", url);
      assert.equal(r.headers['x-frame-options'], 'DENY', url);
      assert.equal(r.headers['x-content-type-options'], 'nosniff', url);
    }
    // Every script the page loads is served from this node (script-src 'self' allows them).
    for (const src of scripts) {
      const r = await t.app.inject({ url: new URL(src, 'http://node/api/docs').pathname });
      assert.equal(r.statusCode, 200, src);
    }
  });

  test('every other HTML answer refuses framing too (the console, or its not-built page)', async () => {
    const r = await t.app.inject({ url: '/cases' });
    assert.match(String(r.headers['content-type']), /text\/html/);
    assert.equal(r.headers['x-frame-options'], 'DENY');
    assert.equal(directive(r.headers['content-security-policy'], 'frame-ancestors'), "'none'");
  });

  test('Content-Disposition: an ASCII name as it is; any other with an RFC 8187 name beside a fallback', () => {
    assert.equal(attachment('report.pdf'), 'attachment; filename="report.pdf"');
    for (const name of ['Закон о связи.pdf', 'a"b\\c%.txt', 'tab\there.txt', 'ünïcødé ✓.txt', '日本.doc']) {
      const h = attachment(name);
      assert.match(h, /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[\x21-\x7e]+$/, h);
      assert.doesNotMatch(h.split(';')[1]!, /[\\%]|".*".*"/, h);
      assert.equal(extendedName(h), name, h);
    }
    assert.equal(attachment('Закон.pdf').split(';')[1], ' filename="_____.pdf"');
    assert.equal(attachment('café.txt').split(';')[1], ' filename="cafe.txt"');
  });
});

for (const backend of BACKENDS) {
  describe(`library files with names in any script download (${backend.name})`, () => {
    let t: TestNode;
    let kz: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
    });
    after(() => t.dispose());

    test('a Cyrillic file name: 200, the bytes, and the name back through filename*', async () => {
      const files = [
        { filename: 'Закон о персональных данных.txt', media_type: 'text/plain', text: 'статья 1' },
        { filename: 'page.html', media_type: 'text/html', text: '<script>alert(1)</script>' },
      ];
      const doc = await t.app.inject({
        method: 'POST',
        url: '/api/v1/library',
        headers: bearer(kz),
        payload: {
          title: 'Закон',
          language: 'ru',
          kind: 'legal-act',
          files: files.map((f) => ({
            filename: f.filename,
            media_type: f.media_type,
            content_base64: Buffer.from(f.text).toString('base64'),
          })),
        },
      });
      assert.equal(doc.statusCode, 201, doc.body);
      const stored = doc.json().files as { filename: string; sha256: string }[];
      for (const f of files) {
        const sha = stored.find((s) => s.filename === f.filename)!.sha256;
        const r = await t.app.inject({
          url: `/api/v1/library/${doc.json().id}/files/${sha}`,
          headers: bearer(kz),
        });
        assert.equal(r.statusCode, 200, r.body);
        assert.equal(r.body, f.text);
        const cd = String(r.headers['content-disposition']);
        assert.match(cd, /^attachment;/);
        assert.equal(directive(r.headers['content-security-policy'], 'sandbox'), '', 'sandboxed');
        assert.equal(r.headers['x-content-type-options'], 'nosniff');
        assert.equal(extendedName(cd) ?? /filename="([^"]*)"/.exec(cd)?.[1], f.filename);
      }
      // An HTML file is a download that runs nothing even if a browser renders it.
      const html = stored.find((s) => s.filename === 'page.html')!.sha256;
      const r = await t.app.inject({
        url: `/api/v1/library/${doc.json().id}/files/${html}`,
        headers: bearer(kz),
      });
      assert.equal(r.headers['x-frame-options'], 'DENY');
      assert.equal(directive(r.headers['content-security-policy'], 'default-src'), "'none'");
    });
  });
}
