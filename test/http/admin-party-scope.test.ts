import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { TLP2_IDS } from '../../src/policy/index.js';
import { addUser, createToken, findUserByName, type User } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// KZ's node keeps users of BY (`accord user add NAME --party BY`, single-node and training
// use). BY's administrator there must not become KZ's: the attacks of issue 12, item 5.

const PASSWORD = 'a long enough password';

function indicator(tlp: keyof typeof TLP2_IDS, value: string) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: `indicator--${randomUUID()}`,
    created: '2026-01-01T00:00:00.000Z',
    modified: '2026-01-01T00:00:00.000Z',
    name: `${tlp} indicator`,
    pattern: `[ipv4-addr:value = '${value}']`,
    pattern_type: 'stix',
    valid_from: '2026-01-01T00:00:00Z',
    object_marking_refs: [TLP2_IDS[tlp]],
  };
}

type Entry = {
  seq?: number;
  at?: string;
  actor: { party?: string };
  action: string;
  subject?: { party?: string };
};

for (const backend of BACKENDS) {
  describe(`administration stays within the Party (${backend.name})`, () => {
    let t: TestNode;
    let kzAdmin: string;
    let byAdmin: string;
    let kzAnalyst: User;
    let kzAnalystToken: string;
    let byAnalyst: User;
    let byAnalystToken: string;
    let tjAnalystToken: string;
    let redId: string;
    let greenId: string;
    let byGreenId: string;

    before(async () => {
      t = await startTestNode(backend, 'KZ');
      const db = t.node.store.db;
      const user = async (party: string, name: string, role: 'admin' | 'analyst') => {
        const u = await addUser(db, { party, name, role });
        return { u, token: (await createToken(db, u, 'test')).token };
      };
      kzAdmin = (await user('KZ', 'admin-kz', 'admin')).token;
      byAdmin = (await user('BY', 'admin-by', 'admin')).token;
      ({ u: kzAnalyst, token: kzAnalystToken } = await user('KZ', 'analyst-kz', 'analyst'));
      ({ u: byAnalyst, token: byAnalystToken } = await user('BY', 'analyst-by', 'analyst'));
      tjAnalystToken = (await user('TJ', 'analyst-tj', 'analyst')).token;
      const post = async (token: string, o: Record<string, unknown>) => {
        const r = await t.app.inject({
          method: 'POST',
          url: '/api/v1/bundles',
          headers: bearer(token),
          payload: { type: 'bundle', id: `bundle--${randomUUID()}`, objects: [o] },
        });
        assert.equal(r.statusCode, 201, r.body);
        return o.id as string;
      };
      redId = await post(kzAnalystToken, indicator('red', '198.51.100.1'));
      greenId = await post(kzAnalystToken, indicator('green', '198.51.100.2'));
      byGreenId = await post(byAnalystToken, indicator('green', '198.51.100.3'));
    });
    after(() => t.dispose());

    const call = (
      token: string,
      method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
      url: string,
      payload?: object,
    ) =>
      t.app.inject({ method, url: `/api/v1${url}`, headers: bearer(token), ...(payload ? { payload } : {}) });

    /** The error of an answer with the one name or id asked about replaced, to compare two answers. */
    const shape = (r: { statusCode: number; json(): unknown }, asked: string) => ({
      status: r.statusCode,
      body: JSON.parse(JSON.stringify(r.json()).replaceAll(asked, 'ASKED')),
    });

    test("BY's administrator cannot make a token for KZ's analyst: the same 404 as for nobody", async () => {
      const kz = await call(byAdmin, 'POST', '/tokens', { user: 'analyst-kz', name: 'steal' });
      const nobody = await call(byAdmin, 'POST', '/tokens', { user: 'no-such-user', name: 'steal' });
      assert.equal(kz.statusCode, 404, kz.body);
      assert.deepEqual(shape(kz, 'analyst-kz'), shape(nobody, 'no-such-user'));
      // The attack's goal stays out of reach: BY's own reading of the red indicator is 404.
      const read = await call(byAdmin, 'GET', `/objects/${redId}`);
      assert.equal(read.statusCode, 404);
      // KZ's administrator can make one, and it reads the indicator: the refusal is about BY.
      const ok = await call(kzAdmin, 'POST', '/tokens', { user: 'analyst-kz', name: 'laptop' });
      assert.equal(ok.statusCode, 201, ok.body);
      assert.equal((await call(ok.json().token, 'GET', `/objects/${redId}`)).statusCode, 200);
    });

    test("BY's administrator sees, changes and revokes only BY's users and tokens", async () => {
      const users = (await call(byAdmin, 'GET', '/users')).json().items as { name: string; party: string }[];
      assert.deepEqual(users.map((u) => u.name).sort(), ['admin-by', 'analyst-by']);
      assert.ok(users.every((u) => u.party === 'BY'));

      const tokens = (await call(byAdmin, 'GET', '/tokens')).json().items as { user: string }[];
      assert.ok(tokens.length >= 2);
      assert.ok(
        tokens.every((x) => x.user.endsWith('-by')),
        JSON.stringify(tokens),
      );
      assert.deepEqual((await call(byAdmin, 'GET', '/tokens?user=analyst-kz')).json().items, []);

      const patch = await call(byAdmin, 'PATCH', `/users/${kzAnalyst.id}`, { role: 'admin' });
      const none = randomUUID();
      const patchNone = await call(byAdmin, 'PATCH', `/users/${none}`, { role: 'admin' });
      assert.equal(patch.statusCode, 404);
      assert.deepEqual(shape(patch, kzAnalyst.id), shape(patchNone, none));
      for (const change of [{ disabled: true }, { password: 'another long password' }]) {
        assert.equal((await call(byAdmin, 'PATCH', `/users/${kzAnalyst.id}`, change)).statusCode, 404);
      }
      assert.equal((await findUserByName(t.node.store.db, 'analyst-kz'))?.role, 'analyst');

      const kzToken = (await call(kzAdmin, 'GET', '/tokens?user=analyst-kz')).json().items[0].id as string;
      const del = await call(byAdmin, 'DELETE', `/tokens/${kzToken}`);
      const delNone = await call(byAdmin, 'DELETE', `/tokens/${none}`);
      assert.equal(del.statusCode, 404);
      assert.deepEqual(shape(del, kzToken), shape(delNone, none));
      assert.equal((await call(kzAnalystToken, 'GET', '/tokens')).statusCode, 200, 'still works');

      // Within BY, BY's administrator does manage: a token for BY's analyst, a role change.
      const mine = await call(byAdmin, 'POST', '/tokens', { user: 'analyst-by', name: 'script' });
      assert.equal(mine.statusCode, 201, mine.body);
      const promoted = await call(byAdmin, 'PATCH', `/users/${byAnalyst.id}`, { role: 'liaison' });
      assert.equal(promoted.statusCode, 200, promoted.body);
      assert.equal(promoted.json().role, 'liaison');
    });

    test("BY's administrator adds no user: neither of KZ nor a name that tells who exists", async () => {
      for (const name of ['new-kz-user', 'analyst-kz']) {
        const r = await call(byAdmin, 'POST', '/users', { name, role: 'admin', password: PASSWORD });
        assert.equal(r.statusCode, 403, r.body);
        assert.equal(r.json().error.code, 'ACCORD_FORBIDDEN');
        assert.match(r.json().error.message, /accord user add NAME --party BY/);
      }
      assert.equal(await findUserByName(t.node.store.db, 'new-kz-user'), undefined);
      const kz = await call(kzAdmin, 'POST', '/users', {
        name: 'new-kz-user',
        role: 'analyst',
        password: PASSWORD,
      });
      assert.equal(kz.statusCode, 201, kz.body);
      assert.equal(kz.json().party, 'KZ');
    });

    test("KZ's administrators see BY's users flagged, may shut them out, but never act as them", async () => {
      const users = (await call(kzAdmin, 'GET', '/users')).json().items as {
        name: string;
        foreign_party: boolean;
      }[];
      const flag = Object.fromEntries(users.map((u) => [u.name, u.foreign_party]));
      assert.equal(flag['analyst-by'], true);
      assert.equal(flag['admin-by'], true);
      assert.equal(flag['analyst-kz'], false);
      assert.equal(flag['analyst-tj'], true);

      const token = await call(kzAdmin, 'POST', '/tokens', { user: 'analyst-by', name: 'x' });
      assert.equal(token.statusCode, 403, token.body);
      assert.match(token.json().error.message, /only BY's administrators/);
      for (const change of [{ role: 'admin' }, { password: 'another long password' }]) {
        const r = await call(kzAdmin, 'PATCH', `/users/${byAnalyst.id}`, change);
        assert.equal(r.statusCode, 403, r.body);
      }
      // Shutting out: a spare BY user, since disabling revokes its tokens for good.
      const spare = await addUser(t.node.store.db, { party: 'BY', name: 'spare-by', role: 'analyst' });
      const spareToken = (await createToken(t.node.store.db, spare, 'test')).token;
      const off = await call(kzAdmin, 'PATCH', `/users/${spare.id}`, { disabled: true });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal((await call(spareToken, 'GET', '/objects')).statusCode, 401, 'shut out');
      const on = await call(kzAdmin, 'PATCH', `/users/${spare.id}`, { disabled: false });
      assert.equal(on.statusCode, 200);
    });

    test("node acts are the node's Party's: peers and the whole chain's verification", async () => {
      for (const [method, url, body] of [
        ['GET', '/peers', undefined],
        ['POST', '/peers', { key: {}, relay_only: true, party: 'BY', node_id: 'x' }],
        ['GET', '/audit/verify', undefined],
        ['POST', '/agreement/events', { kind: 'signature' }],
      ] as const) {
        const r = await call(byAdmin, method, url, body);
        assert.equal(r.statusCode, 403, `${method} ${url}: ${r.body}`);
        assert.match(r.json().error.message, /administrators of KZ, the node's Party/);
      }
      assert.equal((await call(kzAdmin, 'GET', '/peers')).statusCode, 200);
      const verify = await call(kzAdmin, 'GET', '/audit/verify');
      assert.equal(verify.statusCode, 200);
      assert.equal(verify.json().ok, true);
    });

    test("the audit log shows BY's administrator BY's entries only, never where KZ's objects went", async () => {
      // TJ reads KZ's green indicator (KZ's disclosure); KZ and TJ read BY's (BY's disclosure).
      assert.equal((await call(tjAnalystToken, 'GET', `/objects/${greenId}`)).statusCode, 200);
      assert.equal((await call(tjAnalystToken, 'GET', `/objects/${byGreenId}`)).statusCode, 200);
      // BY's analyst lists objects: KZ's red one is withheld from it.
      const listed = await call(byAnalystToken, 'GET', '/objects?limit=100');
      assert.equal(listed.statusCode, 200);

      const all = async (token: string) => {
        const out: (Entry & { details?: Record<string, unknown>; redacted?: string[] })[] = [];
        // The node's Party pages by seq; another Party by the sealed cursor it is given.
        let next: number | string | null | undefined;
        do {
          const after = next === undefined ? '' : `&after=${encodeURIComponent(String(next))}`;
          const r = await call(token, 'GET', `/audit?limit=7${after}`);
          assert.equal(r.statusCode, 200, r.body);
          out.push(...r.json().items);
          next = r.json().next;
        } while (next !== null);
        return out;
      };
      const kzView = await all(kzAdmin);
      const byView = await all(byAdmin);
      assert.ok(byView.length > 0 && byView.length < kzView.length);
      for (const e of byView) {
        const details = e.details as { objects?: { originator: string }[] } | undefined;
        const own =
          e.actor.party === 'BY' ||
          e.subject?.party === 'BY' ||
          (e.action === 'disclosure' && details?.objects?.every((o) => o.originator === 'BY'));
        assert.ok(own, `not BY's: ${JSON.stringify(e)}`);
      }
      const tjReadsKz = (e: Entry & { details?: Record<string, unknown> }) =>
        e.action === 'disclosure' && JSON.stringify(e.details).includes(greenId) && e.actor.party === 'TJ';
      assert.ok(kzView.some(tjReadsKz), "KZ's administrator sees its disclosure to TJ");
      assert.ok(!byView.some(tjReadsKz), "BY's does not");
      assert.ok(!JSON.stringify(byView).includes(redId), 'the red id never shows');
      assert.ok(
        byView.some((e) => e.action === 'disclosure' && JSON.stringify(e.details).includes(byGreenId)),
        'BY learns that its own indicator went to TJ',
      );
      // BY's analyst's listing: in BY's copy, the count of what was withheld is gone.
      const byListing = byView.filter((e) => e.action === 'disclosure' && e.actor.party === 'BY');
      assert.ok(byListing.length > 0);
      for (const e of byListing) {
        assert.equal(e.details?.withheld, undefined);
        assert.deepEqual(e.redacted, ['seq', 'prevHash', 'hash', 'details.withheld']);
        // The chain's position and links would count other Parties' entries between BY's.
        assert.equal(e.seq, undefined);
        assert.equal((e as { hash?: string }).hash, undefined);
      }
      const kzCopy = kzView.find(
        (e) =>
          e.at === (byListing[0] as { at?: string }).at &&
          e.action === 'disclosure' &&
          e.actor.party === 'BY',
      )!;
      assert.equal(typeof kzCopy.details?.withheld, 'number', "KZ's copy keeps it");
      // Account changes are in both Parties' views as they concern them, and carry no secret.
      const byTokenMade = byView.find((e) => e.action === 'token.created' && e.subject?.party === 'BY');
      assert.ok(byTokenMade, 'the token BY made for its analyst');
      assert.ok(!byView.some((e) => e.action === 'admin.user.added' && e.subject?.party === 'KZ'));
      assert.ok(kzView.some((e) => e.action === 'admin.user.added' && e.subject?.party === 'KZ'));
      assert.ok(
        byView.some(
          (e) => e.action === 'admin.user.changed' && e.subject?.party === 'BY' && e.actor.party === 'KZ',
        ),
        "KZ disabling BY's analyst is BY's entry too",
      );
      assert.doesNotMatch(JSON.stringify(kzView), /accord_[\w-]{43}|another long password/);
    });

    test("a user of BY acts only as BY: what it makes is BY's, not signed by KZ's node", async () => {
      const sent = await call(byAnalystToken, 'POST', '/notifications', {
        kind: 'incident',
        severity: 'low',
        summary: 'made by BY on KZ node',
      });
      assert.equal(sent.statusCode, 201, sent.body);
      const obj = await call(byAnalystToken, 'GET', `/objects/${sent.json().id}`);
      assert.equal(obj.json().meta.originator, 'BY');
      assert.equal(obj.json().meta.signed, false, "KZ's key does not vouch for BY");
      const kz = await call(kzAnalystToken, 'POST', '/notifications', {
        kind: 'incident',
        severity: 'low',
        summary: 'made by KZ',
      });
      const kzObj = await call(kzAnalystToken, 'GET', `/objects/${kz.json().id}`);
      assert.equal(kzObj.json().meta.originator, 'KZ');
      assert.equal(kzObj.json().meta.signed, true);
    });
  });
}
