import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  askConsent,
  decideConsent,
  decisionId,
  listConsents,
  visibleConsent,
} from '../../src/exchange/consent-service.js';
import { decideDisclosure } from '../../src/node/disclosure.js';
import { partyIdentity } from '../../src/node/identity.js';
import { importStix } from '../../src/node/ingest.js';
import { consentToStix, TLP2_IDS } from '../../src/policy/index.js';
import { addUser, latestOwn, listAudit } from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';
import { create, eventually, type Federation, peerAll, startFederation } from './federation-helpers.js';

// Article 10: KG's information reaches a third party from BY's node only under KG's written
// consent, and only KG's own node can give it. The request is made on BY's node, decided on
// KG's, and the signed decision returns to BY's node, which then relies on it.
const REPORT = 'indicator--c0c0c0c0-0000-4000-8000-00000000000a';
const THIRD = { kind: 'third-party', id: 'interpol' } as const;

for (const backend of BACKENDS) {
  describe(`federation: written consent is asked on one node and given on the originator’s on ${backend.name}`, () => {
    let fed: Federation;
    before(async () => {
      fed = await startFederation(['BY', 'KG'], { backend });
      await peerAll(fed);
      for (const f of fed.nodes.values()) await f.startService();
      await create(fed.get('KG'), [
        {
          type: 'indicator',
          spec_version: '2.1',
          id: REPORT,
          created: '2026-01-05T10:00:00.000Z',
          modified: '2026-01-05T10:00:00.000Z',
          pattern: "[ipv4-addr:value = '198.51.100.77']",
          pattern_type: 'stix',
          valid_from: '2026-01-05T10:00:00Z',
          object_marking_refs: [TLP2_IDS.amber],
        },
      ]);
    });
    after(async () => fed.dispose());

    const by = () => fed.get('BY').node;
    const kg = () => fed.get('KG').node;
    const toThirdParty = async () => {
      const v = (await latestOwn(by().store.db, 'KG', [REPORT])).get(REPORT)!;
      return decideDisclosure(
        by(),
        { recipient: THIRD, actor: { kind: 'system', id: 'test', party: 'BY' } },
        [v],
        'export',
      );
    };

    it('the request reaches KG, a "KG" user on BY’s node cannot grant it, KG’s liaison can', async () => {
      await eventually(
        async () => (await latestOwn(by().store.db, 'KG', [REPORT])).has(REPORT),
        'KG’s report on BY',
      );
      const byLiaison = await addUser(by().store.db, { party: 'BY', name: 'liaison-by', role: 'liaison' });
      const asked = await askConsent(by(), byLiaison, {
        objectIds: [REPORT],
        recipient: THIRD,
        purpose: 'joint investigation with an international partner',
        validUntil: '2099-12-31',
      });
      assert.equal(asked.grantor, 'KG');
      assert.equal((await toThirdParty()).allowed.length, 0, 'a request is not a consent');

      await eventually(
        async () =>
          (await listConsents(kg(), 'KG')).some((c) => c.id === asked.id && c.status === 'requested'),
        'the consent request on KG’s node',
      );

      // BY's administrator makes a user who claims to be KG's liaison officer: refused.
      const fake = await addUser(by().store.db, { party: 'KG', name: 'fake-kg', role: 'liaison' });
      await assert.rejects(
        decideConsent(by(), fake, asked.id, { type: 'grant' }),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'ACCORD_FORBIDDEN');
          assert.match(e.message, /only a node of KG can sign/);
          return true;
        },
      );
      assert.equal((await visibleConsent(by(), 'BY', asked.id)).status, 'requested');
      assert.equal((await toThirdParty()).allowed.length, 0);

      // A forged decision object stored on BY's node under KG's name is not a decision either.
      const forged = {
        ...consentToStix(
          { ...asked, status: 'granted', grantedAt: new Date().toISOString(), grantedBy: 'fake-kg' },
          {
            createdByRef: partyIdentity('KG'),
            created: asked.requestedAt,
            modified: new Date().toISOString(),
          },
        ),
        id: decisionId(asked.id),
        request_ref: asked.id,
      };
      const stored = await importStix(by(), { party: 'KG', sourceNode: by().settings.nodeId }, forged);
      assert.equal(stored.ok, true, JSON.stringify(stored.report));
      assert.equal((await visibleConsent(by(), 'BY', asked.id)).status, 'requested');
      assert.equal((await toThirdParty()).allowed.length, 0, 'a locally stored "grant" is not KG’s consent');

      const kgLiaison = await addUser(kg().store.db, { party: 'KG', name: 'liaison-kg', role: 'liaison' });
      const granted = await decideConsent(kg(), kgLiaison, asked.id, { type: 'grant' });
      assert.equal(granted.status, 'granted');

      await eventually(
        async () => (await visibleConsent(by(), 'BY', asked.id)).status === 'granted',
        'KG’s signed grant on BY’s node',
      );
      const allowed = await toThirdParty();
      assert.deepEqual(
        allowed.allowed.map((v) => v.id),
        [REPORT],
      );

      // Both sides keep the request and the decision in their audit logs.
      for (const node of [by(), kg()]) {
        const actions = (await listAudit(node.store.db, { limit: 1000 }))
          .filter((e) => JSON.stringify(e.subject ?? '').includes(asked.id))
          .map((e) => e.action);
        assert.ok(actions.includes('consent.requested'), `${node.settings.party}: ${actions}`);
        assert.ok(actions.includes('consent.granted'), `${node.settings.party}: ${actions}`);
      }
      const disclosures = (await listAudit(by().store.db, { action: 'disclosure', limit: 1000 })).filter(
        (e) => JSON.stringify(e.details).includes(asked.id),
      );
      assert.ok(disclosures.length > 0, 'the disclosure names the consent it relied on');

      // KG withdraws on its node; BY's node stops relying on it.
      await decideConsent(kg(), kgLiaison, asked.id, { type: 'withdraw' });
      await eventually(
        async () => (await visibleConsent(by(), 'BY', asked.id)).status === 'withdrawn',
        'the withdrawal on BY’s node',
      );
      assert.equal((await toThirdParty()).allowed.length, 0);
    });
  });
}
