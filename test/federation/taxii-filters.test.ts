import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  ALL,
  INDICATORS,
  MICROS,
  medallionObjects,
  PUBLISHED_IDS,
  postObjects,
  storedOnly,
  TAXII,
  taxiiHeaders,
} from './taxii-helpers.js';

const MULTI = 'indicator--6770298f-0fd8-471a-ab8c-1c658a46574e';
const SCO = {
  type: 'ipv4-addr',
  spec_version: '2.1',
  id: 'ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd',
  value: '198.51.100.3',
};

type Manifest = { id: string; date_added: string; version: string; media_type: string }[];

for (const backend of BACKENDS) {
  describe(`TAXII objects and manifest filters on ${backend.name}`, () => {
    let t: TestNode;
    let token: string;
    let manifestAll: Manifest;
    let manifestWithDefinitions: Manifest;
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      token = await t.tokenFor('KZ');
      const r = await postObjects(t.app, token, [...medallionObjects().v21, SCO]);
      assert.equal(r.statusCode, 202, r.body);
      assert.equal(r.json().success_count, 8, r.body);
      manifestWithDefinitions = (await get('/manifest/?match[version]=all')).json().objects;
      manifestAll = storedOnly(manifestWithDefinitions);
    });
    after(() => t.dispose());

    const get = (path: string, base = ALL) =>
      t.app.inject({ url: `${base}${path}`, headers: taxiiHeaders(token) });
    const allIds = (r: { json(): { objects?: { id: string }[] } }) =>
      (r.json().objects ?? []).map((o) => o.id);
    const ids = (r: { json(): { objects?: { id: string }[] } }) =>
      storedOnly(r.json().objects ?? []).map((o) => o.id);

    test('objects: the newest version of each object, oldest date_added first, with the date headers', async () => {
      const r = await get('/objects/');
      assert.equal(r.statusCode, 200);
      assert.equal(r.headers['content-type'], TAXII);
      const body = r.json();
      assert.equal(body.more, false);
      // The definitions Accord publishes come first, then what was stored.
      assert.deepEqual(allIds(r).slice(0, PUBLISHED_IDS.size), [...PUBLISHED_IDS]);
      assert.equal(storedOnly(body.objects).length, 6);
      assert.equal(
        body.objects.find((o: { id: string }) => o.id === MULTI).modified,
        '2017-01-27T13:49:53.935Z',
      );
      const latest = manifestWithDefinitions.filter(
        (m) => allIds(r).includes(m.id) && (m.id !== MULTI || m.version.startsWith('2017')),
      );
      assert.equal(r.headers['x-taxii-date-added-first'], latest[0]!.date_added);
      assert.equal(r.headers['x-taxii-date-added-last'], latest.at(-1)!.date_added);
    });

    test('manifest: id, date_added and version with microseconds, media_type, and the date headers', async () => {
      assert.equal(manifestAll.length, 8);
      for (const m of manifestAll) {
        assert.match(m.date_added, MICROS);
        assert.match(m.version, MICROS);
        assert.equal(m.media_type, 'application/stix+json;version=2.1');
      }
      const dates = manifestAll.map((m) => m.date_added);
      assert.deepEqual(dates, [...dates].sort(), 'sorted by date_added');
      const r = await get('/manifest/');
      assert.equal(storedOnly(r.json().objects).length, 6);
      assert.equal(r.headers['x-taxii-date-added-first'], r.json().objects[0].date_added);
      assert.equal(r.headers['x-taxii-date-added-last'], r.json().objects.at(-1).date_added);
      // An object without modified or created is versioned by its date_added.
      const sco = manifestAll.find((m) => m.id === SCO.id)!;
      assert.equal(sco.version, sco.date_added);
    });

    test('match[version]: last (default), first, all, first,last, and a timestamp in any precision', async () => {
      const versionsOf = async (q: string) =>
        ((await get(`/manifest/?${q}`)).json().objects as Manifest)
          .filter((m) => m.id === MULTI)
          .map((m) => m.version);
      assert.deepEqual(await versionsOf('match[version]=last'), ['2017-01-27T13:49:53.935000Z']);
      assert.deepEqual(await versionsOf('match[version]=first'), ['2016-11-03T12:30:59.000000Z']);
      assert.equal((await versionsOf('match[version]=all')).length, 3);
      assert.deepEqual(await versionsOf('match[version]=first,last'), [
        '2016-11-03T12:30:59.000000Z',
        '2017-01-27T13:49:53.935000Z',
      ]);
      assert.deepEqual(await versionsOf('match[version]=2016-12-25T12:30:59.444Z'), [
        '2016-12-25T12:30:59.444000Z',
      ]);
      assert.deepEqual(await versionsOf('match[version]=2016-12-25T12:30:59.444000Z'), [
        '2016-12-25T12:30:59.444000Z',
      ]);
      assert.equal(ids(await get('/objects/?match[version]=first')).length, 6);
      const sco = manifestAll.find((m) => m.id === SCO.id)!;
      assert.deepEqual(ids(await get(`/objects/?match[version]=${sco.date_added}`)), [SCO.id]);
    });

    test('match[id] and match[type]: comma lists and repeated parameters are OR, fields are AND', async () => {
      assert.deepEqual(ids(await get(`/objects/?match[id]=${MULTI}`)), [MULTI]);
      const two = `indicator--cd981c25-8042-4166-8945-51178443bdac,${MULTI}`;
      assert.equal(ids(await get(`/objects/?match[id]=${two}`)).length, 2);
      assert.equal(ids(await get(`/objects/?match[id]=${MULTI}&match[id]=${SCO.id}`)).length, 2);
      assert.equal(ids(await get('/objects/?match[type]=indicator')).length, 2);
      assert.equal(ids(await get('/objects/?match[type]=indicator,malware')).length, 3);
      assert.deepEqual(ids(await get(`/objects/?match[type]=malware&match[id]=${MULTI}`)), []);
      assert.equal(
        ids(await get('/objects/?match%5Btype%5D=indicator')).length,
        2,
        'percent-encoded brackets',
      );
    });

    test('match[spec_version]: 2.1 matches everything, 2.0 nothing (an empty envelope, no date headers)', async () => {
      assert.equal(ids(await get('/objects/?match[spec_version]=2.1')).length, 6);
      assert.equal(ids(await get('/objects/?match[spec_version]=2.0,2.1')).length, 6);
      const none = await get('/objects/?match[spec_version]=2.0');
      assert.equal(none.statusCode, 200);
      assert.deepEqual(none.json(), { more: false });
      assert.equal(none.headers['x-taxii-date-added-first'], undefined);
    });

    test('added_after: only versions added strictly later', async () => {
      const third = manifestAll[2]!;
      const r = await get(`/manifest/?match[version]=all&added_after=${third.date_added}`);
      assert.deepEqual(
        r.json().objects.map((m: { date_added: string }) => m.date_added),
        manifestAll.slice(3).map((m) => m.date_added),
      );
      assert.equal(r.headers['x-taxii-date-added-first'], manifestAll[3]!.date_added);
    });

    test('the indicators collection holds only indicators', async () => {
      const r = await get('/objects/?match[version]=all', INDICATORS);
      assert.deepEqual([...new Set(r.json().objects.map((o: { type: string }) => o.type))], ['indicator']);
      assert.equal(r.json().objects.length, 4);
      assert.deepEqual(ids(await get('/objects/?match[type]=malware', INDICATORS)), []);
    });

    test('malformed filters are 400 TAXII errors that say what is wrong', async () => {
      for (const q of [
        'limit=0',
        'limit=ten',
        'match[version]=newest',
        'added_after=yesterday',
        'match[colour]=red',
        'match[id]=not-an-id',
        'match[spec_version]=latest',
        'next=garbage',
      ]) {
        const r = await get(`/objects/?${q}`);
        assert.equal(r.statusCode, 400, q);
        assert.equal(r.json().http_status, '400');
        assert.ok(r.json().description.length > 10);
      }
      assert.equal((await get(`/objects/${MULTI}/versions/?match[type]=indicator`)).statusCode, 400);
    });

    test('a limit above the server maximum is served, capped', async () => {
      const r = await get('/objects/?limit=5000');
      assert.equal(r.statusCode, 200);
      assert.equal(ids(r).length, 6);
    });
  });
}
