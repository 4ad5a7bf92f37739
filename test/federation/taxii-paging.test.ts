import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import { ALL, indicator, indicatorId, medallionObjects, postObjects, taxiiHeaders } from './taxii-helpers.js';

const MULTI = 'indicator--6770298f-0fd8-471a-ab8c-1c658a46574e';
const N = 25;

for (const backend of BACKENDS) {
  describe(`TAXII paging, next tokens, one object and its versions on ${backend.name}`, () => {
    let t: TestNode;
    let kz: string;
    let kg: string;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      kz = await t.tokenFor('KZ');
      kg = await t.tokenFor('KG');
      const many = Array.from({ length: N }, (_, i) => indicator(i));
      assert.equal(
        (await postObjects(t.app, kz, [...medallionObjects().v21, ...many])).json().success_count,
        N + 7,
      );
    });
    after(() => t.dispose());

    const get = (path: string, token = kz) =>
      t.app.inject({ url: `${ALL}${path}`, headers: taxiiHeaders(token) });

    test('limit cuts a page; next walks every object exactly once; the last page has more false and no next', async () => {
      const seen: string[] = [];
      let next: string | undefined;
      let pages = 0;
      do {
        const r = await get(
          `/objects/?match[type]=indicator&limit=10${next ? `&next=${encodeURIComponent(next)}` : ''}`,
        );
        assert.equal(r.statusCode, 200, r.body);
        const body = r.json();
        assert.ok(body.objects.length <= 10);
        seen.push(...body.objects.map((o: { id: string }) => o.id));
        assert.equal(body.more, body.next !== undefined);
        next = body.next;
        pages++;
      } while (next);
      assert.equal(pages, 3);
      assert.equal(seen.length, N + 2);
      assert.equal(new Set(seen).size, N + 2);
    });

    test('the manifest pages the same way, headers bounding each page', async () => {
      const first = await get('/manifest/?limit=4&match[version]=all');
      const b = first.json();
      assert.equal(b.objects.length, 4);
      assert.equal(b.more, true);
      assert.equal(first.headers['x-taxii-date-added-last'], b.objects[3].date_added);
      const second = await get(`/manifest/?limit=4&match[version]=all&next=${b.next}`);
      assert.ok(second.json().objects[0].date_added > b.objects[3].date_added);
    });

    test('a next token edited, or used with another query, endpoint or Party, is refused with 400', async () => {
      const next: string = (await get('/objects/?match[type]=indicator&limit=5')).json().next;
      // The token is sealed: flipping one bit of the sealed position or of the tag breaks it.
      const raw = Buffer.from(next, 'base64url');
      const flip = (i: number) => {
        const b = Buffer.from(raw);
        b[i] = b[i]! ^ 1;
        return b.toString('base64url');
      };
      const forged = flip(13);
      const flipped = flip(raw.length - 1);
      for (const bad of [
        `/objects/?match[type]=indicator&limit=5&next=${forged}`,
        `/objects/?match[type]=indicator&limit=5&next=${flipped}`,
        `/objects/?match[type]=malware&limit=5&next=${next}`,
        `/objects/?limit=5&next=${next}`,
        `/manifest/?match[type]=indicator&limit=5&next=${next}`,
      ]) {
        const r = await get(bad);
        assert.equal(r.statusCode, 400, bad);
        assert.equal(r.json().http_status, '400');
      }
      const foreign = await get(`/objects/?match[type]=indicator&limit=5&next=${next}`, kg);
      assert.equal(foreign.statusCode, 400, 'a token of another Party');
      assert.equal(
        (await get(`/objects/?match[type]=indicator&limit=50&next=${next}`)).statusCode,
        200,
        'limit may change',
      );
    });

    test('one object: the newest version by default, first / all / a timestamp on request', async () => {
      const r = await get(`/objects/${MULTI}/`);
      assert.equal(r.statusCode, 200);
      assert.deepEqual(
        r.json().objects.map((o: { modified: string }) => o.modified),
        ['2017-01-27T13:49:53.935Z'],
      );
      assert.ok(r.headers['x-taxii-date-added-first']);
      assert.equal(r.headers['x-taxii-date-added-first'], r.headers['x-taxii-date-added-last']);
      const all = await get(`/objects/${MULTI}/?match[version]=all`);
      assert.deepEqual(
        all.json().objects.map((o: { modified: string }) => o.modified),
        ['2016-11-03T12:30:59.000Z', '2016-12-25T12:30:59.444Z', '2017-01-27T13:49:53.935Z'],
      );
      assert.notEqual(all.headers['x-taxii-date-added-first'], all.headers['x-taxii-date-added-last']);
      const first = await get(`/objects/${MULTI}/?match[version]=first`);
      assert.equal(first.json().objects[0].modified, '2016-11-03T12:30:59.000Z');
      const at = await get(`/objects/${MULTI}/?match[version]=2016-12-25T12:30:59.444Z`);
      assert.equal(at.json().objects[0].modified, '2016-12-25T12:30:59.444Z');
      const paged = await get(`/objects/${MULTI}/?match[version]=all&limit=2`);
      assert.equal(paged.json().objects.length, 2);
      assert.equal(paged.json().more, true);
    });

    test('one object that is not held is a 404 TAXII error; a malformed id a 400', async () => {
      const r = await get(`/objects/${indicatorId(999_999)}/`);
      assert.equal(r.statusCode, 404);
      assert.equal(r.json().http_status, '404');
      assert.equal((await get(`/objects/${indicatorId(999_999)}/versions/`)).statusCode, 404);
      assert.equal((await get('/objects/not-an-id/')).statusCode, 400);
    });

    test('versions: every version, oldest first, in microseconds; paged with limit and next', async () => {
      const r = await get(`/objects/${MULTI}/versions/`);
      assert.equal(r.statusCode, 200);
      assert.deepEqual(r.json(), {
        more: false,
        versions: [
          '2016-11-03T12:30:59.000000Z',
          '2016-12-25T12:30:59.444000Z',
          '2017-01-27T13:49:53.935000Z',
        ],
      });
      assert.ok(r.headers['x-taxii-date-added-first']);
      assert.ok(r.headers['x-taxii-date-added-last']);
      const p1 = (await get(`/objects/${MULTI}/versions/?limit=2`)).json();
      assert.equal(p1.versions.length, 2);
      const p2 = (await get(`/objects/${MULTI}/versions/?limit=2&next=${p1.next}`)).json();
      assert.deepEqual(p2, { more: false, versions: ['2017-01-27T13:49:53.935000Z'] });
      assert.deepEqual((await get(`/objects/${MULTI}/versions/?match[spec_version]=2.0`)).json(), {
        more: false,
      });
    });
  });
}
