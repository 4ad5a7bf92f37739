import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { importStix } from '../../src/node/ingest.js';
import { TLP2_IDS } from '../../src/policy/index.js';
import { launchChromium, SHOTS, skipWithoutChromium } from './browser.js';
import { signInAt } from './console-session.js';
import { type ConsoleWorld, startConsoleWorld } from './console-world.js';

// The ATT&CK page: MITRE's sample loaded on KZ's node, one KZ report on a technique and one
// BY TLP:RED link the KZ reader must not see counted. Both languages, checked by axe.

const AXE_SOURCE: string = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
const FIXTURE = JSON.parse(
  readFileSync(new URL('../../src/cli/demo/data/attack-ics-sample.json', import.meta.url), 'utf8'),
) as { objects: { type: string; id: string; external_references?: { external_id?: string }[] }[] };
const technique = (aid: string) =>
  FIXTURE.objects.find((o) => o.type === 'attack-pattern' && o.external_references?.[0]?.external_id === aid)!
    .id;
const T = '2026-01-10T08:00:00.000Z';
const REPORT = 'report--7a0e5d1c-3b2f-4c1a-9e8d-000000000e2e';
const RED_REL = 'relationship--7a0e5d1c-3b2f-4c1a-9e8d-000000000e2f';
const BY_MALWARE = 'malware--7a0e5d1c-3b2f-4c1a-9e8d-000000000e30';

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate("'axe' in window"))) await page.addScriptTag({ content: AXE_SOURCE });
  const violations = (await page.evaluate(
    "axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }).then((r) => r.violations)",
  )) as { id: string; help: string; nodes: { target: string[] }[] }[];
  return violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('the ATT&CK matrix page', { skip: skipWithoutChromium, timeout: 180_000 }, () => {
  let world: ConsoleWorld;
  let browser: Browser;
  let page: Page;

  before(async () => {
    world = await startConsoleWorld();
    const node = world.t.node;
    const kz = await importStix(node, { party: 'KZ', sourceNode: 'local' }, FIXTURE);
    assert.ok(kz.ok, JSON.stringify(kz.errors));
    const report = await importStix(
      node,
      { party: 'KZ', sourceNode: 'local' },
      {
        type: 'report',
        spec_version: '2.1',
        id: REPORT,
        created: T,
        modified: T,
        name: 'Wiper at a substation',
        published: T,
        object_refs: [technique('T0809')],
        object_marking_refs: [TLP2_IDS.green],
      },
    );
    assert.ok(report.ok, JSON.stringify(report.errors));
    const red = await importStix(
      node,
      { party: 'BY', sourceNode: 'accord-by' },
      {
        type: 'bundle',
        id: 'bundle--7a0e5d1c-3b2f-4c1a-9e8d-000000000e31',
        objects: [
          {
            type: 'malware',
            spec_version: '2.1',
            id: BY_MALWARE,
            created: T,
            modified: T,
            name: 'BY secret loader',
            is_family: true,
            object_marking_refs: [TLP2_IDS.red],
          },
          {
            type: 'relationship',
            spec_version: '2.1',
            id: RED_REL,
            created: T,
            modified: T,
            relationship_type: 'uses',
            source_ref: BY_MALWARE,
            target_ref: technique('T0800'),
            object_marking_refs: [TLP2_IDS.red],
          },
        ],
      },
    );
    assert.ok(red.ok, JSON.stringify(red.errors));
    browser = await launchChromium();
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: 'en-GB',
      bypassCSP: true,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAt(page, world.url, world.users.liaison);
  });
  after(async () => {
    await browser?.close();
    await world?.dispose();
  });

  test('tactics as columns, a reported technique opens onto what was reported', async () => {
    await page.getByRole('navigation').getByRole('link', { name: 'ATT&CK' }).click();
    await page.getByRole('heading', { level: 1, name: 'ATT&CK matrix' }).waitFor();
    const columns = await page.locator('.attack-tactic h3').allTextContents();
    assert.deepEqual(
      columns.map((c) => c.replace(/\s+TA\d+$/, '')),
      ['Initial Access', 'Execution', 'Inhibit Response Function', 'Impact'],
    );
    const cell = page.locator('[data-technique="T0809"]');
    assert.match(String(await cell.textContent()), /1 reported/);
    assert.ok(
      await cell.evaluate((e) => e.className.includes('heat-4')),
      'the busiest technique is the darkest',
    );
    assert.doesNotMatch(
      String(await page.locator('[data-technique="T0800"]').textContent()),
      /[1-9] reported/,
      'BY’s RED link is not counted',
    );
    assert.ok(!(await page.content()).includes('BY secret loader'));
    assert.deepEqual(await axe(page), []);
    await page.screenshot({ path: `${SHOTS}/50-attack-matrix-en.png`, fullPage: true });
    await cell.getByRole('button').click();
    await cell.getByRole('link', { name: 'Wiper at a substation' }).click();
    await page.waitForURL(/\/objects\/report--/);
    assert.equal(decodeURIComponent(new URL(page.url()).pathname), `/objects/${REPORT}`);
  });

  test('in Russian, and a period with nothing reported', async () => {
    await page.evaluate("localStorage.setItem('accord.lang', 'ru')");
    await page.goto(`${world.url}/attack`);
    await page.getByRole('heading', { level: 1, name: 'Матрица ATT&CK' }).waitFor();
    await page.locator('[data-technique="T0809"]').waitFor();
    assert.match(String(await page.locator('[data-technique="T0809"]').textContent()), /сообщений: 1/);
    assert.deepEqual(await axe(page), []);
    await page.getByLabel('С', { exact: true }).fill('2020-01-01');
    await page.getByLabel('По', { exact: true }).fill('2020-12-31');
    await page.getByRole('button', { name: 'Показать' }).click();
    await page
      .getByText(/Сообщено с/)
      .filter({ hasText: '2020' })
      .waitFor();
    assert.match(String(await page.locator('[data-technique="T0809"]').textContent()), /сообщений: 0/);
    await page.screenshot({ path: `${SHOTS}/51-attack-matrix-ru.png`, fullPage: true });
    await page.evaluate("localStorage.setItem('accord.lang', 'en')");
  });
});
