import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CONSENT_EXTENSION_DEFINITION,
  CONSENT_EXTENSION_ID,
  type Consent,
  type ConsentActor,
  type ConsentRequest,
  type ConsentResult,
  consentCovers,
  consentFromStix,
  consentToStix,
  requestConsent,
  transitionConsent,
} from '../../src/policy/index.js';

const UN = { kind: 'third-party', id: 'identity--un-ocha' } as const;
const analystBY: ConsentActor = { id: 'by-analyst', party: 'BY', liaison: false };
const liaisonRU: ConsentActor = { id: 'ru-liaison', party: 'RU', liaison: true };
const analystRU: ConsentActor = { id: 'ru-analyst', party: 'RU', liaison: false };
const liaisonBY: ConsentActor = { id: 'by-liaison', party: 'BY', liaison: true };

const REQ: ConsentRequest = {
  id: 'x-accord-consent--6f1a7f0e-0d5a-4d0c-8c55-2a4c7e9b1c01',
  objectIds: ['indicator--a', 'report--b'],
  requester: 'BY',
  grantor: 'RU',
  recipient: UN,
  purpose: 'Coordinated takedown with the UN',
  validUntil: '2024-12-31',
};

function ok(r: ConsentResult): Consent {
  if (!r.ok) assert.fail(`${r.code}: ${r.message}`);
  return r.consent;
}

const requested = () => ok(requestConsent(REQ, analystBY, '2024-05-01T09:00:00Z'));
const granted = () =>
  ok(transitionConsent(requested(), { type: 'grant', at: '2024-05-02T10:00:00Z' }, liaisonRU));

describe('consent state machine', () => {
  test('a Party asks; the originator’s liaison grants', () => {
    const c = granted();
    assert.equal(c.status, 'granted');
    assert.equal(c.status === 'granted' && c.grantedBy, 'ru-liaison');
    assert.equal(c.requestedBy, 'by-analyst');
  });

  test('a request must name objects, purpose and a future end date, and come from the requester', () => {
    const bad = (r: Partial<ConsentRequest>, actor = analystBY) =>
      requestConsent({ ...REQ, ...r }, actor, '2024-05-01T09:00:00Z');
    assert.equal((bad({ objectIds: [] }) as { code: string }).code, 'invalid');
    assert.equal((bad({ purpose: '  ' }) as { code: string }).code, 'invalid');
    assert.equal((bad({ validUntil: '2024-04-30' }) as { code: string }).code, 'invalid');
    assert.equal((bad({ validUntil: 'soon' }) as { code: string }).code, 'invalid');
    assert.equal((bad({}, analystRU) as { code: string }).code, 'not-authorised');
  });

  test('only a liaison officer of the originating Party decides', () => {
    for (const actor of [analystRU, liaisonBY, analystBY]) {
      for (const type of ['grant', 'refuse'] as const) {
        const r = transitionConsent(requested(), { type, at: '2024-05-02T10:00:00Z' }, actor);
        assert.equal(r.ok, false);
        assert.equal((r as { code: string }).code, 'not-authorised');
      }
      const w = transitionConsent(granted(), { type: 'withdraw', at: '2024-06-01T00:00:00Z' }, actor);
      assert.equal((w as { code: string }).code, 'not-authorised');
    }
  });

  test('refusal records a reason; a refused consent cannot then be granted', () => {
    const refused = ok(
      transitionConsent(
        requested(),
        { type: 'refuse', at: '2024-05-02T10:00:00Z', reason: 'national law' },
        liaisonRU,
      ),
    );
    assert.equal(refused.status === 'refused' && refused.refusalReason, 'national law');
    const r = transitionConsent(refused, { type: 'grant', at: '2024-05-03T00:00:00Z' }, liaisonRU);
    assert.deepEqual(r, {
      ok: false,
      code: 'illegal-transition',
      message: 'a refused consent cannot be granted',
    });
  });

  test('illegal moves are refused', () => {
    const illegal = (c: Consent, type: 'grant' | 'refuse' | 'withdraw') =>
      (transitionConsent(c, { type, at: '2024-07-01T00:00:00Z' }, liaisonRU) as { code?: string }).code;
    assert.equal(illegal(requested(), 'withdraw'), 'illegal-transition');
    assert.equal(illegal(granted(), 'grant'), 'illegal-transition');
    assert.equal(illegal(granted(), 'refuse'), 'illegal-transition');
    const w = ok(transitionConsent(granted(), { type: 'withdraw', at: '2024-06-01T00:00:00Z' }, liaisonRU));
    for (const t of ['grant', 'refuse', 'withdraw'] as const)
      assert.equal(illegal(w, t), 'illegal-transition');
  });

  test('a grant after the requested end date, or a withdrawal before the grant, is invalid', () => {
    assert.equal(
      (
        transitionConsent(requested(), { type: 'grant', at: '2025-01-01T00:00:00Z' }, liaisonRU) as {
          code: string;
        }
      ).code,
      'invalid',
    );
    assert.equal(
      (
        transitionConsent(granted(), { type: 'withdraw', at: '2024-05-01T00:00:00Z' }, liaisonRU) as {
          code: string;
        }
      ).code,
      'invalid',
    );
  });

  test('withdrawal stops coverage from its day on, not before', () => {
    const w = ok(transitionConsent(granted(), { type: 'withdraw', at: '2024-06-10T08:00:00Z' }, liaisonRU));
    assert.equal(consentCovers(w, 'indicator--a', UN, '2024-06-09'), true);
    assert.equal(consentCovers(w, 'indicator--a', UN, '2024-06-10'), false);
    assert.equal(consentCovers(w, 'indicator--a', UN, '2024-06-11'), false);
  });
});

describe('consentCovers', () => {
  const c = granted();
  test('covers the named objects, recipient and dates only', () => {
    assert.equal(consentCovers(c, 'indicator--a', UN, '2024-05-02'), true);
    assert.equal(consentCovers(c, 'report--b', UN, '2024-12-31'), true);
    assert.equal(consentCovers(c, 'indicator--z', UN, '2024-06-01'), false);
    assert.equal(
      consentCovers(c, 'indicator--a', { kind: 'third-party', id: 'identity--x' }, '2024-06-01'),
      false,
    );
    assert.equal(consentCovers(c, 'indicator--a', { kind: 'party', party: 'KG' }, '2024-06-01'), false);
    assert.equal(consentCovers(c, 'indicator--a', UN, '2024-05-01'), false);
    assert.equal(consentCovers(c, 'indicator--a', UN, '2025-01-01'), false);
  });
  test('only the requester or the grantor may rely on it', () => {
    assert.equal(consentCovers(c, 'indicator--a', UN, '2024-06-01', 'BY'), true);
    assert.equal(consentCovers(c, 'indicator--a', UN, '2024-06-01', 'RU'), true);
    assert.equal(consentCovers(c, 'indicator--a', UN, '2024-06-01', 'KZ'), false);
  });
  test('a request covers nothing', () => {
    assert.equal(consentCovers(requested(), 'indicator--a', UN, '2024-06-01'), false);
  });
});

describe('x-accord-consent', () => {
  const opts = {
    createdByRef: 'identity--ru',
    created: '2024-05-01T09:00:00.000Z',
    modified: '2024-05-02T10:00:00.000Z',
  };
  test('a grant becomes a STIX object of a new-sdo extension and reads back the same', () => {
    const c = granted();
    const o = consentToStix(c, opts);
    assert.equal(o.type, 'x-accord-consent');
    assert.equal(o.spec_version, '2.1');
    assert.deepEqual(o.object_refs, ['indicator--a', 'report--b']);
    assert.equal(o.granted_by, 'ru-liaison');
    assert.deepEqual(o.extensions, { [CONSENT_EXTENSION_ID]: { extension_type: 'new-sdo' } });
    assert.deepEqual(consentFromStix(o), c);
    assert.deepEqual(CONSENT_EXTENSION_DEFINITION.extension_types, ['new-sdo']);
  });
  test('every state round-trips', () => {
    const refused = ok(
      transitionConsent(requested(), { type: 'refuse', at: '2024-05-02T10:00:00Z', reason: 'no' }, liaisonRU),
    );
    const w = ok(transitionConsent(granted(), { type: 'withdraw', at: '2024-06-10T08:00:00Z' }, liaisonRU));
    for (const c of [requested(), granted(), refused, w])
      assert.deepEqual(consentFromStix(consentToStix(c, opts)), c);
  });
  test('an object missing what its status needs is not a consent', () => {
    const o = consentToStix(granted(), opts);
    delete o.granted_at;
    assert.equal(consentFromStix(o), undefined);
    assert.equal(consentFromStix({ ...consentToStix(granted(), opts), status: 'maybe' }), undefined);
    assert.equal(consentFromStix({ type: 'indicator' }), undefined);
  });
});
