import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AgreementEvent } from '../../src/agreement/index.js';
import { createCase } from '../../src/exchange/case-service.js';
import { noticeObjectId, recordAndAnnounce } from '../../src/exchange/depositary-service.js';
import { ctxOf, publish } from '../../src/exchange/records.js';
import { createRequest, getRequest, listRequests, move } from '../../src/exchange/request-service.js';
import { depositaryNoticeType } from '../../src/exchange/types/depositary-notice.js';
import { obligations } from '../../src/exchange/withdrawal.js';
import { followDepositary, loadAgreement, statusJson, statusOn } from '../../src/node/agreement-service.js';
import { partyIdentity } from '../../src/node/identity.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { addUser, getVersions, latestCopies, listAudit, type User } from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';
import {
  create,
  eventually,
  type Federation,
  type FedNode,
  peerAll,
  startFederation,
} from './federation-helpers.js';

// Articles 16 and 17 across nodes. KZ's node is the depositary's; BY, KG and RU follow it. RU
// has only signed, so nothing but the depositary's notices reaches its node. One event
// recorded on KZ's node is one notice on every node, and every node reads the same status on
// every date. KG then withdraws: nothing new is addressed to it, its late answer is taken.
const AM_NOTIFIED: AgreementEvent = {
  kind: 'ratification-notified',
  date: '2025-02-03',
  party: 'AM',
  source: 'depositary note of 3 February 2025',
};
const KG_WITHDRAWS: AgreementEvent = {
  kind: 'withdrawal-notified',
  date: '2026-01-12',
  party: 'KG',
  source: 'depositary note of 12 January 2026',
};
const DATES = ['2025-02-02', '2025-02-03', '2026-07-11', '2026-07-12', '2026-12-31'];

for (const backend of BACKENDS) {
  describe(`federation (${backend.name}): the depositary's events reach every node once`, () => {
    let fed: Federation;
    const users = new Map<string, User>();
    before(async () => {
      fed = await startFederation(['KZ', 'BY', 'KG', 'RU'], { backend, depositary: 'KZ' });
      await peerAll(fed);
      for (const p of ['BY', 'KG', 'RU']) await followDepositary(fed.get(p).node, 'accord-kz');
      for (const f of fed.nodes.values()) {
        users.set(
          f.party,
          await addUser(f.node.store.db, { party: f.party, name: `liaison-${f.party}`, role: 'liaison' }),
        );
        await f.startService();
      }
    });
    after(async () => fed.dispose());

    const statuses = async (f: FedNode) => {
      const { definition } = await loadAgreement(f.node);
      return Promise.all(DATES.map(async (d) => statusJson(definition, await statusOn(f.node, d))));
    };
    const depositaryEvents = async (f: FedNode) =>
      (await loadAgreement(f.node)).recorded.filter((r) => r.origin === 'depositary' && r.counted);

    it('one event recorded by the depositary is recorded once on every node, and statuses agree', async () => {
      const kz = fed.get('KZ');
      const out = await recordAndAnnounce(kz.node, AM_NOTIFIED, 'user:admin-kz (KZ)');
      assert.equal(out.noticeObjectId, noticeObjectId(out.record.id));
      for (const p of ['BY', 'KG', 'RU']) {
        await eventually(async () => (await depositaryEvents(fed.get(p))).length === 1, `the event on ${p}`);
      }
      const expected = await statuses(kz);
      assert.equal(expected[1]!.parties.find((x) => x.code === 'AM')!.state, 'in-force');
      for (const p of ['BY', 'KG', 'RU']) {
        const f = fed.get(p);
        const [rec] = await depositaryEvents(f);
        assert.equal(rec!.id, out.record.id, `${p} keeps the depositary's id`);
        assert.equal(rec!.recordedBy, 'depositary:accord-kz');
        assert.equal(
          (await getVersions(f.node.store.db, out.noticeObjectId!)).length,
          1,
          `one notice on ${p}`,
        );
        assert.deepEqual(await statuses(f), expected, `${p} reads the depositary's status on every date`);
      }
    });

    it('an event typed in on a follower stays local, labelled, and changes nothing', async () => {
      const by = fed.get('BY');
      const before = await statuses(by);
      const out = await recordAndAnnounce(
        by.node,
        { ...KG_WITHDRAWS, source: 'a rumour' },
        'cli:test@accord-by',
      );
      assert.equal(out.noticeObjectId, null, 'nothing is announced');
      const local = (await loadAgreement(by.node)).recorded.find((r) => r.id === out.record.id)!;
      assert.equal(local.origin, 'local');
      assert.equal(local.counted, false);
      assert.deepEqual(await statuses(by), before);
    });

    it('a notice signed by a node that is not the depositary’s is refused and audited', async () => {
      const by = fed.get('BY');
      const forged = depositaryNoticeType.toStix(
        {
          id: noticeObjectId('0b6f1d2e-0000-4000-8000-00000000f0f0'),
          createdByRef: partyIdentity('BY'),
          created: '2026-02-01T00:00:00.000Z',
          modified: '2026-02-01T00:00:00.000Z',
          markingRefs: [TLP2_IDS.clear],
        },
        {
          agreement: 'csto-2017-information-security',
          event_id: '0b6f1d2e-0000-4000-8000-00000000f0f0',
          event: KG_WITHDRAWS,
        },
      );
      await publish(by.node, 'BY', null, forged);
      const kg = fed.get('KG');
      await eventually(
        async () =>
          (await listAudit(kg.node.store.db, { action: 'federation.refused', limit: 1000 })).some(
            (e) =>
              (e.subject as { id?: string } | undefined)?.id === forged.id &&
              (e.details as { reason?: string }).reason === 'not-depositary',
          ),
        'the refusal in KG’s audit log',
      );
      assert.equal((await getVersions(kg.node.store.db, String(forged.id))).length, 0);
      assert.equal((await depositaryEvents(kg)).length, 1, 'KG’s log is unchanged');
    });

    it('after KG’s withdrawal takes effect: nothing new to KG, its late answer is taken', async () => {
      const by = fed.get('BY');
      const kg = fed.get('KG');
      const byCtx = ctxOf(users.get('BY')!);
      const kgCtx = ctxOf(users.get('KG')!);
      const earlier = await createRequest(by.node, byCtx, {
        kind: 'information',
        addressee: 'KG',
        summary: 'Who ran 203.0.113.9 in January?',
        legalBasis: 'Article 7',
        caseReference: 'BY-2026-17',
        send: true,
      });
      await eventually(
        async () => (await latestCopies(kg.node.store.db, [earlier.id])).has(earlier.id),
        'the request on KG',
      );
      await eventually(
        async () => (await getRequest(kg.node, kgCtx, earlier.id).catch(() => null))?.state === 'sent',
        'the request in KG’s inbox',
      );
      // The depositary records KG's withdrawal; six months on, it has taken effect.
      await recordAndAnnounce(fed.get('KZ').node, KG_WITHDRAWS, 'user:admin-kz (KZ)');
      for (const f of fed.nodes.values()) {
        await eventually(
          async () =>
            (await statusOn(f.node, '2026-12-31')).parties.find((p) => p.code === 'KG')!.state ===
            'withdrawn',
          `KG withdrawn on ${f.party}`,
        );
      }

      await assert.rejects(
        createRequest(by.node, byCtx, {
          kind: 'information',
          addressee: 'KG',
          summary: 'A new question',
          legalBasis: 'Article 7',
          caseReference: 'BY-2026-18',
          send: true,
        }),
        (e: Error & { code?: string; status?: number }) => {
          assert.equal(e.code, 'ACCORD_PARTY_WITHDRAWN');
          assert.equal(e.status, 409);
          assert.match(e.message, /KG withdrew from the Agreement with effect from 2026-07-12/);
          return true;
        },
      );
      await assert.rejects(createCase(by.node, byCtx, { title: 'x', participants: ['KG'] }), {
        code: 'ACCORD_PARTY_WITHDRAWN',
      });

      const owed = await obligations(by.node, 'KG');
      assert.deepEqual(
        owed.owes.requests.map((r) => r.id),
        [earlier.id],
        'KG still owes BY its answer',
      );
      assert.equal(owed.settled, false);

      const inbox = await listRequests(kg.node, kgCtx, { box: 'inbox' }, 50);
      assert.ok(
        inbox.items.some((r) => r.id === earlier.id),
        'KG still lists what is open with it',
      );
      // KG answers on its own node; the answer reaches BY although KG is no longer a Party.
      await move(kg.node, kgCtx, earlier.id, 'receive', {});
      await move(kg.node, kgCtx, earlier.id, 'start', {});
      await move(kg.node, kgCtx, earlier.id, 'answer', { answer: 'A hosting customer; details attached.' });
      await eventually(
        async () => (await getRequest(by.node, byCtx, earlier.id)).state === 'answered',
        'KG’s late answer on BY',
      );
      assert.equal(
        (await getRequest(by.node, byCtx, earlier.id)).response?.answer,
        'A hosting customer; details attached.',
      );
      assert.equal((await obligations(by.node, 'KG')).settled, true);

      // New information from KG is not taken any more, and the refusal is audited.
      const fresh = 'indicator--5e771ed0-0000-4000-8000-00000000c0de';
      await create(kg, [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: fresh,
          created: '2026-11-01T00:00:00.000Z',
          modified: '2026-11-01T00:00:00.000Z',
          pattern: "[ipv4-addr:value = '203.0.113.10']",
          pattern_type: 'stix',
          valid_from: '2026-11-01T00:00:00Z',
          object_marking_refs: [TLP2_IDS.green],
        },
      ]);
      await eventually(
        async () =>
          (await listAudit(by.node.store.db, { action: 'federation.refused', limit: 1000 })).some(
            (e) =>
              (e.subject as { id?: string } | undefined)?.id === fresh &&
              (e.details as { reason?: string }).reason === 'party-withdrawn',
          ),
        'the refusal of KG’s new indicator on BY',
      );
      assert.equal((await latestCopies(by.node.store.db, [fresh])).has(fresh), false);
    });
  });
}
