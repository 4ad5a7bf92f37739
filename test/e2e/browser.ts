import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const SHOTS = 'test-artifacts/e2e';

/** Without Chromium a developer's run skips with a reason; CI installs it, so there it must run. */
export const skipWithoutChromium =
  !existsSync(CHROMIUM) && !process.env.CI ? `no ${CHROMIUM}: apt-get install chromium` : false;

/** Debian's Chromium, headless, without the background chatter that slows a test machine. */
export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
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
}
