import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { axe } from './axe.js';
import { launchChromium, SHOTS, skipWithoutChromium } from './browser.js';
import { cutOff } from './console-session.js';
import { type ConsoleWorld, GREEN_VALUE, IDS, PASSWORD, startConsoleWorld } from './console-world.js';

// Every page of the console, checked by axe-core (WCAG 2.1 A and AA: contrast, labels, names,
// landmarks, ARIA) in English and Russian, on a laptop and on a wall display; and the keyboard
// path a screen-reader or keyboard user takes: skip link, navigation, forms.

const PAGES: { path: string; ready: string }[] = [
  { path: '/', ready: 'figure.chart > svg' },
  { path: '/inbox', ready: 'main h1' },
  { path: '/requests', ready: 'main h1' },
  { path: '/cases', ready: 'main h1' },
  { path: '/objects', ready: 'table' },
  { path: `/objects/${encodeURIComponent(IDS.ownIndicator)}`, ready: 'svg' },
  { path: '/library', ready: 'main h1' },
  { path: '/agreement', ready: 'main h1' },
  { path: '/attack', ready: 'main h1' },
  { path: '/consents', ready: 'main h1' },
  { path: '/alerts', ready: 'main h1' },
  { path: '/admin', ready: 'main h1' },
];

describe('the console is accessible', { skip: skipWithoutChromium, timeout: 300_000 }, () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;

  before(async () => {
    world = await startConsoleWorld();
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: 'en-GB',
      // axe is injected as a script, which the console's own Content-Security-Policy forbids.
      bypassCSP: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
  });
  after(async () => {
    await browser?.close();
    await world?.dispose();
  });

  test('the checker finds real problems (so a pass means something)', async () => {
    const scratch = await browser.newPage();
    await scratch.setContent('<html><body><img src="x.png"><input type="text"></body></html>');
    const found = (await axe(scratch)).map((v) => v.split(' ')[0]);
    await scratch.close();
    assert.ok(found.includes('image-alt'), found.join('; '));
    assert.ok(found.includes('label'), found.join('; '));
  });

  test('the sign-in page, and signing in with the keyboard alone', async () => {
    await page.goto(world.url);
    await page.getByLabel('User name').waitFor();
    assert.deepEqual(await axe(page), []);
    // The user name field has the focus on arrival: type, Tab, type, Enter.
    assert.equal(await page.evaluate("document.activeElement?.getAttribute('autocomplete')"), 'username');
    await page.keyboard.type(world.users.liaison);
    await page.keyboard.press('Tab');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
  });

  test('the skip link is the first stop and takes focus to the page', async () => {
    // After a page change the console puts focus on the page itself; on a fresh load it is
    // at the top of the document, where the skip link must come first.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'main');
  });

  test('the navigation works from the keyboard', async () => {
    const link = page.getByRole('navigation').getByRole('link', { name: 'Agreement' });
    await link.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /Agreement/ }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/agreement');
  });

  for (const lang of ['en', 'ru'] as const) {
    test(`every page passes axe (WCAG 2.1 AA) in ${lang === 'en' ? 'English' : 'Russian'}`, async () => {
      await page.evaluate(`localStorage.setItem('accord.lang', '${lang}')`);
      const problems: string[] = [];
      for (const p of PAGES) {
        await page.goto(`${world.url}${p.path}`);
        await page.locator(p.ready).first().waitFor();
        await page.waitForLoadState('networkidle');
        assert.equal(await page.evaluate('document.documentElement.lang'), lang);
        for (const v of await axe(page)) problems.push(`${p.path}: ${v}`);
      }
      assert.deepEqual(problems, []);
    });
  }

  test('lookup results and the wall display pass too', async () => {
    await page.evaluate("localStorage.setItem('accord.lang', 'en')");
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.goto(`${world.url}/objects`);
    await page.getByLabel(/Paste IP addresses/).fill(`${GREEN_VALUE}\nnot-a-value\n192.0.2.99`);
    await page.getByRole('button', { name: 'Look up', exact: true }).click();
    await page.locator('table.lookup').waitFor();
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/40-wall-display-lookup.png`, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${world.url}/`);
    await page.locator('figure.chart > svg').first().waitFor();
    assert.deepEqual(await cutOff(page), [], 'nothing cut off on a 1280-pixel laptop screen');
    await page.screenshot({ path: `${SHOTS}/41-laptop-overview.png` });
  });
});
