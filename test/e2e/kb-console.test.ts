import type { Browser, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { consoleForSuite, logIn as logInAs } from './console-suite';
import { docsShot } from './docs-shot';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

const logIn = (org: Org): Promise<Page> => logInAs({ stack, browser }, org.owner, { context: { timezoneId: 'UTC', locale: 'en-GB', viewport: { width: 1400, height: 1000 } } });

/** Opens a naive-ui select and picks the option with this text. */
async function choose(page: Page, select: Locator, label: string): Promise<void> {
  await select.click();
  await page.locator('.n-base-select-option:visible', { hasText: label }).first().click();
}

describe('knowledge base in the console', () => {
  it('an agent writes an article, edits it, compares two versions and restores the first', async () => {
    const org = await signupOrg(stack.url);
    const page = await logIn(org);

    await page.getByTestId('nav-kb').click();
    await page.waitForURL('**/kb');
    await page.getByTestId('kb-new-article').click();
    await page.waitForURL('**/kb/articles/new');
    await page.getByTestId('kb-title').fill('Resetting your password');
    await page.getByTestId('kb-body').fill('## Steps\nChoose **Forgot password** on the sign-in page.\n<script>alert(1)</script>');
    // The preview is the server's sanitised HTML: Markdown rendered, raw HTML shown as text.
    await expect.poll(() => page.getByTestId('kb-preview').innerHTML()).toContain('<strong>Forgot password</strong>');
    expect(await page.getByTestId('kb-preview').locator('script').count()).toBe(0);
    // A read of the article that answers late, as on a loaded server, must not overwrite the
    // edit typed right after the first save moved the page to the new article's address.
    let releaseReads!: () => void;
    const readsHeld = new Promise<void>((resolve) => { releaseReads = resolve; });
    const lateReads: Promise<void>[] = [];
    await page.route(/\/api\/v1\/kb\/articles\/[0-9a-f-]{36}\?/, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      const answered = readsHeld.then(async () => route.fulfill({ response: await route.fetch() }));
      lateReads.push(answered);
      await answered;
    });
    await page.getByTestId('kb-save').click();
    await page.waitForURL(/\/kb\/articles\/[0-9a-f-]{36}\?locale=en$/);
    await expect.poll(() => page.getByTestId('kb-version').textContent()).toBe('Version 1');

    const edited = '## Steps\nChoose **Forgot password** and follow the emailed link.';
    await page.getByTestId('kb-body').fill(edited);
    releaseReads();
    await Promise.all(lateReads);
    await page.waitForTimeout(300); // the page applies an answer a few milliseconds after it lands
    expect(await page.getByTestId('kb-body').inputValue()).toBe(edited);
    await page.unroute(/\/api\/v1\/kb\/articles\/[0-9a-f-]{36}\?/);
    await choose(page, page.getByTestId('kb-status'), 'Published');
    await page.getByTestId('kb-save').click();
    await expect.poll(() => page.getByTestId('kb-version').textContent()).toBe('Version 2');

    // The list finds it by search, with its state.
    await page.goto(`${stack.url}/kb`);
    await page.getByTestId('kb-search').fill('emailed link');
    await expect.poll(() => page.getByTestId('kb-article-row').first().textContent()).toContain('Resetting your password');
    expect(await page.getByTestId('kb-article-row').first().textContent()).toContain('Published');
    await page.getByTestId('kb-article-row').first().getByRole('link').click();

    await page.getByTestId('kb-history-link').click();
    await page.waitForURL('**/history?locale=en');
    await expect.poll(() => page.getByTestId('kb-version-row').count()).toBe(2);
    await page.getByTestId('kb-compare').click();
    const diff = page.getByTestId('kb-diff');
    await expect.poll(() => diff.isVisible()).toBe(true);
    // The drawer opens before the diff's answer arrives: wait for its lines, not only for it.
    await expect.poll(() => diff.locator('.removed').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('on the sign-in page.')]));
    await expect.poll(() => diff.locator('.added').allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('follow the emailed link.')]));
    expect(await diff.textContent()).toContain('Draft → Published');

    await page.getByTestId('kb-restore-1').click();
    await page.locator('.n-popconfirm__action button', { hasText: 'Confirm' }).click();
    await expect.poll(() => page.getByTestId('kb-version-row').count()).toBe(3);
    const restored = await org.api.get(`/kb/articles/${page.url().split('/kb/articles/')[1]!.split('/')[0]}?locale=en`);
    expect(restored.body).toMatchObject({ version: 3, status: 'draft', body: expect.stringContaining('on the sign-in page.') });
  });

  it('suggests articles and a similar solved ticket\'s reply on a ticket, puts them into the reply, and starts an article from the reply', async () => {
    const org = await signupOrg(stack.url);
    const article = await org.api.post('/kb/articles', { title: 'Changing the billing address', body: 'Open Billing, then Address, and save the new billing address.', status: 'published' });
    expect(article.status).toBe(201);

    // What a customer reads: the org's public help centre, without signing in.
    const slug = (await org.api.get('/me')).body.organization.slug as string;
    const reader = await browser.newPage();
    await reader.goto(`${stack.url}/help/${slug}`);
    expect(await reader.getByRole('link', { name: 'Changing the billing address' }).count()).toBe(1);
    await reader.goto(`${stack.url}/help/${slug}/articles/${article.body.id}`);
    await expect.poll(() => reader.locator('article h1').textContent()).toBe('Changing the billing address');
    await docsShot(reader, 'customer-help-article');
    await reader.close();
    const answered = await org.api.post('/tickets', newTicket({ subject: 'Billing address change', description: 'Our billing address changed.' }));
    await org.api.post(`/tickets/${answered.body.number}/replies`, { body: 'Go to Billing, then Address.', visibility: 'public' });
    await org.api.post(`/tickets/${answered.body.number}/status`, { status: 'solved' });
    const ticket = await org.api.post('/tickets', newTicket({ subject: 'How do I change my billing address?', description: 'We moved offices.' }));
    expect(ticket.status).toBe(201);
    const page = await logIn(org);
    await page.goto(`${stack.url}/tickets/${ticket.body.number}`);
    const suggestion = page.getByTestId('kb-suggestion').first();
    await expect.poll(() => suggestion.textContent()).toContain('Changing the billing address');
    await suggestion.getByTestId('kb-insert-link').click();
    await expect.poll(() => page.getByTestId('reply-body').inputValue()).toMatch(new RegExp(`^Changing the billing address: http.*/help/.+/articles/${article.body.id}-changing-the-billing-address$`));

    // A suggested reply: the answer a similar solved ticket was sent.
    const similar = page.getByTestId('similar-ticket').first();
    await expect.poll(() => similar.textContent()).toContain('Billing address change');
    await similar.getByTestId('similar-insert').click();
    await expect.poll(() => page.getByTestId('reply-body').inputValue()).toContain('Go to Billing, then Address.');

    await page.getByTestId('reply-body').fill('Open Billing and choose Address.');
    await page.getByTestId('reply-to-article').click();
    await page.waitForURL('**/kb/articles/new');
    expect(await page.getByTestId('kb-title').inputValue()).toBe('How do I change my billing address?');
    expect(await page.getByTestId('kb-body').inputValue()).toBe('Open Billing and choose Address.');
  });
});
