import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = 'test-artifacts/e2e';
// Without Chromium a developer's run skips with a reason; CI installs it, so there it must run.
const skip = !existsSync(CHROMIUM) && !process.env.CI ? `no ${CHROMIUM}: apt-get install chromium` : false;

describe('the console in Chromium', { skip, timeout: 120_000 }, () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const apiCalls: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const { chromium } = await import('playwright-core');
    world = await startConsoleWorld();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
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
    await page.getByLabel(/Paste IP addresses/).fill(`${OWN_VALUE}\n${RED_VALUE}, 10.0.0.1 ${GREEN_VALUE}`);
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page.getByText('2 of 4 values are known').waitFor();
    const redRow = page.locator('table.lookup tr', { hasText: RED_VALUE });
    assert.match(String(await redRow.textContent()), /unknown/);
    const ownRow = page.locator('table.lookup tr', { hasText: OWN_VALUE });
    assert.match(String(await ownRow.textContent()), /KZ botnet controller/);
    const greenRow = page.locator('table.lookup tr', { hasText: GREEN_VALUE });
    assert.match(
      String(await greenRow.textContent()),
      /BY green C2 address/,
      'GREEN of a Party in force is shared',
    );
    await assertNoRed();
    await shot('03-indicators-lookup');
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
