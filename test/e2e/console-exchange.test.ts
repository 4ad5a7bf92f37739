import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { SHOTS, skipWithoutChromium } from './browser.js';
import { type ConsoleSession, openConsole, signInAt } from './console-session.js';
import { type ConsoleWorld, EXCHANGE } from './console-world.js';

/** What the console itself starts in the tests below. */
const SENT = {
  notice: 'Phishing wave against customs officers',
  request: 'Registrant of customs-portal.example',
  case: 'Phishing of customs officers',
  measure: 'Take down the phishing domain',
};

describe('the console in Chromium: notifications, requests, cases, library', {
  skip: skipWithoutChromium,
  timeout: 120_000,
}, () => {
  let s: ConsoleSession;
  let world: ConsoleWorld;
  let page: Page;
  let context: BrowserContext;
  let apiCalls: string[];
  before(async () => {
    s = await openConsole();
    ({ world, page, apiCalls } = s);
    context = page.context();
    await s.signIn(world.users.liaison);
  });
  after(() => s?.close());
  const shot = (name: string) => s.shot(name);
  const nav = (name: string | RegExp) => s.nav(name);
  const assertNoRed = () => s.assertNoRed();
  const signInAs = (name: string, path: string) => s.signInAs(name, path);

  test('acknowledges a notification in the Inbox, and the sender sees it', async () => {
    await nav('Inbox');
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    const late = page.locator('li.notice', { hasText: EXCHANGE.overdueNotice });
    await late.getByText('overdue', { exact: true }).waitFor();
    const item = page.locator('li.notice', { hasText: EXCHANGE.notice });
    await item.getByRole('button', { name: 'Acknowledge' }).click();
    await item.getByText(/Acknowledged .* by kz-liaison/).waitFor();
    await assertNoRed();
    await shot('10-inbox');

    // The sender (BY) sees the acknowledgement: who and when.
    const by = await context
      .browser()!
      .newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const p = await by.newPage();
    p.setDefaultTimeout(10_000);
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
    await signInAt(p, `${world.url}/inbox`, world.users.sender, 'Inbox');
    await p.getByRole('button', { name: 'Sent by your Party' }).click();
    const sent = p.locator('li.notice', { hasText: EXCHANGE.notice });
    await sent
      .locator('table.deliveries')
      .getByText(/Acknowledged .* by kz-liaison/)
      .waitFor();
    const other = p.locator('li.notice', { hasText: EXCHANGE.overdueNotice });
    await other.locator('table.deliveries').getByText('not acknowledged').waitFor();
    await p.screenshot({ path: `${SHOTS}/11-inbox-sender.png`, fullPage: true });
    await by.close();
  });

  test('sends a notification, and it arrives in the recipient’s Inbox', async () => {
    await nav('Inbox');
    await page.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    await page.getByText('New notification').click();
    await page.getByLabel('Summary', { exact: true }).fill(SENT.notice);
    await page
      .getByLabel('Details', { exact: true })
      .fill('Phishing mails with a loader, since this morning.');
    // Recipients come from the Agreement's status: nobody checked is refused in words.
    await page.getByRole('button', { name: 'Send notification' }).click();
    await page.getByRole('alert').getByText('Check at least one recipient Party').waitFor();
    await page.getByLabel('Republic of Belarus').check();
    await page.getByRole('button', { name: 'Send notification' }).click();
    await page.getByRole('status').getByText('The notification was sent to: Republic of Belarus.').waitFor();
    assert.ok(await page.locator('.outcome:focus').count(), 'focus moves to the outcome');
    await page.locator('li.notice', { hasText: SENT.notice }).locator('table.deliveries').waitFor();
    await assertNoRed();
    await shot('20-notification-sent');

    const { ctx, p } = await signInAs(world.users.sender, '/inbox');
    await p.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
    const got = p.locator('li.notice', { hasText: SENT.notice });
    await got.getByRole('button', { name: 'Acknowledge' }).click();
    await got.getByText(/Acknowledged .* by by-liaison/).waitFor();
    await p.screenshot({ path: `${SHOTS}/21-notification-received.png`, fullPage: true });
    await ctx.close();
  });

  test('answers a request, and declines another with a ground', async () => {
    await nav('Requests');
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    const lateRow = page.locator('table.requests tr', { hasText: EXCHANGE.overdueRequest });
    await lateRow.getByText('overdue', { exact: true }).waitFor();
    await assertNoRed();
    await shot('12-requests');

    await page.getByRole('link', { name: EXCHANGE.request }).click();
    await page.getByRole('heading', { level: 1, name: EXCHANGE.request }).waitFor();
    await page.getByText('BY-2025-0042').waitFor();
    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    await page.locator('h2 .state', { hasText: 'received' }).waitFor();
    await page.getByRole('button', { name: 'Start work' }).click();
    await page.locator('h2 .state', { hasText: 'in progress' }).waitFor();
    // An empty answer is refused by the node, and the console says why in words.
    await page.getByRole('button', { name: 'Answer', exact: true }).click();
    await page.getByRole('alert').getByText('Some of what you entered is not valid.').waitFor();
    await page.getByLabel('Answer', { exact: true }).fill('The subscriber is a hosting company in Almaty.');
    await page.getByRole('button', { name: 'Answer', exact: true }).click();
    await page.locator('h2 .state', { hasText: 'answered' }).waitFor();
    await page.getByText('The subscriber is a hosting company in Almaty.').first().waitFor();
    const history = page.locator('ol.history');
    for (const step of ['Sent', 'Received', 'Work started', 'Answered'])
      await history.getByText(step).waitFor();
    await assertNoRed();
    await shot('13-request-answered');

    await nav('Requests');
    await page.getByRole('link', { name: EXCHANGE.overdueRequest }).click();
    await page.getByRole('heading', { level: 1, name: EXCHANGE.overdueRequest }).waitFor();
    await page.getByRole('button', { name: 'Confirm receipt' }).click();
    await page.locator('h2 .state', { hasText: 'received' }).waitFor();
    await page.getByLabel('Ground in national law').fill('Law of KZ on personal data, art. 8');
    await page.getByRole('button', { name: 'Decline' }).click();
    await page.locator('h2 .state', { hasText: 'declined' }).waitFor();
    await page.locator('dl.response').getByText('Law of KZ on personal data, art. 8').waitFor();
    await page.getByText('Nothing is open to your Party in this state.').waitFor();
    await shot('14-request-declined');
  });

  test('sends a request, and it is listed as outgoing', async () => {
    await nav('Requests');
    await page.getByRole('heading', { level: 1, name: 'Requests' }).waitFor();
    await page.getByText('New request').click();
    await page.getByLabel('Requested Party').selectOption({ label: 'Republic of Belarus' });
    await page.getByLabel('Subject').fill(SENT.request);
    await page.getByLabel('Legal basis').fill('Article 7; CPC of KZ art. 199');
    await page.getByLabel('Case reference').fill('KZ-2025-0310');
    await page.getByRole('button', { name: 'Send request' }).click();
    await page.getByRole('status').getByRole('link', { name: SENT.request }).waitFor();
    await page.getByRole('button', { name: 'Outgoing' }).and(page.locator('[aria-pressed="true"]')).waitFor();
    const row = page.locator('table.requests tr', { hasText: SENT.request });
    await row.getByText('sent', { exact: true }).waitFor();
    assert.match(String(await row.textContent()), /Republic of Belarus/);
    await assertNoRed();
    await shot('22-request-sent');
  });

  test('shows a joint case: measures per Party and the timeline', async () => {
    await nav('Cases');
    await page.getByRole('heading', { level: 1, name: 'Joint cases' }).waitFor();
    await page.getByRole('link', { name: EXCHANGE.case }).click();
    await page.getByRole('heading', { level: 1, name: EXCHANGE.case }).waitFor();
    const byMeasures = page.locator('.party-measures', { hasText: 'Republic of Belarus' });
    await byMeasures.getByText(EXCHANGE.measureBy).waitFor();
    await byMeasures.getByText('overdue', { exact: true }).waitFor();
    await page.getByRole('link', { name: EXCHANGE.notice }).waitFor();
    await page.getByLabel(`State of “${EXCHANGE.measureKz}”`).selectOption('done');
    await page.locator('ol.history').getByText('Measure updated').waitFor();
    await assertNoRed();
    await shot('15-case');
  });

  test('opens a joint case and adds a measure assigned to another Party', async () => {
    await nav('Cases');
    await page.getByRole('heading', { level: 1, name: 'Joint cases' }).waitFor();
    await page.getByText('Open a joint case').click();
    await page.getByLabel('Title', { exact: true }).fill(SENT.case);
    await page.getByLabel('Republic of Belarus').check();
    await page.getByRole('button', { name: 'Open case' }).click();
    await page.getByRole('heading', { level: 1, name: SENT.case }).waitFor();
    await page.locator('summary', { hasText: 'Add a measure' }).click();
    await page.getByLabel('Measure', { exact: true }).fill(SENT.measure);
    await page.getByLabel('Party responsible').selectOption({ label: 'Republic of Belarus' });
    await page.getByLabel('Due', { exact: true }).fill('2099-06-30');
    await page.getByRole('button', { name: 'Add a measure' }).click();
    await page.getByRole('status').getByText('The measure was added.').waitFor();
    const byMeasures = page.locator('.party-measures', { hasText: 'Republic of Belarus' });
    await byMeasures.getByText(SENT.measure).waitFor();
    await page.locator('ol.history').getByText('Measure added').waitFor();
    await assertNoRed();
    await shot('23-case-opened');
  });

  test('searches the library, uploads a document and downloads its file', async () => {
    await nav('Library');
    await page.getByRole('heading', { level: 1, name: 'Library' }).waitFor();
    await page.getByText(EXCHANGE.docEn).waitFor();
    // Stemmed Russian search: «атака» finds «атакам».
    await page.getByLabel('Full-text search').fill('атака');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText(EXCHANGE.docRu).waitFor();
    await page.getByText(EXCHANGE.docEn).waitFor({ state: 'detached' });
    await page.getByText('Add a document').click();
    await page.getByLabel('Title').fill('Incident report template');
    await page.getByLabel('Text (searched)').fill('A template for reporting computer incidents.');
    await page.getByLabel(/^Files/).setInputFiles({
      name: 'template.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('incident report template'),
    });
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByText('The document was added.').waitFor();
    await page.getByLabel('Full-text search').fill('template');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const doc = page.locator('li.document', { hasText: 'Incident report template' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      doc.getByRole('link', { name: 'Download template.txt' }).click(),
    ]);
    assert.equal(download.suggestedFilename(), 'template.txt');
    const path = await download.path();
    assert.equal(readFileSync(path, 'utf8'), 'incident report template');
    await assertNoRed();
    await shot('16-library');
  });

  test('the console called only documented API routes', () => {
    s.assertOnlyDocumentedRoutes();
  });
});
