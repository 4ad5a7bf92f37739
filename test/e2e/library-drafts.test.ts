import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { listRevisions, proposeChange, reviseDocument } from '../../src/exchange/library-drafts.js';
import { addDocument } from '../../src/exchange/library-service.js';
import { type Ctx, ctxOf } from '../../src/exchange/records.js';
import { hashPassword } from '../../src/node/passwords.js';
import { addUser } from '../../src/store/index.js';
import { eventually, type Federation, peerAll, startFederation } from '../federation/federation-helpers.js';
import { axe } from './axe.js';
import { launchChromium, SHOTS, skipWithoutChromium } from './browser.js';
import { signInAt } from './console-session.js';
import { ensureConsoleBuilt, PASSWORD } from './console-world.js';

// Article 5 in the console: KZ's draft treaty, revised by KZ and with a text proposed by BY on
// BY's own node, shown on KZ's console — every revision and proposal listed, two of them
// compared side by side and in one column, in English and in Russian, with axe clean.

const V1 = 'Статья 1. Стороны сотрудничают.\nСтатья 2. Обмен сведениями.';
const V2 =
  'Статья 1. Стороны сотрудничают.\nСтатья 2. Обмен сведениями об угрозах.\nСтатья 3. Вступление в силу.';
const PROPOSED =
  'Статья 1. Стороны тесно сотрудничают.\nСтатья 2. Обмен сведениями об угрозах.\nСтатья 3. Вступление в силу.';

describe('the console compares a draft’s revisions', { skip: skipWithoutChromium, timeout: 120_000 }, () => {
  let fed: Federation;
  let browser: Browser;
  let page: Page;
  let docId = '';

  before(async () => {
    ensureConsoleBuilt();
    fed = await startFederation(['KZ', 'BY']);
    await peerAll(fed);
    for (const f of fed.nodes.values()) await f.startService();
    const users = new Map<string, Ctx>();
    for (const p of ['KZ', 'BY'])
      users.set(
        p,
        ctxOf(
          await addUser(fed.get(p).node.store.db, {
            party: p,
            name: `${p.toLowerCase()}-drafter`,
            role: 'liaison',
            passwordHash: await hashPassword(PASSWORD),
          }),
        ),
      );
    const kz = fed.get('KZ').node;
    const d = await addDocument(kz, users.get('KZ')!, {
      title: 'Проект соглашения о сотрудничестве',
      language: 'ru',
      kind: 'draft-treaty',
      content: V1,
      tlp: 'amber',
      releasableTo: ['BY'],
    });
    docId = d.id;
    await reviseDocument(kz, users.get('KZ')!, d.id, { content: V2, note: 'Статья 3 добавлена' });
    const by = fed.get('BY').node;
    await eventually(async () => {
      try {
        return (await listRevisions(by, users.get('BY')!, d.id)).revisions.length === 2;
      } catch {
        return false;
      }
    }, 'the revised draft on BY');
    await proposeChange(by, users.get('BY')!, d.id, { comment: 'Усилить статью 1', content: PROPOSED });
    await eventually(
      async () => (await listRevisions(kz, users.get('KZ')!, d.id)).revisions.some((r) => r.party === 'BY'),
      'BY’s proposal on KZ',
    );
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAt(page, fed.get('KZ').url, 'kz-drafter');
  });
  after(async () => {
    await browser?.close();
    await fed?.dispose();
  });

  const WORDS = {
    en: {
      show: 'Revisions and proposals',
      v1: 'Version 1',
      v2: 'Version 2',
      proposal: 'Proposal 1 by BY',
      compare: 'Compare',
      unified: 'One column',
      summary: /Version 2 → Proposal 1 by BY: 1 lines added, 1 removed/,
    },
    ru: {
      show: 'Редакции и предложения',
      v1: 'Редакция 1',
      v2: 'Редакция 2',
      proposal: 'Предложение 1 (BY)',
      compare: 'Сравнить',
      unified: 'Одной колонкой',
      summary: /Редакция 2 → Предложение 1 \(BY\): добавлено строк — 1, удалено — 1/,
    },
  } as const;

  for (const lang of ['en', 'ru'] as const) {
    test(`lists revisions and proposals and shows the changes (${lang})`, async () => {
      const w = WORDS[lang];
      await page.evaluate(`localStorage.setItem('accord.lang', '${lang}')`);
      await page.goto(`${fed.get('KZ').url}/library`);
      const item = page.locator(`li.document[data-id="${docId}"]`);
      await item.getByRole('button', { name: w.show }).click();
      const revisions = item.locator('ol.revisions > li');
      await revisions.nth(2).waitFor();
      assert.deepEqual(
        await revisions.locator('strong').allTextContents(),
        [w.v1, w.v2, w.proposal],
        'each revision of KZ and the proposal of BY, oldest first',
      );
      assert.match((await revisions.nth(2).textContent()) ?? '', /Усилить статью 1/);

      // The latest two texts are chosen: KZ's second version and BY's proposal.
      await item.getByRole('button', { name: w.compare, exact: true }).click();
      const side = item.locator('table.diff.side');
      await side.waitFor();
      assert.match((await item.locator('.diff-wrap p').textContent()) ?? '', w.summary);
      assert.deepEqual(await side.locator('del').allTextContents(), ['−Статья 1. Стороны сотрудничают.']);
      assert.deepEqual(await side.locator('ins').allTextContents(), [
        '+Статья 1. Стороны тесно сотрудничают.',
      ]);
      // Side by side: the removed line and the line that replaces it share a row.
      const changed = side.locator('tbody tr').first().locator('td');
      assert.equal(await changed.nth(1).getAttribute('class'), 'diff-removed');
      assert.equal(await changed.nth(3).getAttribute('class'), 'diff-added');
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: `${SHOTS}/50-draft-side-by-side-${lang}.png`, fullPage: true });

      // Any two revisions, in one column: version 1 against version 2.
      await item.getByRole('combobox').first().selectOption({ label: w.v1 });
      await item.getByRole('combobox').nth(1).selectOption({ label: w.v2 });
      await item.getByRole('radio', { name: w.unified }).check();
      await item.getByRole('button', { name: w.compare, exact: true }).click();
      const unified = item.locator('table.diff.unified');
      await unified.waitFor();
      await unified.locator('del', { hasText: 'Обмен сведениями.' }).waitFor();
      assert.deepEqual(await unified.locator('ins').allTextContents(), [
        '+Статья 2. Обмен сведениями об угрозах.',
        '+Статья 3. Вступление в силу.',
      ]);
      assert.deepEqual(await axe(page), []);
      await page.screenshot({ path: `${SHOTS}/51-draft-unified-${lang}.png`, fullPage: true });
    });
  }
});
