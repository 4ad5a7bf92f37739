import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, SHOTS } from './browser.js';
import { type ConsoleWorld, IDS, PASSWORD, RED_NAME, startConsoleWorld } from './console-world.js';

/**
 * A console test file's world and browser: one node with its seeded Parties, Chromium, and a
 * page every test of the file continues on. Every API call any page makes is recorded, so a
 * file can check at its end that the console called only routes the node has.
 */
export interface ConsoleSession {
  world: ConsoleWorld;
  browser: Browser;
  page: Page;
  apiCalls: string[];
  /** A page in a context of its own (another person), its calls recorded too. */
  newPage(viewport?: { width: number; height: number }): Promise<{ ctx: BrowserContext; p: Page }>;
  /** Another user of the world, signed in on `path`. */
  signInAs(name: string, path: string): Promise<{ ctx: BrowserContext; p: Page }>;
  /** Signs the main page in as `name`, on the Overview. */
  signIn(name: string): Promise<void>;
  nav(name: string | RegExp): Promise<void>;
  shot(name: string): Promise<unknown>;
  /** The KZ user must never be shown BY's TLP:RED object, on any page. */
  assertNoRed(p?: Page): Promise<void>;
  assertOnlyDocumentedRoutes(): void;
  close(): Promise<void>;
}

const LAPTOP = { width: 1440, height: 900 };

/** Fills the sign-in form on `p` and sends it. */
export async function fillSignIn(p: Page, name: string, password = PASSWORD): Promise<void> {
  await p.getByLabel('User name').fill(name);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens `url` on `p`, signs in as `name` and waits for the page `heading` it lands on. */
export async function signInAt(p: Page, url: string, name: string, heading = 'Overview'): Promise<void> {
  await p.goto(url);
  await fillSignIn(p, name);
  await p.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Anything wider than its box: the page sideways, or a table wider than the scroller holding it. */
export async function cutOff(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const out = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) out.push('the page scrolls sideways');
    for (const w of document.querySelectorAll('main .table-wrap')) {
      if (w.scrollWidth > w.clientWidth + 1) {
        const head = [...w.querySelectorAll('th')].map((th) => th.textContent).join(' | ');
        out.push('a table is cut off: ' + head.slice(0, 120));
      }
    }
    return out;
  })()`)) as string[];
}

export async function openConsole(): Promise<ConsoleSession> {
  mkdirSync(SHOTS, { recursive: true });
  const world = await startConsoleWorld();
  const browser = await launchChromium();
  const apiCalls: string[] = [];
  const newPage = async (viewport = LAPTOP) => {
    const ctx = await browser.newContext({ viewport, locale: 'en-GB' });
    const p = await ctx.newPage();
    p.setDefaultTimeout(10_000);
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
    return { ctx, p };
  };
  const { p: page } = await newPage();
  return {
    world,
    browser,
    page,
    apiCalls,
    newPage,
    async signInAs(name, path) {
      const s = await newPage();
      await s.p.goto(`${world.url}${path}`);
      await fillSignIn(s.p, name);
      return s;
    },
    signIn: (name) => signInAt(page, world.url, name),
    nav: (name) => page.getByRole('navigation').getByRole('link', { name }).click(),
    shot: (name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true }),
    async assertNoRed(p = page) {
      const html = await p.content();
      assert.ok(!html.includes(RED_NAME), 'the TLP:RED object of BY is shown to KZ');
      assert.ok(!html.includes(IDS.red), 'the id of the TLP:RED object of BY is shown to KZ');
    },
    assertOnlyDocumentedRoutes() {
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
      assert.ok(apiCalls.length > 5, 'the pages called the API');
    },
    async close() {
      await browser.close();
      await world.dispose();
    },
  };
}
