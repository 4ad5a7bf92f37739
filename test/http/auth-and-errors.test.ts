import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';

describe('HTTP authentication and error shape', () => {
  let t: TestNode;
  let token: string;
  before(async () => {
    t = await startTestNode();
    token = await t.tokenFor('KZ');
  });
  after(() => t.dispose());

  test('/healthz and /readyz answer without a token', async () => {
    const h = await t.app.inject({ url: '/healthz' });
    assert.equal(h.statusCode, 200);
    assert.deepEqual(h.json(), { status: 'ok' });
    const r = await t.app.inject({ url: '/readyz' });
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().status, 'ready');
  });

  test('the API refuses a request without a token with 401 and WWW-Authenticate', async () => {
    const r = await t.app.inject({ url: '/api/v1/objects' });
    assert.equal(r.statusCode, 401);
    assert.match(String(r.headers['www-authenticate']), /Bearer/);
    assert.equal(r.json().error.code, 'ACCORD_UNAUTHENTICATED');
  });

  test('an unknown token is refused like none', async () => {
    const r = await t.app.inject({ url: '/api/v1/objects', headers: bearer('accord_not-a-real-token') });
    assert.equal(r.statusCode, 401);
  });

  test('HTTP Basic with the token as the password is accepted', async () => {
    const basic = Buffer.from(`anyone:${token}`).toString('base64');
    const r = await t.app.inject({ url: '/api/v1/objects', headers: { authorization: `Basic ${basic}` } });
    assert.equal(r.statusCode, 200);
  });

  test('malformed JSON is a 400 that gives the line and column', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundles',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{\n  "type": "bundle",\n  "objects": [}\n',
    });
    assert.equal(r.statusCode, 400);
    const body = r.json();
    assert.equal(body.error.code, 'ACCORD_BAD_REQUEST');
    assert.match(body.error.message, /line 3, column 15/);
    assert.deepEqual(body.error.details, { line: 3, column: 15, offset: 36 });
  });

  test('a __proto__ key is refused, not merged', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundles',
      headers: { ...bearer(token), 'content-type': 'application/json' },
      payload: '{"type":"bundle","__proto__":{"x":1}}',
    });
    assert.equal(r.statusCode, 400);
  });

  test('an unsupported media type is a 415', async () => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bundles',
      headers: { ...bearer(token), 'content-type': 'text/plain' },
      payload: 'hello',
    });
    assert.equal(r.statusCode, 415);
    assert.equal(r.json().error.code, 'ACCORD_UNSUPPORTED_MEDIA_TYPE');
  });

  test('an unknown route is a 404 in the documented shape', async () => {
    const r = await t.app.inject({ url: '/api/v1/nothing-here', headers: bearer(token) });
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().error.code, 'ACCORD_NOT_FOUND');
  });

  test('a bad query parameter is a 400 naming the parameter', async () => {
    const r = await t.app.inject({ url: '/api/v1/objects?limit=0', headers: bearer(token) });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().error.code, 'ACCORD_VALIDATION');
    assert.match(r.json().error.message, /limit/);
  });

  test('a cursor from another query is refused', async () => {
    const r = await t.app.inject({ url: '/api/v1/objects?cursor=bogus', headers: bearer(token) });
    assert.equal(r.statusCode, 400);
    assert.match(r.json().error.message, /cursor/);
  });

  test('an id that is not a STIX id is a 400, not a 404 or 500', async () => {
    const r = await t.app.inject({ url: '/api/v1/objects/not-an-id', headers: bearer(token) });
    assert.equal(r.statusCode, 400);
  });

  test('the OpenAPI document lists the REST routes', async () => {
    const r = await t.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(r.statusCode, 200);
    const paths = Object.keys(r.json().paths);
    for (const p of ['/api/v1/objects', '/api/v1/objects/{id}', '/api/v1/bundles'])
      assert.ok(paths.includes(p), p);
  });

  test('the API docs page is served', async () => {
    const r = await t.app.inject({ url: '/api/docs/' });
    assert.equal(r.statusCode, 200);
    assert.match(r.body, /swagger/i);
  });
});
