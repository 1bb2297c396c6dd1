import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../bin/lib/console-build';
import { stackForSuite } from '../helpers/suite-stack';
import { startTestStack, type TestStack } from '../helpers/test-stack';
import { launchChromium } from './browser';

/** What a browser suite runs against: a stack serving the built console, and Chromium. */
export interface ConsoleSuite<S extends { url: string; stop(): Promise<void> } = TestStack> {
  stack: S;
  browser: Browser;
}

/**
 * Builds the console if needed, starts the stack (a plain test stack unless the suite brings
 * its own, such as the email stack) and launches Chromium: each browser suite's `beforeAll`.
 */
export async function startConsoleSuite<S extends { url: string; stop(): Promise<void> } = TestStack>(
  startStack: () => Promise<S> = () => startTestStack({ webRoot: true }) as unknown as Promise<S>,
): Promise<ConsoleSuite<S>> {
  ensureConsoleBuilt(() => undefined);
  const stack = await startStack();
  return { stack, browser: await launchChromium() };
}

/** Each browser suite's `afterAll`: whatever of the suite did start, stopped. */
export async function stopConsoleSuite(suite: Partial<ConsoleSuite<{ url: string; stop(): Promise<void> }>> | undefined): Promise<void> {
  await suite?.browser?.close();
  await suite?.stack?.stop();
}

/**
 * A browser suite's `beforeAll` and `afterAll` on a plain test stack: the suite started before
 * its tests and handed to its variables by `assign`, then stopped after them.
 */
export function consoleForSuite(assign: (suite: ConsoleSuite) => void): void {
  stackForSuite(() => startConsoleSuite(), assign, stopConsoleSuite);
}

/**
 * Signs in through the login page and waits for the signed-in console (the queue, by default);
 * `next` is where the login page sends the member on (the technician app: `/tech`).
 */
export async function logIn(
  suite: ConsoleSuite<{ url: string; stop(): Promise<void> }>,
  credentials: { email: string; password: string },
  options: { context?: BrowserContextOptions; next?: string; landing?: string | ((url: URL) => boolean) } = {},
): Promise<Page> {
  const context = await suite.browser.newContext(options.context ?? { timezoneId: 'UTC', locale: 'en-GB' });
  const page = await context.newPage();
  await page.goto(`${suite.stack.url}/login${options.next ? `?next=${options.next}` : ''}`);
  await page.getByTestId('login-email').fill(credentials.email);
  await page.getByTestId('login-password').fill(credentials.password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(options.landing ?? '**/tickets');
  return page;
}
