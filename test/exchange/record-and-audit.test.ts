import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import { partyIdentity } from '../../src/node/identity.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { listAudit } from '../../src/store/index.js';
import { bearer, startTestNode, type TestNode } from '../helpers/node.js';
import { BACKENDS } from '../helpers/stores.js';

// A record and the audit entry that names it are written in one transaction. The audit log is
// made to fail for real, by a trigger in the database that refuses every new entry; what the
// handler wrote before its audit must then be gone too.
for (const backend of BACKENDS) {
  describe(`a record is not kept when its audit entry cannot be written (${backend.name})`, () => {
    let t: TestNode;
    const tok: Record<string, string> = {};
    before(async () => {
      t = await startTestNode(backend, 'KZ');
      for (const p of ['KZ', 'BY']) tok[p] = await t.tokenFor(p, 'liaison');
    });
    after(() => t.dispose());

    const call = async (method: 'GET' | 'POST', url: string, party: string, payload?: object) =>
      t.app.inject({ method, url, headers: bearer(tok[party]!), ...(payload ? { payload } : {}) });
    const ok = async (method: 'GET' | 'POST', url: string, party: string, payload?: object) => {
      const r = await call(method, url, party, payload);
      assert.ok(r.statusCode < 300, `${method} ${url}: ${r.statusCode} ${r.body}`);
      return r.json();
    };

    async function withAuditDown(run: () => Promise<void>): Promise<void> {
      const k = t.node.store.db.kysely;
      if (backend.name === 'sqlite') {
        await sql`create trigger audit_down before insert on audit_log
          begin select raise(abort, 'the audit log is unavailable'); end`.execute(k);
      } else {
        await sql`create or replace function audit_down() returns trigger language plpgsql as
          $$ begin raise exception 'the audit log is unavailable'; end $$`.execute(k);
        await sql`create trigger audit_down before insert on audit_log
          for each row execute function audit_down()`.execute(k);
      }
      try {
        await run();
      } finally {
        await sql`drop trigger audit_down${backend.name === 'postgres' ? sql` on audit_log` : sql``}`.execute(
          k,
        );
      }
    }

    const audited = async (action: string) =>
      (await listAudit(t.node.store.db, { action, limit: 100 })).map((e) => (e.subject as { id: string }).id);

    test('an answer to a request', async () => {
      const r = await ok('POST', '/api/v1/requests', 'KZ', {
        kind: 'information',
        addressee: 'BY',
        summary: 'Who runs 203.0.113.7',
        legal_basis: 'Article 7',
        case_reference: 'KZ-1',
        send: true,
      });
      for (const m of ['receive', 'start']) await ok('POST', `/api/v1/requests/${r.id}/${m}`, 'BY');
      await withAuditDown(async () => {
        const answer = await call('POST', `/api/v1/requests/${r.id}/answer`, 'BY', { answer: 'a host' });
        assert.ok(answer.statusCode >= 500, answer.body);
      });
      const after = await ok('GET', `/api/v1/requests/${r.id}`, 'KZ');
      assert.equal(after.state, 'in-progress', 'the request is not answered');
      assert.equal(after.response, undefined);
      assert.ok(!after.history.some((h: { action: string }) => h.action === 'answer'));
      assert.ok(!(await audited('request.answer')).includes(r.id));

      const again = await ok('POST', `/api/v1/requests/${r.id}/answer`, 'BY', { answer: 'a host' });
      assert.equal(again.state, 'answered', 'with the log back, the same answer goes through');
      assert.ok((await audited('request.answer')).includes(r.id));
    });

    test('a consent decision', async () => {
      const indicator = {
        type: 'indicator',
        spec_version: '2.1',
        id: 'indicator--0d000000-0000-4000-8000-000000000001',
        created: '2026-01-01T00:00:00.000Z',
        modified: '2026-01-01T00:00:00.000Z',
        created_by_ref: partyIdentity('KZ'),
        pattern: "[ipv4-addr:value = '203.0.113.45']",
        pattern_type: 'stix',
        valid_from: '2026-01-01T00:00:00.000Z',
        object_marking_refs: [TLP2_IDS.green],
      };
      await ok('POST', '/api/v1/bundles', 'KZ', {
        type: 'bundle',
        id: 'bundle--0d000000-0000-4000-8000-000000000002',
        objects: [indicator],
      });
      const asked = await ok('POST', '/api/v1/consents', 'BY', {
        object_ids: [indicator.id],
        recipient: { kind: 'third-party', id: 'org-1' },
        purpose: 'research',
        valid_until: '2099-01-01',
      });
      await withAuditDown(async () => {
        const grant = await call('POST', `/api/v1/consents/${asked.id}/grant`, 'KZ');
        assert.ok(grant.statusCode >= 500, grant.body);
      });
      const held = (await ok('GET', '/api/v1/consents', 'KZ')).items.find(
        (c: { id: string }) => c.id === asked.id,
      );
      assert.equal(held.status, 'requested', 'the consent is not granted');
      assert.equal((await audited('consent.granted')).length, 0);
    });

    test('an entry the owner makes in its case', async () => {
      const c = await ok('POST', '/api/v1/cases', 'KZ', { title: 'C2', participants: ['BY'] });
      await withAuditDown(async () => {
        const comment = await call('POST', `/api/v1/cases/${c.id}/comments`, 'KZ', { text: 'blocked' });
        assert.ok(comment.statusCode >= 500, comment.body);
      });
      const after = await ok('GET', `/api/v1/cases/${c.id}`, 'KZ');
      assert.ok(!after.timeline.some((e: { action: string }) => e.action === 'comment'), 'no comment kept');
      assert.ok(!(await audited('case.comment')).includes(c.id));
    });
  });
}
