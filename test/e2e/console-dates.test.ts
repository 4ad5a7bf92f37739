import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { skipWithoutChromium } from './browser.js';
import { type ConsoleSession, openConsole } from './console-session.js';

// Issue 15: dates in the reader's language, date pickers included. A native date input draws
// its digits in the browser's locale (this browser is en-GB), whatever language the console
// is in; the console's own date field must follow the console.

/** Whether any two tick labels under the Overview's daily chart overlap on the screen. */
async function overlappingTicks(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const texts = [...document.querySelectorAll('figure.chart svg text')]
      .filter((t) => t.getAttribute('text-anchor') === 'middle');
    const boxes = texts.map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
    const out = [];
    for (let i = 1; i < boxes.length; i++) {
      const a = boxes[i - 1], b = boxes[i];
      if (a.r.top === b.r.top && a.r.right > b.r.left) out.push(a.text + ' / ' + b.text);
    }
    return out;
  })()`)) as string[];
}

describe('dates typed and shown in the console’s language', {
  skip: skipWithoutChromium,
  timeout: 240_000,
}, () => {
  let session: ConsoleSession;
  let page: Page;
  before(async () => {
    session = await openConsole();
    page = session.page;
    await session.signIn(session.world.users.admin);
    await page.getByRole('button', { name: 'RU' }).click();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
  });
  after(async () => {
    await session?.close();
  });

  test('the Overview’s period reads and takes dd.mm.yyyy in Russian, mm/dd/yyyy in English', async () => {
    const from = page.locator('#stats-from');
    await from.waitFor();
    assert.match(await from.inputValue(), /^\d{2}\.\d{2}\.\d{4}$/);
    assert.equal(await from.getAttribute('placeholder'), 'дд.мм.гггг');

    const counted = page.locator('text=/Подсчитано на узле/');
    await from.fill('01.11.2026');
    // The period is asked of the server anew; wait for its answer to be drawn.
    await page.getByText(/Подсчитано на узле с 1 нояб\. 2026/).waitFor();

    // Not a date: the field says so, and the period stays as it was.
    await from.fill('31.02.2026');
    assert.equal(
      await from.evaluate((el) => (el as unknown as { validity: { valid: boolean } }).validity.valid),
      false,
    );
    assert.match(
      await from.evaluate((el) => (el as unknown as { validationMessage: string }).validationMessage),
      /Введите существующую дату в виде дд\.мм\.гггг/,
    );
    assert.match((await counted.textContent()) ?? '', /с 1 нояб\. 2026/);

    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    assert.equal(await from.inputValue(), '11/01/2026', 'the same date, in English digits');
    assert.equal(await from.getAttribute('placeholder'), 'mm/dd/yyyy');
    await page.getByRole('button', { name: 'RU' }).click();
    await page.getByRole('heading', { level: 1, name: 'Обзор' }).waitFor();
  });

  test('day labels under the activity chart never run into each other', async () => {
    const from = page.locator('#stats-from');
    for (const period of ['26.11.2026', '03.11.2026', '01.09.2026']) {
      await from.fill(period);
      await page.waitForLoadState('networkidle');
      await page.locator('figure.chart svg').first().waitFor();
      assert.deepEqual(await overlappingTicks(page), [], `from ${period}`);
    }
  });
});
