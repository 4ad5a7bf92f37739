import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  allowedMoves,
  moveRequest,
  REQUEST_MOVES,
  REQUEST_STATES,
} from '../../src/exchange/request-machine.js';
import { stemRussian } from '../../src/exchange/text/russian-stemmer.js';
import { ftsQuery, stemmedText } from '../../src/exchange/text/search-text.js';
import { EXCHANGE_TYPES } from '../../src/exchange/types/index.js';
import { validateObject } from '../../src/stix/validate-object.js';

describe('request state machine', () => {
  test('the happy paths and the refusals', () => {
    assert.deepEqual(moveRequest('draft', 'send', 'requester'), { ok: true, to: 'sent' });
    assert.deepEqual(moveRequest('in-progress', 'answer', 'addressee'), { ok: true, to: 'answered' });
    assert.deepEqual(moveRequest('sent', 'remind', 'requester'), { ok: true, to: 'sent' });
    const r = moveRequest('sent', 'answer', 'addressee');
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.code, 'illegal-transition');
    assert.equal(!r.ok && r.code === 'illegal-transition' && r.allowed.join(), 'receive');
    const w = moveRequest('sent', 'withdraw', 'addressee');
    assert.equal(!w.ok && w.code, 'wrong-side');
  });

  test('closed states admit no move', () => {
    for (const s of ['answered', 'partly-answered', 'declined', 'withdrawn'] as const) {
      assert.deepEqual(allowedMoves(s, 'requester'), []);
      assert.deepEqual(allowedMoves(s, 'addressee'), []);
      for (const m of REQUEST_MOVES)
        assert.equal(moveRequest(s, m, 'requester').ok || moveRequest(s, m, 'addressee').ok, false);
    }
    assert.equal(REQUEST_STATES.length, 8);
  });
});

describe('Russian stemming for search', () => {
  test('word forms share a stem', () => {
    for (const [a, b] of [
      ['атаки', 'атакам'],
      ['вредоносного', 'вредоносные'],
      ['безопасности', 'безопасность'],
      ['ресурсов', 'ресурс'],
      ['ёлки', 'елка'],
    ])
      assert.equal(stemRussian(a!), stemRussian(b!), `${a} ~ ${b}`);
  });

  test('queries become quoted FTS5 terms; English passes through for FTS5’s porter', () => {
    assert.equal(ftsQuery('Атаки "на" сети'), '"атак" "на" "сет"');
    assert.equal(ftsQuery('  ;; '), null);
    assert.equal(stemmedText('Botnet атакам'), 'botnet атак');
  });
});

describe('exchange STIX types', () => {
  test('each type makes objects valid under validateObject, with its new-sdo extension', () => {
    for (const t of EXCHANGE_TYPES) {
      const o = t.toStix(
        {
          id: `${t.type}--6f9b2c1e-1a2b-4c3d-8e4f-5a6b7c8d9e0f`,
          createdByRef: 'identity--11b45238-b7f0-44b7-9323-9d20da4fbdc6',
          created: '2025-01-01T00:00:00.000Z',
          modified: '2025-01-02T00:00:00.000Z',
          markingRefs: ['marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421'],
        },
        { summary: 'x', state: 'open', object_refs: [], party: 'KZ', empty: '' },
      );
      const r = validateObject(o);
      assert.ok(r.ok, `${t.type}: ${JSON.stringify(r.errors)}`);
      assert.equal(r.warnings.length, 0, `${t.type}: ${JSON.stringify(r.warnings)}`);
      assert.equal('empty' in o, false);
      assert.ok(validateObject(t.extensionDefinition).ok, `${t.type} extension-definition`);
    }
  });
});
