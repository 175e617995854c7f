import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Where browser tests keep their screenshots: SCREENSHOT_DIR, or test-artifacts/screenshots (git-ignored). */
export const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

/** A full-page screenshot named for the step it shows, kept as the run's artifact. */
export async function keepScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
