import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipWithoutChromium } from './browser.js';
import { cutOff, fillSignIn, signInAt } from './console-session.js';
import { type ConsoleWorld, IDS, startConsoleWorld } from './console-world.js';

// Issue 15: every page in English and Russian at the narrowest supported width and at a wall
// display, photographed, failing on a raw server code shown to a person and on anything cut
// off sideways (the page itself, or a table inside its own scroller).

export const DAILY_SHOTS = join(tmpdir(), 'accord-console15-shots');

const PAGES: { name: string; path: string; ready: string }[] = [
  { name: 'overview', path: '/', ready: 'figure.chart svg' },
  { name: 'inbox', path: '/inbox', ready: 'main li.notice' },
  { name: 'requests', path: '/requests', ready: 'main table' },
  { name: 'cases', path: '/cases', ready: 'main table' },
  { name: 'objects', path: '/objects', ready: 'main table' },
  { name: 'object', path: `/objects/${encodeURIComponent(IDS.ownIndicator)}`, ready: '#cited-title' },
  { name: 'library', path: '/library', ready: 'main h1' },
  { name: 'agreement', path: '/agreement', ready: 'figure.treaty-timeline' },
  { name: 'consents', path: '/consents', ready: 'main h1' },
  { name: 'admin', path: '/admin', ready: 'main table' },
];

// Codes the server sends that a person must never read as they are: request and treaty
// states and events, and error codes. Matched as whole words in the visible text.
const RAW = [
  /\bin-progress\b/,
  /\bpartly-answered\b/,
  /\bratification-notified\b/,
  /\bwithdrawal-notified\b/,
  /\bwithdrawal-pending\b/,
  /\bentry-into-force\b/,
  /\bACCORD_[A-Z_]+\b/,
  /\$(params|querystring|body)\b/,
  /Event: |Событие: /,
];

async function untranslated(page: Page): Promise<string[]> {
  const text = ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
  return RAW.filter((re) => re.test(text)).map((re) => `${re} in “${text.match(re)?.[0]}”`);
}

describe('the console for daily work, in both languages, on any screen', {
  skip: skipWithoutChromium,
  timeout: 480_000,
}, () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;
  before(async () => {
    mkdirSync(DAILY_SHOTS, { recursive: true });
    world = await startConsoleWorld();
    browser = await launchChromium();
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    page = await ctx.newPage();
    page.setDefaultTimeout(15_000);
    await signInAt(page, world.url, world.users.admin);
  });
  after(async () => {
    await browser?.close();
    await world?.dispose();
  });

  for (const lang of ['en', 'ru'] as const) {
    for (const width of [1280, 2560]) {
      test(`every page in ${lang === 'en' ? 'English' : 'Russian'} at ${width} px: nothing raw, nothing cut off`, async () => {
        await page.setViewportSize({ width, height: width === 1280 ? 800 : 1440 });
        await page.evaluate(`localStorage.setItem('accord.lang', '${lang}')`);
        const problems: string[] = [];
        for (const p of PAGES) {
          await page.goto(`${world.url}${p.path}`);
          await page.locator(p.ready).first().waitFor();
          await page.waitForLoadState('networkidle');
          assert.equal(await page.evaluate('document.documentElement.lang'), lang);
          for (const x of await untranslated(page)) problems.push(`${p.path}: ${x}`);
          for (const x of await cutOff(page)) problems.push(`${p.path}: ${x}`);
          await page.screenshot({
            path: join(DAILY_SHOTS, `${lang}-${width}-${p.name}.png`),
            fullPage: true,
          });
        }
        assert.deepEqual(problems, []);
      });
    }
  }

  test('Indicators lists intelligence, not workflow records; the object shows who cites it', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.evaluate("localStorage.setItem('accord.lang', 'en')");
    await page.goto(`${world.url}/objects`);
    await page.locator('main table.objects tbody tr').first().waitFor();
    const types = await page.locator('main table.objects tbody td:nth-child(2)').allInnerTexts();
    assert.ok(types.includes('indicator'), types.join());
    assert.deepEqual(
      types.filter((t) => t.startsWith('x-accord-') || t === 'marking-definition'),
      [],
      'no workflow record in the Indicators list',
    );
    await page.goto(`${world.url}/objects/${encodeURIComponent(IDS.ownIndicator)}`);
    // The joint case seeded in the world cites KZ's indicator.
    const cited = page.locator('section[aria-labelledby="cited-title"]');
    await cited.getByRole('link', { name: 'APT campaign against ministries' }).waitFor();
  });

  test('the Overview counts on the server and tells the chart as a table too', async () => {
    await page.goto(`${world.url}/`);
    const calls: string[] = [];
    page.on('request', (r) => calls.push(new URL(r.url()).pathname));
    await page.reload();
    await page.locator('figure.chart svg').first().waitFor();
    await page.waitForLoadState('networkidle');
    assert.ok(calls.includes('/api/v1/stats/activity'), calls.join());
    const caption = page.locator('figure.chart table caption').first();
    assert.match((await caption.textContent()) ?? '', /Objects added per day/);
    await page.getByText('Open items by deadline').waitFor();
    await page.getByRole('link', { name: 'Hosting records of evil.example' }).first().waitFor();
  });

  test('“since your last visit” is the user’s, on the node: another browser counts from it', async () => {
    // Signing in above opened the Overview, which marked a visit. Two hours pass.
    const db = world.t.node.store.db.kysely;
    const admin = await db
      .selectFrom('users')
      .select('id')
      .where('name', '=', world.users.admin)
      .executeTakeFirstOrThrow();
    const marked = await db
      .updateTable('user_visits')
      .set({ seen_at: new Date(Date.now() - 2 * 3_600_000).toISOString() })
      .where('user_id', '=', admin.id)
      .executeTakeFirst();
    assert.equal(Number(marked.numUpdatedRows), 1, 'the first look was kept on the node');
    // A fresh browser: nothing of the first one's storage comes along.
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      const other = await ctx.newPage();
      other.setDefaultTimeout(15_000);
      await other.goto(world.url);
      await fillSignIn(other, world.users.admin);
      const since = other.locator('section[aria-labelledby="ov-since"]');
      await since.getByText(/^Your last visit: /).waitFor();
      const count = Number((await since.locator('.count').textContent())?.replace(/\D/g, ''));
      assert.ok(count > 0, 'what was seeded since counts as new');
      await since.locator('ul li a').first().waitFor();
    } finally {
      await ctx.close();
    }
  });

  test('the Agreement shows each Party’s dates, no dash under “in force from” for a Party in force', async () => {
    await page.goto(`${world.url}/agreement`);
    await page.locator('figure.treaty-timeline').waitFor();
    const rows = page.locator('section[aria-labelledby="ag-parties"] tbody tr');
    const n = await rows.count();
    let inForce = 0;
    for (let i = 0; i < n; i++) {
      const cells = await rows.nth(i).locator('td').allInnerTexts();
      if (cells[0] === 'in force') {
        inForce++;
        assert.notEqual(cells[3], '—', `in force from: ${cells.join(' | ')}`);
      }
    }
    assert.ok(inForce > 0, 'some Party is in force');
  });
});
