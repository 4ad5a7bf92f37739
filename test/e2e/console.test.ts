import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { bearer } from '../helpers/node.js';
import { launchChromium, SHOTS, skipWithoutChromium } from './browser.js';
import {
  type ConsoleWorld,
  EXCHANGE,
  GREEN_VALUE,
  IDS,
  OWN_VALUE,
  PASSWORD,
  RED_NAME,
  RED_VALUE,
  startConsoleWorld,
} from './console-world.js';

/** What the console itself starts in the tests below. */
const SENT = {
  notice: 'Phishing wave against customs officers',
  request: 'Registrant of customs-portal.example',
  case: 'Phishing of customs officers',
  measure: 'Take down the phishing domain',
};
const IMPORTED = {
  a: {
    id: 'indicator--7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f',
    name: 'KZ imported C2 one',
    value: '192.0.2.41',
  },
  b: {
    id: 'indicator--8d9e0f1a-2b3c-4d4e-9f5a-6b7c8d9e0f1a',
    name: 'KZ imported C2 two',
    value: '192.0.2.42',
  },
  c: {
    id: 'indicator--9e0f1a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b',
    name: 'KZ broken pattern',
    value: '192.0.2.43',
  },
};
const importedIndicator = (id: string, name: string, value: string) => ({
  type: 'indicator',
  spec_version: '2.1',
  id,
  created: '2025-07-01T08:00:00.000Z',
  modified: '2025-07-01T08:00:00.000Z',
  name,
  pattern: `[ipv4-addr:value = '${value}']`,
  pattern_type: 'stix',
  valid_from: '2025-07-01T08:00:00.000Z',
});
const skip = skipWithoutChromium;

describe('the console in Chromium', { skip, timeout: 120_000 }, () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const apiCalls: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    world = await startConsoleWorld();
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
  });
  after(async () => {
    await browser?.close();
    await world?.dispose();
  });

  /** The KZ user must never be shown BY's TLP:RED object, on any page. */
  async function assertNoRed(): Promise<void> {
    const html = await page.content();
    assert.ok(!html.includes(RED_NAME), 'the TLP:RED object of BY is shown to KZ');
    assert.ok(!html.includes(IDS.red), 'the id of the TLP:RED object of BY is shown to KZ');
  }
  const shot = (name: string) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  const nav = (name: string | RegExp) => page.getByRole('navigation').getByRole('link', { name }).click();
  /** Another user of the world in a browser context of its own, signed in on `path`. */
  async function signInAs(name: string, path: string): Promise<{ ctx: BrowserContext; p: Page }> {
    const ctx = await context
      .browser()!
      .newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    const p = await ctx.newPage();
    p.setDefaultTimeout(10_000);
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
    await p.goto(`${world.url}${path}`);
    await p.getByLabel('User name').fill(name);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    return { ctx, p };
  }

  test('signs in through the form', async () => {
    await page.goto(world.url);
    await page.getByLabel('User name').fill(world.users.liaison);
    await page.getByLabel('Password').fill('wrong password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('user name or password is wrong').waitFor();
    await shot('01-signin-error');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.getByText('Consent requests waiting for your Party').waitFor();
    await page.locator('figure.chart > svg').waitFor();
    await assertNoRed();
    await shot('02-overview');
  });

  test('lists objects and looks up a pasted list: the RED value stays unknown', async () => {
    await nav('Indicators');
    await page.getByRole('heading', { level: 1, name: 'Indicators and objects' }).waitFor();
    await page.getByRole('link', { name: 'KZ botnet controller' }).waitFor();
    await assertNoRed();
    await page
      .getByLabel(/Paste IP addresses/)
      .fill(`${OWN_VALUE}\n${RED_VALUE}, 10.0.0.1 ${GREEN_VALUE}; not-a-value`);
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page.getByText('2 of 5 values are known').waitFor();
    await page.getByText('1 not recognised').waitFor();
    const redRow = page.locator('table.lookup tr', { hasText: RED_VALUE });
    assert.match(String(await redRow.textContent()), /unknown/);
    assert.doesNotMatch(String(await redRow.textContent()), /BY|Belarus/, 'no hint of who holds it');
    const ownRow = page.locator('table.lookup tr', { hasText: OWN_VALUE });
    assert.match(String(await ownRow.textContent()), /KZ botnet controller/);
    const greenRow = page.locator('table.lookup tr', { hasText: GREEN_VALUE });
    const green = String(await greenRow.textContent());
    assert.match(green, /BY green C2 address/, 'GREEN of a Party in force is shared');
    assert.match(green, /KZ scanning range/, 'the range the address lies in matches too');
    assert.match(green, /in range 203\.0\.113\.0\/24/);
    assert.match(green, /reported by 2 Parties/, 'correlation: also reported by');
    assert.match(green, /sighted 2 times/);
    // "We saw it too": a sighting of BY's indicator, signed for KZ; looked up again, it counts.
    await greenRow.getByRole('button', { name: 'We saw it too: BY green C2 address' }).click();
    await greenRow.getByText('sighting reported').waitFor();
    const badRow = page.locator('table.lookup tr', { hasText: 'not-a-value' });
    assert.match(String(await badRow.textContent()), /not an IP address/);
    await assertNoRed();
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page
      .locator('table.lookup tr', { hasText: GREEN_VALUE })
      .getByText(/sighted 3 times/)
      .waitFor();
    await shot('03-indicators-lookup');
  });

  test('searches every object it may see, on the node, not just the page in hand', async () => {
    const search = async (text: string) => {
      await page.getByRole('searchbox', { name: 'Search' }).fill(text);
      await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
      await page.waitForLoadState('networkidle');
    };
    const list = page.locator('section[aria-label="Indicators and objects"]');
    await search('green c2');
    await list.getByRole('link', { name: 'BY green C2 address' }).waitFor();
    assert.doesNotMatch(String(await list.textContent()), /KZ botnet controller/);
    await search('by-only');
    await list.getByText('Nothing here.').waitFor();
    await assertNoRed();
    await search('');
    await list.getByRole('link', { name: 'KZ botnet controller' }).waitFor();
  });

  test('opens an object with provenance and its graph, and expands the graph', async () => {
    await page.locator('table.lookup').getByRole('link', { name: 'KZ botnet controller' }).click();
    await page.getByRole('heading', { level: 1, name: /KZ botnet controller/ }).waitFor();
    await page.getByText('TLP:GREEN').first().waitFor();
    await page.getByText('Originating Party').waitFor();
    const graph = page.locator('svg.graph');
    const malware = graph.locator(`[data-id="${IDS.ownMalware}"]`);
    await malware.waitFor();
    assert.ok((await graph.locator('g.node').count()) >= 2, 'the graph shows the object and its neighbours');
    await malware.focus();
    await page.keyboard.press('e');
    await graph.locator(`g.node[data-id="${IDS.ownMalware}"] text.plus`).waitFor({ state: 'detached' });
    await assertNoRed();
    await shot('04-object-graph');
  });

  test('a hidden object answers as missing, not as forbidden', async () => {
    await page.goto(`${world.url}/objects/${IDS.red}`);
    await page.getByText('does not exist here, or your Party may not see it').waitFor();
    await assertNoRed();
  });

  test('imports a bundle file with progress, and shows a refused bundle’s errors by path', async () => {
    await page.goto(`${world.url}/objects`);
    await page.getByRole('heading', { level: 1, name: 'Indicators and objects' }).waitFor();
    await page.getByText('Import a STIX bundle').click();
    await page.getByText(/JSON file of at most 64 MiB/).waitFor();
    const good = {
      type: 'bundle',
      id: 'bundle--5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d',
      objects: [IMPORTED.a, IMPORTED.b].map((x) => importedIndicator(x.id, x.name, x.value)),
    };
    await page.getByLabel('Bundle file (JSON)').setInputFiles({
      name: 'two-indicators.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(good)),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.locator('dl.import-report');
    await report.waitFor();
    assert.match(String(await report.textContent()), /Created2Already held, unchanged0Refused0/);
    // The outcome takes the focus, so a screen reader reads it at once.
    assert.ok(await page.locator('.outcome:focus').count(), 'focus moves to the import report');
    await page.getByRole('link', { name: IMPORTED.a.name }).waitFor();

    const bad = structuredClone(good);
    bad.id = 'bundle--6b7c8d9e-0f1a-4b2c-9d3e-4f5a6b7c8d9e';
    bad.objects[1] = { ...importedIndicator(IMPORTED.c.id, IMPORTED.c.name, IMPORTED.c.value), pattern: '[' };
    await page.getByLabel('Bundle file (JSON)').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('alert').getByText('nothing was stored').waitFor();
    const errors = page.locator('table.import-errors');
    await errors.getByText(IMPORTED.c.id).waitFor();
    await errors
      .locator('code', { hasText: /^\$\.objects\[1\]\.pattern/ })
      .first()
      .waitFor();
    await assertNoRed();
    await shot('18-import');
  });

  test('exports what the Party may see as a bundle file, without the RED object of another Party', async () => {
    await page.getByText('Export as a STIX bundle').click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^accord-KZ-.*\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    const exported = JSON.parse(text) as { type: string; id: string; objects: { id: string }[] };
    assert.equal(exported.type, 'bundle');
    assert.match(exported.id, /^bundle--[0-9a-f-]{36}$/);
    const ids = new Set(exported.objects.map((o) => o.id));
    for (const id of [IDS.ownIndicator, IDS.ownMalware, IDS.byGreen, IMPORTED.a.id])
      assert.ok(ids.has(id), id);
    assert.ok(!ids.has(IDS.red), 'the TLP:RED object of BY is exported to KZ');
    assert.ok(!text.includes(RED_NAME) && !text.includes(RED_VALUE), 'BY’s TLP:RED indicator leaks');
    assert.ok(!ids.has(IMPORTED.c.id), 'an object of a refused bundle was stored');
    await page.getByText(`Exported ${exported.objects.length} objects`).waitFor();
    await assertNoRed();
    await shot('19-export');
  });

  test('grants a consent asked of its Party', async () => {
    await page.goto(`${world.url}/consents`);
    const item = page.locator('li.consent', { hasText: 'Joint analysis with a partner CERT' });
    await item.getByRole('button', { name: 'Grant' }).click();
    await item.getByText('granted').waitFor();
    await assertNoRed();
    await shot('05-consents');
  });

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
    await p.goto(`${world.url}/inbox`);
    await p.getByLabel('User name').fill(world.users.sender);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Inbox' }).waitFor();
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
    await page.getByRole('alert').getByText('The node found the request invalid.').waitFor();
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

  test('switches to Russian, and the choice is remembered', async () => {
    await nav('Agreement');
    await page.getByRole('heading', { level: 1, name: 'Agreement' }).waitFor();
    await shot('06-agreement-en');
    await page.getByRole('button', { name: 'RU' }).click();
    await page.getByRole('heading', { level: 1, name: 'Соглашение' }).waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Обзор' }).waitFor();
    await page.getByText('Республика Казахстан').first().waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'ru');
    await shot('07-agreement-ru');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Соглашение' }).waitFor();
    await nav('Обзор');
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
    await page.locator('figure.chart > svg').waitFor();
    await assertNoRed();
    await shot('08-overview-ru');
    await nav('Входящие');
    await page.getByRole('heading', { level: 1, name: 'Входящие' }).waitFor();
    await page.getByText('Получение подтверждено').first().waitFor();
    await shot('17-inbox-ru');
    await page.getByRole('button', { name: 'EN' }).click();
  });

  test('an administrator sees the audit log and verifies the chain', async () => {
    const admin = await context.browser()!.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await admin.newPage();
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
    await p.goto(`${world.url}/admin`);
    await p.getByLabel('User name').fill(world.users.admin);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    await p.locator('table.audit td', { hasText: 'login.failed' }).first().waitFor();
    await p.getByRole('button', { name: 'Verify the chain' }).click();
    await p.getByText(/The chain is intact: \d+ entries checked/).waitFor();
    await p.screenshot({ path: `${SHOTS}/09-admin-wall.png`, fullPage: true });
    await admin.close();
  });

  test('an administrator adds a user, makes and revokes a token, and manages peers', async () => {
    const admin = await context.browser()!.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await admin.newPage();
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
    const as = (token: string) => world.t.app.inject({ url: '/api/v1/tokens', headers: bearer(token) });
    await p.goto(`${world.url}/admin`);
    await p.getByLabel('User name').fill(world.users.admin);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();

    const users = p.locator('section', { has: p.getByRole('heading', { name: 'Users' }) });
    await users.getByText('Add a user').click();
    await users.getByLabel('User name').fill('kz-analyst-new');
    await users.getByLabel('Role', { exact: true }).selectOption('analyst');
    await users.getByLabel(/^Password/).fill('a new analyst password');
    await users.getByRole('button', { name: 'Add user' }).click();
    await users.locator('tr[data-user="kz-analyst-new"]').waitFor();

    const tokens = p.locator('section', { has: p.getByRole('heading', { name: 'Tokens' }) });
    await tokens.getByText('Create a token').click();
    await tokens.getByLabel('User', { exact: true }).selectOption('kz-analyst-new');
    await tokens.getByLabel('Name (what it is for)').fill('SIEM pull');
    await tokens.getByRole('button', { name: 'Create token' }).click();
    const secret = await tokens.getByLabel('The new token').inputValue();
    assert.match(secret, /^accord_[\w-]{43}$/);
    assert.equal((await as(secret)).statusCode, 200, 'the token shown works');
    await tokens.getByRole('button', { name: 'I have kept it' }).click();
    assert.equal(await tokens.getByLabel('The new token').count(), 0, 'the secret is not shown again');
    const row = tokens.locator('tr[data-token="SIEM pull"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('It stops working at once').waitFor();
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.waitFor({ state: 'detached' });
    assert.equal((await as(secret)).statusCode, 401, 'the revoked token fails');
    await tokens.getByLabel('Show revoked tokens').check();
    await row.getByText(/revoked/).waitFor();

    const peers = p.locator('section', { has: p.getByRole('heading', { name: 'Peers' }) });
    await peers.getByText('No peers').waitFor();
    await peers.getByText('Add a peer').click();
    const { publicKey } = generateKeyPairSync('ed25519');
    const init = { node_id: 'accord-by', party: 'BY', public_key: publicKey.export({ format: 'jwk' }) };
    await peers.getByLabel(/^Public key/).fill(JSON.stringify(init, null, 2));
    await peers.getByLabel('URL', { exact: true }).fill('http://127.0.0.1:9');
    await peers.getByRole('button', { name: 'Add peer' }).click();
    const peer = peers.locator('tr[data-peer="accord-by"]');
    await peer.getByText('not contacted yet').waitFor();
    await p.screenshot({ path: `${SHOTS}/30-admin-accounts.png`, fullPage: true });
    await peer.getByRole('button', { name: 'Remove' }).click();
    await peer.getByRole('button', { name: 'Remove' }).click();
    await peers.getByText('No peers').waitFor();
    await admin.close();
  });

  test('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  test('the console called only documented API routes', () => {
    const routes = world.t.app.routeList.map((r) => ({
      method: r.method,
      re: new RegExp(`^${r.url.replace(/:[^/]+/g, '[^/]+')}$`),
    }));
    for (const call of new Set(apiCalls)) {
      const [method, path] = call.split(' ') as [string, string];
      assert.ok(
        routes.some((r) => r.method === method && r.re.test(path)),
        `${call} is not a route of the node`,
      );
      assert.ok(path.startsWith('/api/v1/'), `${call} is outside the REST API`);
    }
    assert.ok(apiCalls.length > 10);
  });
});
