import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { bearer } from '../helpers/node.js';
import { SHOTS, skipWithoutChromium } from './browser.js';
import { type ConsoleSession, openConsole, signInAt } from './console-session.js';
import { type ConsoleWorld, PASSWORD } from './console-world.js';

describe('the console in Chromium: administration', { skip: skipWithoutChromium, timeout: 120_000 }, () => {
  let s: ConsoleSession;
  let world: ConsoleWorld;
  let page: Page;
  let context: BrowserContext;
  let apiCalls: string[];
  before(async () => {
    s = await openConsole();
    ({ world, page, apiCalls } = s);
    context = page.context();
  });
  after(() => s?.close());

  test('an administrator sees the audit log and verifies the chain', async () => {
    const admin = await context.browser()!.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await admin.newPage();
    p.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) apiCalls.push(`${r.method()} ${u.pathname}`);
    });
    await p.goto(`${world.url}/admin`);
    // A failed sign-in first: the log must show it to the administrator.
    await p.getByLabel('User name').fill(world.users.admin);
    await p.getByLabel('Password').fill('not the password');
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('alert').waitFor();
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await p.getByRole('heading', { level: 1, name: 'Administration' }).waitFor();
    // The action in words, its code one hover away; the details a summary, not JSON.
    await p
      .locator('table.audit td span[title="login.failed"]', { hasText: 'Sign-in failed' })
      .first()
      .waitFor();
    assert.ok(
      !((await p.locator('table.audit').textContent()) ?? '').includes('{"'),
      'no raw JSON in the audit table',
    );
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
    await signInAt(p, `${world.url}/admin`, world.users.admin, 'Administration');

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

  test('the console called only documented API routes', () => {
    s.assertOnlyDocumentedRoutes();
  });
});
