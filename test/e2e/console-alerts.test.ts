import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { confirmUserEmail, findUserByName, setUserEmail } from '../../src/store/index.js';
import { launchChromium, SHOTS, skipWithoutChromium } from './browser.js';
import { signInAt } from './console-session.js';
import { type ConsoleWorld, startConsoleWorld } from './console-world.js';

// The Alerts page: an administrator with a confirmed address subscribes herself by e-mail and
// the liaison role by webhook, sees the secret once, removes one; in both languages, checked by
// axe. (The code that confirms an address goes through a real SMTP server in
// test/http/user-email.test.ts; this world has no relay, so the address is confirmed in the store.)

const AXE_SOURCE: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(
    "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)",
  )) as { id: string; help: string; nodes: { target: string[] }[] }[];
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the Alerts page', { skip: skipWithoutChromium, timeout: 180_000 }, () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;

  before(async () => {
    world = await startConsoleWorld();
    const db = world.t.node.store.db;
    const admin = (await findUserByName(db, world.users.admin))!;
    await setUserEmail(db, admin.id, 'duty@cert.kz', { hash: '00', expiresAt: new Date().toISOString() });
    await confirmUserEmail(db, admin.id, new Date().toISOString());
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAt(page, world.url, world.users.admin);
  });
  after(async () => {
    await browser?.close();
    await world?.dispose();
  });

  test('add an e-mail and a role webhook, see the secret once, remove one', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Alert subscriptions' }).waitFor();
    const list = page.locator('li.alert-sub');
    assert.equal(await list.count(), 0);

    await page.getByRole('status').filter({ hasText: 'duty@cert.kz — confirmed' }).waitFor();
    await page.getByText('E-mail goes to your confirmed address: duty@cert.kz').waitFor();
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await list.filter({ hasText: 'duty@cert.kz' }).waitFor();

    await page.getByLabel('deadline near or passed').check();
    await page.getByRole('radio', { name: 'webhook' }).check();
    await page.getByLabel('Webhook URL').fill('https://soc.example/hooks/accord');
    await page.getByLabel('For').selectOption('liaison');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('status').filter({ hasText: 'signing secret' }).waitFor();
    const secret = String(await page.getByRole('status').locator('code').textContent());
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/);
    const hook = list.filter({ hasText: 'soc.example' });
    await hook.waitFor();
    assert.match(
      String(await hook.textContent()),
      /every liaison of my Party.*critical notification received, deadline near or passed/,
    );
    assert.ok(!(await list.allTextContents()).join(' ').includes(secret), 'the list never shows the secret');
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/60-alerts-en.png`, fullPage: true });

    await page.getByRole('button', { name: 'Remove the subscription to duty@cert.kz' }).click();
    await list.filter({ hasText: 'duty@cert.kz' }).waitFor({ state: 'detached' });
    assert.equal(await list.count(), 1);
    await page.reload();
    await hook.waitFor();
    assert.equal(await list.count(), 1, 'removed on the node, not only on the page');
  });

  test('in Russian', async () => {
    await page.evaluate("localStorage.setItem('accord.lang', 'ru')");
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Подписки на оповещения' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Последние отправки' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'duty@cert.kz — подтверждён' }).waitFor();
    assert.deepEqual(await axe(page), []);
    await page.evaluate("localStorage.setItem('accord.lang', 'en')");
  });
});
