import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  type AuditBody,
  type AuditEntry,
  appendEntry,
  consentBody,
  disclosureBody,
  GENESIS_HASH,
  hashEntry,
  verifyChain,
} from '../../src/audit/index.js';
import { type Consent, decide } from '../../src/policy/index.js';
import { question } from '../policy/fixtures.js';

const actor = { kind: 'user', id: 'analyst-1', party: 'RU' } as const;

function body(n: number): AuditBody {
  return {
    at: `2024-06-01T10:00:${String(n % 60).padStart(2, '0')}Z`,
    actor,
    action: 'login',
    details: { n },
  };
}

function chain(n: number): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (let i = 0; i < n; i++) out.push(appendEntry(out.at(-1) ?? null, body(i)));
  return out;
}

const rehash = (e: AuditEntry): AuditEntry => ({ ...e, hash: hashEntry(e.prevHash, e) });

function problem(entries: AuditEntry[], opts?: Parameters<typeof verifyChain>[1]) {
  const v = verifyChain(entries, opts);
  assert.equal(v.ok, false, 'tampering must be found');
  return v as Extract<typeof v, { ok: false }>;
}

describe('audit chain: building', () => {
  test('entries are numbered from 1 and chained from the genesis hash', () => {
    const c = chain(3);
    assert.deepEqual(
      c.map((e) => e.seq),
      [1, 2, 3],
    );
    assert.equal(c[0]?.prevHash, GENESIS_HASH);
    assert.equal(c[1]?.prevHash, c[0]?.hash);
    assert.match(c[2]?.hash ?? '', /^[0-9a-f]{64}$/);
  });

  test('the hash is SHA-256 over canonical JSON: key order does not matter, content does', () => {
    const e = appendEntry(null, { ...body(0), details: { b: 1, a: 2 } });
    assert.equal(hashEntry(e.prevHash, { ...e, details: { a: 2, b: 1 } }), e.hash);
    assert.notEqual(hashEntry(e.prevHash, { ...e, details: { a: 2, b: 3 } }), e.hash);
  });

  test('an intact chain verifies and reports its head', () => {
    const c = chain(5);
    assert.deepEqual(verifyChain(c), { ok: true, count: 5, head: { seq: 5, hash: c[4]?.hash } });
    assert.deepEqual(verifyChain([]), { ok: true, count: 0, head: null });
  });

  test('a segment verifies from the entry before it', () => {
    const c = chain(6);
    const prev = c[2] as AuditEntry;
    assert.equal(verifyChain(c.slice(3), { after: { seq: prev.seq, hash: prev.hash } }).ok, true);
    assert.equal(verifyChain(c.slice(3)).ok, false);
  });
});

describe('audit chain: tampering is found and named', () => {
  test('changed content', () => {
    const c = chain(5);
    c[2] = { ...(c[2] as AuditEntry), details: { n: 99 } };
    assert.deepEqual([problem(c).problem, problem(c).seq], ['changed', 3]);
  });

  test('changed content, re-hashed', () => {
    const c = chain(5);
    c[2] = rehash({ ...(c[2] as AuditEntry), action: 'logout' });
    const p = problem(c);
    assert.deepEqual([p.problem, p.seq], ['changed', 3]);
    assert.match(p.message, /entry 3 was altered and re-hashed/);
  });

  test('changed first entry, re-hashed', () => {
    const c = chain(3);
    c[0] = rehash({ ...(c[0] as AuditEntry), actor: { kind: 'user', id: 'someone-else' } });
    assert.deepEqual([problem(c).problem, problem(c).seq], ['changed', 1]);
  });

  test('changed last entry, re-hashed: only a head anchor shows it', () => {
    const c = chain(4);
    const head = { seq: 4, hash: (c[3] as AuditEntry).hash };
    c[3] = rehash({ ...(c[3] as AuditEntry), details: { n: 0 } });
    assert.equal(verifyChain(c).ok, true);
    assert.deepEqual([problem(c, { head }).problem, problem(c, { head }).seq], ['changed', 4]);
  });

  test('a malformed entry', () => {
    const c = chain(3);
    c[1] = { ...(c[1] as AuditEntry), hash: 'zz' };
    assert.deepEqual([problem(c).problem, problem(c).seq], ['changed', 2]);
  });

  test('deleted entry in the middle', () => {
    const c = chain(6);
    c.splice(2, 1);
    const p = problem(c);
    assert.deepEqual([p.problem, p.seq], ['deleted', 3]);
    assert.match(p.message, /entry 3 is missing/);
  });

  test('several deleted entries', () => {
    const c = chain(8);
    c.splice(2, 3);
    const p = problem(c);
    assert.deepEqual([p.problem, p.seq], ['deleted', 3]);
    assert.match(p.message, /entries 3\.\.5 are missing/);
  });

  test('deleted first entry', () => {
    const c = chain(4);
    c.shift();
    assert.deepEqual([problem(c).problem, problem(c).seq], ['deleted', 1]);
  });

  test('deleted tail: found against a head anchor', () => {
    const c = chain(5);
    const head = { seq: 5, hash: (c[4] as AuditEntry).hash };
    c.splice(3);
    assert.equal(verifyChain(c).ok, true);
    assert.deepEqual([problem(c, { head }).problem, problem(c, { head }).seq], ['deleted', 4]);
  });

  test('inserted forged entry that chains properly, reusing a seq', () => {
    const c = chain(5);
    const forged = appendEntry(c[1] as AuditEntry, { ...body(0), action: 'admin.user.added' });
    c.splice(2, 0, forged);
    const p = problem(c);
    assert.deepEqual([p.problem, p.seq, p.position], ['inserted', 3, 2]);
  });

  test('inserted entry with a wrong hash', () => {
    const c = chain(5);
    c.splice(2, 0, { ...(c[2] as AuditEntry), action: 'token.used', hash: 'f'.repeat(64) });
    assert.deepEqual([problem(c).problem, problem(c).position], ['inserted', 2]);
  });

  test('inserted entry with a fresh seq', () => {
    const c = chain(5);
    const forged = appendEntry({ ...(c[4] as AuditEntry), seq: 41 }, body(7));
    c.splice(2, 0, forged);
    assert.deepEqual([problem(c).problem, problem(c).seq], ['inserted', 42]);
  });

  test('a duplicated entry', () => {
    const c = chain(4);
    c.splice(2, 0, c[1] as AuditEntry);
    assert.deepEqual([problem(c).problem, problem(c).seq, problem(c).position], ['inserted', 2, 2]);
  });

  test('two entries swapped', () => {
    const c = chain(6);
    [c[2], c[3]] = [c[3] as AuditEntry, c[2] as AuditEntry];
    const p = problem(c);
    assert.deepEqual([p.problem, p.seq, p.position], ['reordered', 3, 3]);
  });

  test('an entry moved to the end', () => {
    const c = chain(6);
    const [moved] = c.splice(1, 1);
    c.push(moved as AuditEntry);
    assert.deepEqual([problem(c).problem, problem(c).seq], ['reordered', 2]);
  });

  test('an entry moved earlier', () => {
    const c = chain(6);
    const [moved] = c.splice(4, 1);
    c.splice(1, 0, moved as AuditEntry);
    assert.deepEqual([problem(c).problem, problem(c).seq], ['reordered', 2]);
  });

  test('any single change to a random chain is found', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.nat(),
        fc.constantFrom('change', 'delete', 'insert', 'swap'),
        (n, at, kind) => {
          const c = chain(n);
          const i = at % n;
          const head = { seq: n, hash: (c[n - 1] as AuditEntry).hash };
          if (kind === 'change') c[i] = { ...(c[i] as AuditEntry), details: { n: -1 } };
          if (kind === 'delete') c.splice(i, 1);
          if (kind === 'insert')
            c.splice(i, 0, appendEntry(i > 0 ? (c[i - 1] as AuditEntry) : null, body(-1)));
          if (kind === 'swap') {
            const j = (i + 1) % n;
            if (i === j) return;
            [c[i], c[j]] = [c[j] as AuditEntry, c[i] as AuditEntry];
          }
          const v = verifyChain(c, { head });
          assert.equal(v.ok, false);
          const expected = { change: 'changed', delete: 'deleted', insert: 'inserted', swap: 'reordered' }[
            kind
          ];
          assert.equal((v as { problem: string }).problem, expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('audit bodies', () => {
  test('a disclosure records who, which version, channel and decision', () => {
    const input = question({ channel: 'taxii' });
    const d = decide(input);
    const b = disclosureBody(input, d, '2024-06-01T10:00:00Z', { kind: 'node', id: 'node-by', party: 'BY' });
    assert.equal(b.action, 'disclosure');
    assert.deepEqual(b.subject, { type: 'indicator', id: input.version.id, version: input.version.modified });
    assert.deepEqual(b.details, {
      originator: 'RU',
      holder: 'RU',
      recipient: { kind: 'party', party: 'BY' },
      channel: 'taxii',
      date: '2024-06-01',
      exercise: null,
      allow: true,
      reason: 'tlp-green',
    });
    const denied = disclosureBody(
      question({ refs: [], recipient: { kind: 'third-party', id: 'x' } }),
      decide(question({ refs: [], recipient: { kind: 'third-party', id: 'x' } })),
      'now',
      actor,
    );
    assert.equal((denied.details as { reason: string }).reason, 'third-party-no-consent');
    assert.match((denied.details as { message: string }).message, /third party/);
    assert.equal(appendEntry(null, b).seq, 1);
  });

  test('a consent decision is recorded under its state', () => {
    const c = {
      id: 'x-accord-consent--1',
      objectIds: ['indicator--a'],
      requester: 'BY',
      grantor: 'RU',
      recipient: { kind: 'third-party', id: 'identity--un' },
      purpose: 'p',
      validUntil: '2024-12-31',
      requestedAt: '2024-05-01T00:00:00Z',
      requestedBy: 'u',
      status: 'granted',
      grantedAt: '2024-05-02T00:00:00Z',
      grantedBy: 'l',
    } satisfies Consent;
    const b = consentBody(c, '2024-05-02T00:00:00Z', { kind: 'user', id: 'l', party: 'RU' });
    assert.equal(b.action, 'consent.granted');
    assert.deepEqual(b.subject, { type: 'x-accord-consent', id: 'x-accord-consent--1' });
  });
});
