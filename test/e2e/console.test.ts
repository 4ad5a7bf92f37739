import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { skipWithoutChromium } from './browser.js';
import { type ConsoleSession, openConsole } from './console-session.js';
import {
  type ConsoleWorld,
  GREEN_VALUE,
  IDS,
  OWN_VALUE,
  PASSWORD,
  RED_NAME,
  RED_VALUE,
} from './console-world.js';

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

describe('the console in Chromium: sign-in, indicators, lookup, objects, consents, languages', {
  skip: skipWithoutChromium,
  timeout: 120_000,
}, () => {
  let s: ConsoleSession;
  let world: ConsoleWorld;
  let page: Page;
  before(async () => {
    s = await openConsole();
    ({ world, page } = s);
  });
  after(() => s?.close());
  const shot = (name: string) => s.shot(name);
  const nav = (name: string | RegExp) => s.nav(name);
  const assertNoRed = () => s.assertNoRed();

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
    await page.locator('figure.chart > svg').first().waitFor();
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
    await page.locator('figure.chart > svg').first().waitFor();
    await assertNoRed();
    await shot('08-overview-ru');
    await nav('Входящие');
    await page.getByRole('heading', { level: 1, name: 'Входящие' }).waitFor();
    await page.getByText('Фильтр').first().waitFor();
    await shot('17-inbox-ru');
    await page.getByRole('button', { name: 'EN' }).click();
  });

  test('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  test('the console called only documented API routes', () => {
    s.assertOnlyDocumentedRoutes();
  });
});
