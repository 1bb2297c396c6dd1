import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, PASSWORD, signupOrg } from '../helpers/api-client';
import { logIn, startConsoleSuite, stopConsoleSuite, type ConsoleSuite } from './console-suite';

let suite: ConsoleSuite;

beforeAll(async () => { suite = await startConsoleSuite(); });
afterAll(async () => { await stopConsoleSuite(suite); });

/** The page's clipboard and drag types (the tests are typed without the DOM's). */
type PageGlobals = {
  DataTransfer: new () => { items: { add(file: File): void } };
  ClipboardEvent: new (type: string, init: object) => Event;
  DragEvent: new (type: string, init: object) => Event;
};

/** A 1×1 PNG: what a pasted screenshot is. */
const PIXEL = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

describe('attachments in the reply composer', () => {
  it('an agent attaches a file, sends the reply, and the timeline offers it for download; a refused file says why', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const ticket = (await org.api.post('/tickets', newTicket({ subject: 'Invoice is wrong' }))).body;
    const report = Buffer.from('Line 1: 40.00\nLine 2: 2.50\n');

    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/tickets/${ticket.number}`);
    await expect.poll(() => page.getByTestId('ticket-title').textContent()).toContain('Invoice is wrong');
    await page.getByTestId('reply-body').fill('The corrected invoice is attached.');
    await page.getByLabel('Attach files').setInputFiles([
      { name: 'invoice.txt', mimeType: 'text/plain', buffer: report },
      { name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ') },
    ]);

    const chips = page.getByTestId('reply-attachment');
    await expect.poll(() => chips.filter({ hasText: 'invoice.txt' }).getAttribute('data-state')).toBe('ready');
    await expect.poll(() => page.getByTestId('reply-attachment-error').textContent()).toContain('setup.exe (application/octet-stream) is a file type attachments may not have.');
    await page.getByRole('button', { name: 'Remove setup.exe' }).click();
    await expect.poll(() => chips.count()).toBe(1);

    await page.getByTestId('reply-send').click();
    const link = page.getByTestId('timeline-attachment-link').filter({ hasText: 'invoice.txt' });
    await expect.poll(() => link.count()).toBe(1);
    // The composer is empty again once the reply is sent.
    await expect.poll(() => chips.count()).toBe(0);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe('invoice.txt');
    expect((await readFile(await download.path())).equals(report)).toBe(true);

    const replied = (await agent.api.get(`/tickets/${ticket.number}/timeline`)).body.data.find((event: { type: string }) => event.type === 'replied');
    expect(replied.data.attachments).toEqual([{ id: expect.any(String), filename: 'invoice.txt', contentType: 'text/plain', size: report.length }]);
    await page.context().close();
  });

  it('an agent pastes a screenshot and drops a file onto an internal note; the image shows as a thumbnail', async () => {
    const org = await signupOrg(suite.stack.url);
    const agent = await addMember(org, 'agent');
    const ticket = (await org.api.post('/tickets', newTicket({ subject: 'Screen flickers' }))).body;

    const page = await logIn(suite, { email: agent.email, password: PASSWORD });
    await page.goto(`${suite.stack.url}/tickets/${ticket.number}`);
    await expect.poll(() => page.getByTestId('ticket-title').textContent()).toContain('Screen flickers');
    await page.getByTestId('reply-visibility-internal').click();
    await page.getByTestId('reply-body').fill('Reproduced on my machine.');

    await page.getByTestId('reply-body').evaluate((textarea, pixel) => {
      const page = globalThis as unknown as PageGlobals;
      const bytes = Uint8Array.from(atob(pixel), (c) => c.charCodeAt(0));
      const data = new page.DataTransfer();
      data.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
      textarea.dispatchEvent(new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, PIXEL);
    await page.getByTestId('reply-composer').evaluate((composer) => {
      const page = globalThis as unknown as PageGlobals;
      const data = new page.DataTransfer();
      data.items.add(new File(['dmesg output'], 'dmesg.log', { type: 'text/plain' }));
      composer.dispatchEvent(new page.DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      composer.dispatchEvent(new page.DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    });
    const chips = page.getByTestId('reply-attachment');
    await expect.poll(() => chips.evaluateAll((all) => all.map((chip) => chip.getAttribute('data-state')))).toEqual(['ready', 'ready']);
    // Pasted text is still just text.
    expect(await page.getByTestId('reply-body').inputValue()).toBe('Reproduced on my machine.');

    await page.getByTestId('reply-send').click();
    await expect.poll(() => page.getByTestId('timeline-attachment').count()).toBe(2);
    await expect.poll(() => page.getByTestId('timeline-attachment-thumbnail').count()).toBe(1);
    await expect.poll(() => page.getByTestId('timeline-attachment-link').filter({ hasText: 'dmesg.log' }).count()).toBe(1);
    const note = (await agent.api.get(`/tickets/${ticket.number}/timeline`)).body.data.find((event: { type: string }) => event.type === 'replied');
    expect(note.data.visibility).toBe('internal');
    expect(note.data.attachments.map((file: { filename: string; contentType: string }) => file.contentType)).toEqual(['image/png', 'text/plain']);
    expect(note.data.attachments[0].filename).toMatch(/^pasted-image-.+\.png$/);
    await page.context().close();
  });
});
