import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';

/**
 * The role guides' screenshots (docs/guides/*.md), taken by the browser tests at the moment
 * they show what the guide describes. Only when `KEEL_SCREENSHOTS` names a directory
 * (`npm run docs:screenshots` sets it to docs/screenshots); an ordinary run takes none.
 */
export async function docsShot(page: Page, name: string): Promise<void> {
  const directory = process.env.KEEL_SCREENSHOTS;
  if (!directory) return;
  mkdirSync(directory, { recursive: true });
  await page.screenshot({ path: path.join(directory, `${name}.jpg`), type: 'jpeg', quality: 80, fullPage: false });
}
