import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  addMeasure,
  addParticipants,
  commentCase,
  createCase,
  getCase,
  listCases,
  updateMeasure,
} from '../../src/exchange/case-service.js';
import {
  createCriterion,
  getCriterion,
  listCriteria,
  setLegalReference,
  statistics,
} from '../../src/exchange/criteria-service.js';
import {
  compareRevisions,
  listRevisions,
  proposeChange,
  reviseDocument,
} from '../../src/exchange/library-drafts.js';
import { addDocument, getDocument, listDocuments, readFile } from '../../src/exchange/library-service.js';
import { sendNotification, view } from '../../src/exchange/notification-service.js';
import { type Ctx, ctxOf } from '../../src/exchange/records.js';
import { createRequest, getRequest, move } from '../../src/exchange/request-service.js';
import { decideDisclosure } from '../../src/node/disclosure.js';
import { addUser, latestCopies, listVersions } from '../../src/store/index.js';
import { BACKENDS } from '../helpers/stores.js';
import { eventually, type Federation, peerAll, startFederation } from './federation-helpers.js';

// Joint work across national nodes: each record is its maker's, reaches the Parties it
// concerns on their own nodes, and what they do there returns. TJ's node is peered with
// everyone but concerned by none of it: it must never receive it (Article 10).
for (const backend of BACKENDS) {
  describe(`federation: cases, library and criteria across nodes on ${backend.name}`, () => {
    let fed: Federation;
    const users = new Map<string, Ctx>();
    before(async () => {
      fed = await startFederation(['KZ', 'BY', 'KG', 'TJ'], { backend });
      await peerAll(fed);
      for (const f of fed.nodes.values()) await f.startService();
      for (const p of ['KZ', 'BY', 'KG', 'TJ']) {
        const u = await addUser(fed.get(p).node.store.db, {
          party: p,
          name: `officer-${p.toLowerCase()}`,
          role: 'liaison',
        });
        users.set(p, ctxOf(u));
      }
    });
    after(async () => fed.dispose());

    const node = (p: string) => fed.get(p).node;
    const as = (p: string) => users.get(p)!;
    const held = async (p: string, id: string) => (await latestCopies(node(p).store.db, [id])).has(id);
    const seen = async (f: () => Promise<unknown>) => {
      try {
        await f();
        return true;
      } catch {
        return false;
      }
    };

    it('a received notification and request keep their TLP, names and notes', async () => {
      const n = await sendNotification(node('KZ'), as('KZ'), {
        kind: 'incident',
        severity: 'high',
        summary: 'Red incident for BY only',
        recipients: ['BY'],
        tlp: 'red',
      });
      await eventually(() => seen(() => view(node('BY'), as('BY'), n.id)), 'the notification on BY');
      const onBy = await view(node('BY'), as('BY'), n.id);
      assert.equal(onBy.tlp, 'red');
      assert.equal(onBy.createdBy, 'officer-kz');

      const r = await createRequest(node('KZ'), as('KZ'), {
        kind: 'information',
        addressee: 'KG',
        summary: 'Who ran 198.51.100.9?',
        legalBasis: 'Article 7',
        caseReference: 'KZ-2026-17',
        tlp: 'green',
        send: true,
      });
      await eventually(() => seen(() => getRequest(node('KG'), as('KG'), r.id)), 'the request on KG');
      const onKg = await getRequest(node('KG'), as('KG'), r.id);
      assert.equal(onKg.tlp, 'green');
      assert.equal(onKg.createdBy, 'officer-kz');
      await move(node('KG'), as('KG'), r.id, 'receive', {});
      await move(node('KG'), as('KG'), r.id, 'start', {});
      await move(node('KG'), as('KG'), r.id, 'answer', { answer: 'A hosting client.', note: 'see annex' });
      await eventually(
        async () => (await getRequest(node('KZ'), as('KZ'), r.id)).state === 'answered',
        'the answer on KZ',
      );
      const answered = await getRequest(node('KZ'), as('KZ'), r.id);
      assert.equal(answered.response?.by, 'officer-kg');
      assert.equal(answered.response?.note, 'see annex');
      assert.ok(
        answered.history.some((h) => h.actor.user === 'officer-kg' && h.details.note === 'see annex'),
      );
      assert.equal(await held('TJ', n.id), false);
    });

    it('a joint case is listed and worked on by each participant on its own node', async () => {
      const c = await createCase(node('KZ'), as('KZ'), {
        title: 'Botnet takedown',
        participants: ['BY'],
      });
      const withMeasure = await addMeasure(node('KZ'), as('KZ'), c.id, {
        title: 'Sinkhole the C2 domain',
        assignee: 'BY',
        due: '2026-12-31',
      });
      const measure = withMeasure.measures[0]!.id;
      await eventually(
        async () =>
          (await listCases(node('BY'), as('BY'), {}, 50)).items.some(
            (x) => x.id === c.id && x.measures.length === 1,
          ),
        'the case with its measure on BY',
      );
      // BY cannot assign work to the owner, but updates its own measure and comments on its node.
      await assert.rejects(
        addMeasure(node('BY'), as('BY'), c.id, { title: 'x', assignee: 'KZ', due: '2026-12-31' }),
        (e: Error & { code?: string }) =>
          e.code === 'ACCORD_FORBIDDEN' && /only KZ, the owner/.test(e.message),
      );
      const updated = await updateMeasure(node('BY'), as('BY'), c.id, measure, 'in-progress');
      assert.equal(updated.measures[0]!.state, 'in-progress', 'shown at once on the assignee’s node');
      await commentCase(node('BY'), as('BY'), c.id, 'Sinkhole requested from the registry');
      await eventually(async () => {
        const onKz = await getCase(node('KZ'), as('KZ'), c.id);
        return onKz.measures[0]!.state === 'in-progress' && onKz.timeline.some((e) => e.action === 'comment');
      }, 'BY’s measure update and comment on KZ');
      await commentCase(node('KZ'), as('KZ'), c.id, 'Thanks, BY');
      await eventually(async () => {
        const onBy = await getCase(node('BY'), as('BY'), c.id);
        return onBy.timeline.some((e) => e.action === 'comment' && e.details.text === 'Thanks, BY');
      }, 'KZ’s comment on BY');

      // One timeline, in the order things happened, the same on both nodes.
      const onKz = await getCase(node('KZ'), as('KZ'), c.id);
      const onBy = await getCase(node('BY'), as('BY'), c.id);
      const actions = (t: typeof onKz.timeline) => t.map((e) => `${e.actor.party}:${e.action}`);
      assert.deepEqual(actions(onKz.timeline), [
        'KZ:opened',
        'KZ:measure-added',
        'BY:measure-updated',
        'BY:comment',
        'KZ:comment',
      ]);
      assert.deepEqual(actions(onBy.timeline), actions(onKz.timeline));
      assert.equal(onBy.timeline[3]!.details.text, 'Sinkhole requested from the registry');
      assert.equal(onBy.timeline[2]!.actor.user, 'officer-by');

      // KG joins later and receives the history; BY's comment text stays BY's.
      assert.equal(await seen(() => getCase(node('KG'), as('KG'), c.id)), false);
      await addParticipants(node('KZ'), as('KZ'), c.id, ['KG']);
      await eventually(() => seen(() => getCase(node('KG'), as('KG'), c.id)), 'the case on KG');
      const onKg = await getCase(node('KG'), as('KG'), c.id);
      assert.deepEqual(actions(onKg.timeline), [...actions(onKz.timeline), 'KZ:participants-added']);
      assert.equal(onKg.measures[0]!.state, 'in-progress');
      assert.equal(onKg.timeline[3]!.details.text, undefined);

      // BY finishes; the update returns to KZ and reaches KG through KZ's next version.
      await updateMeasure(node('BY'), as('BY'), c.id, measure, 'done');
      await eventually(
        async () => (await getCase(node('KG'), as('KG'), c.id)).measures[0]!.state === 'done',
        'the finished measure on KG',
      );
      assert.equal(await held('TJ', c.id), false, 'TJ takes no part and never receives the case');
      assert.deepEqual((await listCases(node('TJ'), as('TJ'), {}, 50)).items, []);
    });

    it('a participant adds a measure on its own node; it returns to the owner and the others', async () => {
      const c = await createCase(node('KZ'), as('KZ'), {
        title: 'Phishing kit hosting',
        participants: ['BY', 'KG'],
      });
      await eventually(() => seen(() => getCase(node('BY'), as('BY'), c.id)), 'the case on BY');
      const onBy = await addMeasure(node('BY'), as('BY'), c.id, {
        title: 'Suspend the hosting account',
        assignee: 'BY',
        due: '2026-12-20',
      });
      const m = onBy.measures.find((x) => x.title === 'Suspend the hosting account');
      assert.ok(m, 'shown at once on BY’s node');
      assert.equal(m.assignee, 'BY');
      assert.equal(m.state, 'planned');

      // The owner takes it into its next version, which carries it to KG.
      await eventually(
        async () => (await getCase(node('KZ'), as('KZ'), c.id)).measures.some((x) => x.id === m.id),
        'BY’s measure on KZ',
      );
      const onKz = await getCase(node('KZ'), as('KZ'), c.id);
      assert.equal(onKz.measures.find((x) => x.id === m.id)?.addedBy, 'BY');
      const added = onKz.timeline.find((e) => e.action === 'measure-added' && e.actor.party === 'BY');
      assert.equal(added?.actor.user, 'officer-by');
      assert.equal(added?.details.title, 'Suspend the hosting account');
      await eventually(
        async () => (await getCase(node('KG'), as('KG'), c.id)).measures.some((x) => x.id === m.id),
        'BY’s measure on KG',
      );

      // BY works it on its node; the progress returns to KZ, which takes it in, and reaches KG.
      await updateMeasure(node('BY'), as('BY'), c.id, m.id, 'done');
      await eventually(
        async () =>
          (await getCase(node('KZ'), as('KZ'), c.id)).timeline.some(
            (e) => e.action === 'measure-updated' && !('pending' in e),
          ),
        'BY’s progress taken into KZ’s case',
      );
      await eventually(
        async () =>
          (await getCase(node('KG'), as('KG'), c.id)).measures.find((x) => x.id === m.id)?.state === 'done',
        'the finished measure on KG',
      );
      const timeline = (await getCase(node('KZ'), as('KZ'), c.id)).timeline.map(
        (e) => `${e.actor.party}:${e.action}`,
      );
      assert.deepEqual(timeline, ['KZ:opened', 'BY:measure-added', 'BY:measure-updated']);

      // KG may not take a measure for BY, nor add one to a case it is not in.
      await assert.rejects(
        addMeasure(node('KG'), as('KG'), c.id, { title: 'x', assignee: 'BY', due: '2026-12-31' }),
        (e: Error & { code?: string }) => e.code === 'ACCORD_FORBIDDEN',
      );

      // Article 10: TJ, peered with all but no participant, holds neither the case nor the entries.
      const later = await sendNotification(node('BY'), as('BY'), {
        kind: 'threat',
        severity: 'low',
        summary: 'after the measure, to every Party',
      });
      await eventually(() => held('TJ', later.id), 'a later notification on TJ');
      assert.equal(await held('TJ', c.id), false);
      const entries = await listVersions(node('TJ').store.db, {
        types: ['x-accord-case-entry'],
        limit: 1000,
      });
      assert.deepEqual(entries, [], 'no participant’s case entry reached TJ');
      await assert.rejects(
        getCase(node('TJ'), as('TJ'), c.id),
        (e: Error & { code?: string }) => e.code === 'ACCORD_NOT_FOUND',
      );
    });

    it('a library document and its file reach the Parties it is released to, and no other', async () => {
      const bytes = Buffer.from('Проект соглашения о сотрудничестве\nDraft cooperation agreement\n');
      const d = await addDocument(node('KZ'), as('KZ'), {
        title: 'Проект протокола о гармонизации законодательства',
        language: 'ru',
        kind: 'draft-treaty',
        content: 'Стороны гармонизируют законодательство в области информационной безопасности.',
        tlp: 'amber',
        releasableTo: ['BY'],
        files: [{ filename: 'draft.txt', mediaType: 'text/plain', contentBase64: bytes.toString('base64') }],
      });
      await eventually(
        async () => (await listDocuments(node('BY'), as('BY'), {}, 50)).items.some((x) => x.id === d.id),
        'the document in BY’s library',
      );
      const found = await listDocuments(node('BY'), as('BY'), { q: 'гармонизация законодательства' }, 10);
      assert.deepEqual(
        found.items.map((x) => x.id),
        [d.id],
      );
      // The signed document names the file; its bytes follow from KZ's node over the peer route.
      await eventually(
        () => seen(() => readFile(node('BY'), as('BY'), d.id, d.files[0]!.sha256)),
        'the file on BY',
      );
      const file = await readFile(node('BY'), as('BY'), d.id, d.files[0]!.sha256);
      assert.deepEqual(file.bytes, bytes);
      assert.equal(found.items[0]!.createdBy, 'officer-kz');
      // Wait for a later object to reach TJ, then check the document never did.
      const later = await sendNotification(node('KZ'), as('KZ'), {
        kind: 'threat',
        severity: 'low',
        summary: 'to every Party',
      });
      await eventually(() => held('TJ', later.id), 'a later notification on TJ');
      assert.equal(await held('TJ', d.id), false);
      assert.equal(await held('KG', d.id), false);
      assert.deepEqual((await listDocuments(node('TJ'), as('TJ'), { q: 'законодательство' }, 10)).items, []);

      // Article 5: BY proposes a text on its node; KZ sees it, revises, and both compare.
      const v1 = 'Статья 1.\nСтороны сотрудничают.\nСтатья 2.';
      await reviseDocument(node('KZ'), as('KZ'), d.id, { content: v1, note: 'first full text' });
      await assert.rejects(
        reviseDocument(node('BY'), as('BY'), d.id, { content: 'x' }),
        (e: Error & { code?: string }) => e.code === 'ACCORD_FORBIDDEN',
      );
      await eventually(
        async () => (await getDocument(node('BY'), as('BY'), d.id)).content === v1,
        'the revised draft on BY',
      );
      const proposed = 'Статья 1.\nСтороны тесно сотрудничают.\nСтатья 2.';
      const mine = await proposeChange(node('BY'), as('BY'), d.id, {
        comment: 'Stronger wording',
        content: proposed,
      });
      const proposal = mine.revisions.find((r) => r.kind === 'proposal')!;
      await eventually(
        async () =>
          (await listRevisions(node('KZ'), as('KZ'), d.id)).revisions.some(
            (r) => r.revision === proposal.revision && r.party === 'BY',
          ),
        'BY’s proposal on KZ',
      );
      const onKz = await listRevisions(node('KZ'), as('KZ'), d.id);
      assert.deepEqual(
        onKz.revisions.map((r) => r.kind),
        ['version', 'version', 'proposal'],
      );
      const diff = await compareRevisions(node('KZ'), as('KZ'), d.id, 'v2', proposal.revision);
      assert.deepEqual(
        diff.lines.filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text}`),
        ['removed Стороны сотрудничают.', 'added Стороны тесно сотрудничают.'],
      );
      assert.equal(await held('TJ', proposal.revision), false, 'the proposal goes where the draft goes');
    });

    it('criteria are shared; the addressee states its legal reference; both sides count outcomes', async () => {
      const crit = await createCriterion(node('KZ'), as('KZ'), {
        code: 'C-101',
        titleEn: 'Phishing',
        titleRu: 'Фишинг',
        descriptionEn: 'The resource imitates a bank to collect credentials.',
        descriptionRu: 'Ресурс имитирует банк для сбора учётных данных.',
        legalReferences: [{ party: 'KZ', reference: 'KZ law on informatization, art. 41-1' }],
      });
      await eventually(
        async () => (await listCriteria(node('BY'), as('BY'), 50)).items.some((x) => x.id === crit.id),
        'the criterion on BY',
      );
      const r = await createRequest(node('KZ'), as('KZ'), {
        kind: 'blocking',
        addressee: 'BY',
        summary: 'Phishing sites',
        resources: [
          { value: 'bank-login.example.by', type: 'domain' },
          { value: 'secure-bank.example.by', type: 'domain' },
        ],
        criteria: [crit.id],
        evidence: 'Reports of customers',
        send: true,
      });
      await eventually(() => seen(() => getRequest(node('BY'), as('BY'), r.id)), 'the request on BY');
      const onBy = await getRequest(node('BY'), as('BY'), r.id);
      const cited = onBy.citedCriteria?.[0] as { code: string; legalReferences: { party: string }[] };
      assert.equal(cited.code, 'C-101');
      assert.deepEqual(
        cited.legalReferences.map((l) => l.party),
        ['KZ'],
      );

      await setLegalReference(node('BY'), as('BY'), crit.id, 'BY law on information, art. 51-1');
      await eventually(
        async () =>
          (await getCriterion(node('KZ'), as('KZ'), crit.id)).legalReferences.some(
            (l) => l.party === 'BY' && l.reference === 'BY law on information, art. 51-1',
          ),
        'BY’s legal reference on KZ',
      );
      await eventually(
        async () => (await getCriterion(node('KG'), as('KG'), crit.id)).legalReferences.length === 2,
        'BY’s legal reference on KG',
      );

      await move(node('BY'), as('BY'), r.id, 'receive', {});
      await move(node('BY'), as('BY'), r.id, 'start', {});
      await move(node('BY'), as('BY'), r.id, 'partly-answer', {
        blocked: [{ value: 'bank-login.example.by' }],
        refused: [{ value: 'secure-bank.example.by', reason: 'a legitimate site' }],
      });
      const month = new Date().toISOString().slice(0, 7);
      const expected = [{ criterion: crit.id, party: 'BY', month, requested: 2, blocked: 1, refused: 1 }];
      const stats = async (p: string) => statistics(node(p), as(p), { criterion: crit.id });
      assert.deepEqual((await stats('BY')).items, expected);
      // BY's own counts, published by BY's node, reach every Party: the requester and the others.
      for (const p of ['KZ', 'KG', 'TJ']) {
        await eventually(
          async () => JSON.stringify((await stats(p)).items) === JSON.stringify(expected),
          `BY’s outcome in ${p}’s statistics`,
        );
      }

      // KG decides another request under the same criterion; every node counts both Parties.
      const r2 = await createRequest(node('KZ'), as('KZ'), {
        kind: 'blocking',
        addressee: 'KG',
        summary: 'The same phishing kit in KG',
        resources: [{ value: 'bank-login.example.kg', type: 'domain' }],
        criteria: [crit.id],
        evidence: 'Reports of customers',
        send: true,
      });
      await eventually(() => seen(() => getRequest(node('KG'), as('KG'), r2.id)), 'the request on KG');
      await move(node('KG'), as('KG'), r2.id, 'receive', {});
      await move(node('KG'), as('KG'), r2.id, 'start', {});
      const answered = await move(node('KG'), as('KG'), r2.id, 'answer', {
        blocked: [{ value: 'bank-login.example.kg' }],
      });
      assert.equal(answered.state, 'answered');
      const total = { criterion: crit.id, requested: 3, blocked: 2, refused: 1, parties: ['BY', 'KG'] };
      for (const p of ['KZ', 'BY', 'KG', 'TJ']) {
        await eventually(
          async () => JSON.stringify((await stats(p)).totals) === JSON.stringify([total]),
          `both Parties’ outcomes summed on ${p}`,
        );
      }
      assert.deepEqual((await stats('TJ')).items, [
        ...expected,
        { criterion: crit.id, party: 'KG', month, requested: 1, blocked: 1, refused: 0 },
      ]);
      assert.deepEqual((await statistics(node('TJ'), as('TJ'), { criterion: crit.id, party: 'KG' })).totals, [
        { criterion: crit.id, requested: 1, blocked: 1, refused: 0, parties: ['KG'] },
      ]);

      // Article 10: the counts are the Parties' own, for the Parties; a third party receives none.
      const held = await listVersions(node('TJ').store.db, {
        types: ['x-accord-blocking-stats'],
        limit: 100,
      });
      assert.deepEqual(held.map((v) => v.party).sort(), ['BY', 'KG']);
      const third = await decideDisclosure(
        node('TJ'),
        {
          recipient: { kind: 'third-party', id: 'interpol' },
          actor: { kind: 'system', id: 'test', party: 'TJ' },
        },
        held,
        'export',
      );
      assert.deepEqual(third.allowed, []);
    });
  });
}
