import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ALL_OBJECTS_ID, INDICATORS_ID } from '../../src/http/taxii/collections.js';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { ROOT, TAXII, taxiiHeaders } from './taxii-helpers.js';

describe('TAXII discovery, API root, collections, media types and authentication', () => {
  let t: TestNode;
  let token: string;
  before(async () => {
    t = await startTestNode(undefined, 'KZ');
    token = await t.tokenFor('KZ');
  });
  after(() => t.dispose());

  const get = (url: string, headers = taxiiHeaders(token)) => t.app.inject({ url, headers });

  test('discovery at /taxii2/ names the API root with an absolute URL, in the TAXII media type', async () => {
    const r = await get('/taxii2/');
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], TAXII);
    const d = r.json();
    assert.equal(typeof d.title, 'string');
    assert.deepEqual(d.api_roots, ['http://localhost:80/taxii2/accord/']);
    assert.equal(d.default, 'http://localhost:80/taxii2/accord/');
  });

  test('the API root advertises TAXII 2.1 and max_content_length', async () => {
    const r = await get(`${ROOT}/`);
    assert.equal(r.statusCode, 200);
    assert.equal(r.headers['content-type'], TAXII);
    assert.deepEqual(r.json().versions, [TAXII]);
    assert.equal(r.json().max_content_length, 10 * 1024 * 1024);
  });

  test('collections lists both collections with can_read, can_write and media_types', async () => {
    const r = await get(`${ROOT}/collections/`);
    assert.equal(r.statusCode, 200);
    const cs = r.json().collections as {
      id: string;
      can_read: boolean;
      can_write: boolean;
      media_types: string[];
    }[];
    assert.deepEqual(
      cs.map((c) => c.id),
      [ALL_OBJECTS_ID, INDICATORS_ID],
    );
    assert.deepEqual(
      cs.map((c) => [c.can_read, c.can_write]),
      [
        [true, true],
        [true, false],
      ],
    );
    for (const c of cs) assert.deepEqual(c.media_types, ['application/stix+json;version=2.1']);
  });

  test('one collection by id (and by alias); an unknown one is a 404 TAXII error', async () => {
    const r = await get(`${ROOT}/collections/${INDICATORS_ID}/`);
    assert.equal(r.statusCode, 200);
    assert.equal(r.json().id, INDICATORS_ID);
    assert.equal((await get(`${ROOT}/collections/all/`)).json().id, ALL_OBJECTS_ID);
    const nf = await get(`${ROOT}/collections/00000000-0000-4000-8000-000000000000/`);
    assert.equal(nf.statusCode, 404);
    assert.equal(nf.headers['content-type'], TAXII);
    assert.equal(nf.json().title, 'Not Found');
    assert.equal(nf.json().http_status, '404');
    assert.equal(typeof nf.json().description, 'string');
  });

  test('an unknown TAXII path is a 404 TAXII error, not the REST error shape', async () => {
    const r = await get(`${ROOT}/nothing/`);
    assert.equal(r.statusCode, 404);
    assert.equal(r.json().http_status, '404');
    assert.equal(r.json().error, undefined);
  });

  test('no token: 401 with WWW-Authenticate naming Basic and Bearer, as a TAXII error', async () => {
    const attempts: Record<string, string>[] = [
      { accept: TAXII },
      { accept: TAXII, authorization: 'Bearer nope' },
    ];
    for (const headers of attempts) {
      const r = await get(`${ROOT}/collections/`, headers);
      assert.equal(r.statusCode, 401);
      assert.match(String(r.headers['www-authenticate']), /Basic realm=/);
      assert.match(String(r.headers['www-authenticate']), /Bearer realm=/);
      assert.equal(r.headers['content-type'], TAXII);
      assert.equal(r.json().http_status, '401');
    }
  });

  test('HTTP Basic with the token as the password is accepted', async () => {
    const basic = `Basic ${Buffer.from(`anyone:${token}`).toString('base64')}`;
    const r = await get(`${ROOT}/collections/`, { accept: TAXII, authorization: basic });
    assert.equal(r.statusCode, 200);
  });

  test("taxii2-client's TokenAuth (Authorization: Token …) is accepted; a wrong token is not", async () => {
    const ok = await get(`${ROOT}/collections/`, { accept: TAXII, authorization: `Token ${token}` });
    assert.equal(ok.statusCode, 200);
    const wrong = await get(`${ROOT}/collections/`, { accept: TAXII, authorization: `Token ${token}x` });
    assert.equal(wrong.statusCode, 401);
  });

  test('Accept: the TAXII 2.1 type, TAXII without version, */* and none are served', async () => {
    for (const accept of [
      TAXII,
      'application/taxii+json',
      'application/taxii+json; version=2.1',
      '*/*',
      'text/html, */*;q=0.1',
    ]) {
      assert.equal((await get(`${ROOT}/`, taxiiHeaders(token, { accept }))).statusCode, 200, accept);
    }
    const { accept: _, ...noAccept } = taxiiHeaders(token);
    assert.equal((await get(`${ROOT}/`, noAccept)).statusCode, 200);
  });

  test('Accept of another media type or TAXII version is a 406 TAXII error', async () => {
    for (const accept of [
      'application/json',
      'application/taxii+json;version=2.0',
      'application/stix+json;version=2.1',
      `${TAXII};q=0`,
    ]) {
      const r = await get(`${ROOT}/collections/`, taxiiHeaders(token, { accept }));
      assert.equal(r.statusCode, 406, accept);
      assert.equal(r.json().http_status, '406');
      assert.equal(r.headers['content-type'], TAXII);
    }
  });

  test('the TAXII routes stay out of the REST OpenAPI document', async () => {
    const r = await t.app.inject({ url: '/api/v1/openapi.json' });
    assert.equal(
      Object.keys(r.json().paths).some((p) => p.startsWith('/taxii2')),
      false,
    );
  });
});
