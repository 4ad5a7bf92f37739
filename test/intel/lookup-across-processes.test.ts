// Two node instances on one store stand for two processes (`accord serve` and `accord import`,
// or two `accord serve` behind a proxy). A lookup keeps its index and the consents it decides
// with in memory between requests, and trusts them only while the store says nothing was
// committed since (src/store/database.ts, `commitStamp`): what one process commits, the other's
// next lookup must see.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { lookupValues } from '../../src/intel/lookup-service.js';
import { partyAudience } from '../../src/node/disclosure.js';
import { effectiveConsents } from '../../src/node/effective-consents.js';
import { importStix } from '../../src/node/ingest.js';
import { type AccordNode, initNode, openNode } from '../../src/node/node.js';
import type { Consent } from '../../src/policy/index.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { saveConsent } from '../../src/store/index.js';
import { BACKENDS, tempDir } from '../helpers/stores.js';

const T = '2026-01-10T08:00:00.000Z';

function indicator(address: string, id = `indicator--${randomUUID()}`, modified = T) {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id,
    created: T,
    modified,
    name: `C2 ${address}`,
    pattern: `[ipv4-addr:value = '${address}']`,
    pattern_type: 'stix',
    valid_from: T,
    object_marking_refs: [TLP2_IDS.green],
  };
}

const bundle = (...objects: object[]) => ({ type: 'bundle', id: `bundle--${randomUUID()}`, objects });

function consent(
  id: string,
  status: 'granted' | 'withdrawn',
  objectId = `indicator--${randomUUID()}`,
  recipient: object = { kind: 'organisation', name: 'Interpol' },
): Consent {
  const base = {
    id,
    objectIds: [objectId],
    requester: 'KZ',
    grantor: 'BY',
    recipient,
    purpose: 'test',
    validUntil: '2099-12-31',
    requestedAt: T,
    requestedBy: 'kz-liaison',
    grantedAt: T,
    grantedBy: 'by-liaison',
  } as const;
  return status === 'granted'
    ? ({ ...base, status } as unknown as Consent)
    : ({ ...base, status, withdrawnAt: T, withdrawnBy: 'by-liaison' } as unknown as Consent);
}

for (const backend of BACKENDS) {
  describe(`what one process commits, another's next lookup sees (${backend.name})`, () => {
    const dir = tempDir();
    const store = backend.fresh();
    let first: AccordNode;
    let second: AccordNode;
    before(async () => {
      first = (await initNode({ data: dir.path, db: store.url }, { party: 'KZ' })).node;
      second = await openNode({ data: dir.path, db: store.url });
    });
    after(async () => {
      await second.close();
      await first.close();
      await store.dispose();
      dir.dispose();
    });

    const known = async (node: AccordNode, value: string, party = 'KZ') =>
      (await lookupValues(node, partyAudience(party), [value]))[0]!.known;

    test('an indicator imported by the other process is found by the next lookup', async () => {
      assert.equal(await known(first, '203.0.113.5'), false, 'the index is built, and nothing is new');
      assert.equal(await known(first, '203.0.113.5'), false);
      const r = await importStix(
        second,
        { party: 'KZ', sourceNode: 'test' },
        bundle(indicator('203.0.113.5')),
      );
      assert.ok(r.ok, JSON.stringify(r.errors));
      assert.equal(await known(first, '203.0.113.5'), true);
    });

    test('an indicator imported by this process is found by the next lookup', async () => {
      assert.equal(await known(first, '203.0.113.6'), false);
      const r = await importStix(
        first,
        { party: 'KZ', sourceNode: 'test' },
        bundle(indicator('203.0.113.6')),
      );
      assert.ok(r.ok, JSON.stringify(r.errors));
      assert.equal(await known(first, '203.0.113.6'), true);
    });

    test('a consent granted or withdrawn by either process counts at the next disclosure', async () => {
      const id = `x-accord-consent--${randomUUID()}`;
      const status = async () => (await effectiveConsents(first)).find((c) => c.id === id)?.status;
      assert.equal(await status(), undefined);
      assert.equal(await status(), undefined, 'asked twice with nothing committed between');
      await saveConsent(second.store.db, consent(id, 'granted'));
      assert.equal(await status(), 'granted', 'granted by the other process');
      await saveConsent(second.store.db, consent(id, 'withdrawn'));
      assert.equal(await status(), 'withdrawn', 'withdrawn by the other process');
      await saveConsent(first.store.db, consent(id, 'granted'));
      assert.equal(await status(), 'granted', 'granted again by this process');
    });

    test('a revocation or a consent committed by the other process counts at the next lookup', async () => {
      // BY's indicator, held by KZ: the United States, not a Party, needs BY's written consent.
      const id = `indicator--${randomUUID()}`;
      const r = await importStix(
        first,
        { party: 'BY', sourceNode: 'test' },
        bundle(indicator('198.51.100.7', id)),
      );
      assert.ok(r.ok, JSON.stringify(r.errors));
      assert.equal(await known(first, '198.51.100.7'), true, 'KZ, a Party, sees the TLP:GREEN indicator');
      assert.equal(
        await known(first, '198.51.100.7', 'US'),
        false,
        'a third party does not, without consent',
      );
      const consentId = `x-accord-consent--${randomUUID()}`;
      const us = { kind: 'party', party: 'US' };
      await saveConsent(second.store.db, consent(consentId, 'granted', id, us));
      assert.equal(await known(first, '198.51.100.7', 'US'), true, 'consent granted by the other process');
      await saveConsent(second.store.db, consent(consentId, 'withdrawn', id, us));
      assert.equal(await known(first, '198.51.100.7', 'US'), false, 'consent withdrawn by the other process');
      // The copy a lookup kept in memory is not trusted past the other process's commit.
      const revoked = { ...indicator('198.51.100.7', id, '2026-01-11T08:00:00.000Z'), revoked: true };
      const v2 = await importStix(second, { party: 'BY', sourceNode: 'test' }, bundle(revoked));
      assert.ok(v2.ok, JSON.stringify(v2.errors));
      assert.equal(await known(first, '198.51.100.7'), false, 'revoked by the other process');
    });
  });
}
