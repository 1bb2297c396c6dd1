import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureConsoleBuilt } from '../../bin/lib/console-build';
import { signupOrg, type Org } from '../helpers/api-client';
import { logIn as logInAs } from '../e2e/console-suite';
import { launchChromium } from '../e2e/browser';
import { createMailbox, eventually, send, startEmailStack, startSink, tickets, uniqueAddress, type EmailStack } from './helpers';

let stack: EmailStack;
let sink: Awaited<ReturnType<typeof startSink>>;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt(() => undefined);
  sink = await startSink();
  // A cap of one message per sender, so the second from one sender is held as rejected mail.
  stack = await startEmailStack({ webRoot: true, settings: { senderCap: 1 } });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  await sink?.stop();
});

const logIn = (org: Org): Promise<Page> => logInAs({ stack, browser }, org.owner, { context: { timezoneId: 'UTC', locale: 'en-GB', acceptDownloads: true } });

describe('email in the console', () => {
  it('an admin adds a mailbox and sends a test message; an email ticket shows its sanitised HTML and a downloadable attachment', async () => {
    const org = await signupOrg(stack.url);
    const relayed = await createMailbox(org, {
      name: 'Relayed', address: uniqueAddress('relayed'), inboundMode: 'smtp',
      smtp: { host: '127.0.0.1', port: sink.port, tls: 'none', username: 'relay-user', password: 'relay-secret' },
    });
    const page = await logIn(org);

    // A new inbound-only mailbox, made in the settings page.
    await page.getByTestId('nav-mailboxes').click();
    await page.getByTestId('new-mailbox').click();
    const address = uniqueAddress('console');
    await page.getByTestId('mailbox-name').fill('Console help');
    await page.getByTestId('mailbox-address').fill(address);
    await page.getByText("Send agents' replies and acknowledgements through an SMTP relay").click();
    await page.getByTestId('save-mailbox').click();
    await expect.poll(async () => (await org.api.get('/mailboxes')).body.data.map((mailbox: any) => mailbox.address)).toContain(address);

    // The relayed mailbox's test message reaches the relay.
    await page.getByTestId('mailbox-item').filter({ hasText: relayed.address }).click();
    await page.getByTestId('test-to').fill('admin-check@example.net');
    await page.getByTestId('send-test').click();
    await expect.poll(() => page.getByTestId('test-result').textContent()).toContain('Sent to admin-check@example.net');
    expect(sink.messages.some((message) => message.subject === 'Keel test message from Relayed')).toBe(true);

    // Mail to the new mailbox becomes a ticket whose timeline renders the email.
    await send(stack.smtpPort, {
      from: 'Casey <casey@customer.example>', to: address, subject: 'Broken screen',
      text: 'My screen is cracked.',
      html: '<p>My screen is <b>cracked</b>.</p><script>document.title = "owned"</script>',
      attachments: [{ filename: 'crack.txt', content: 'a long crack', contentType: 'text/plain' }],
    });
    const ticket = await eventually(async () => (await tickets(org.api)).find((candidate) => candidate.subject === 'Broken screen'), 'the email ticket');
    await page.goto(`${stack.url}/tickets/${ticket.number}`);
    const email = page.getByTestId('ticket-email').first();
    await email.waitFor();
    const srcdoc = await email.getByTestId('email-html').getAttribute('srcdoc');
    expect(srcdoc).toContain('<b>cracked</b>');
    expect(srcdoc).not.toContain('script');
    expect(await email.getByTestId('email-html').getAttribute('sandbox')).toBe('');
    expect(await page.title()).not.toBe('owned');

    const [download] = await Promise.all([page.waitForEvent('download'), email.getByText('crack.txt').click()]);
    expect(download.suggestedFilename()).toBe('crack.txt');
    expect(await readFile((await download.path())!, 'utf8')).toBe('a long crack');
  });

  it('shows remote images only when asked, and lists rejected mail under the mailbox with a Retry that puts it on a ticket', async () => {
    const org = await signupOrg(stack.url);
    const mailbox = await createMailbox(org, { name: 'Capped', address: uniqueAddress('capped'), inboundMode: 'smtp', acknowledge: false });
    const from = 'robin@customer.example';
    await send(stack.smtpPort, {
      from, to: mailbox.address, subject: 'With a pixel', text: 'see HTML',
      html: '<p>Hello</p><img src="https://tracker.example/open.gif?u=7" width="1" height="1">',
    });
    await send(stack.smtpPort, { from, to: mailbox.address, subject: 'Over the cap', text: 'held for an admin' });
    const ticket = await eventually(async () => (await tickets(org.api)).find((candidate) => candidate.subject === 'With a pixel'), 'the email ticket');
    const page = await logIn(org);

    await page.goto(`${stack.url}/tickets/${ticket.number}`);
    const email = page.getByTestId('ticket-email').first();
    await email.waitFor();
    expect(await email.getByTestId('email-html').getAttribute('srcdoc')).not.toMatch(/\ssrc="https:/);
    await email.getByTestId('show-remote-images').click();
    await expect.poll(() => email.getByTestId('email-html').getAttribute('srcdoc')).toMatch(/\ssrc="https:\/\/tracker\.example\/open\.gif\?u=7"/);

    await page.getByTestId('nav-mailboxes').click();
    await page.getByTestId('mailbox-item').filter({ hasText: mailbox.address }).click();
    const held = page.getByTestId('rejected-mail-item').filter({ hasText: 'Over the cap' });
    await held.waitFor();
    expect(await held.textContent()).toContain('sender rate limit');
    await held.getByTestId('retry-rejected-mail').click();
    await expect.poll(() => page.getByTestId('rejected-mail-item').count()).toBe(0);
    await eventually(async () => (await tickets(org.api)).some((candidate) => candidate.subject === 'Over the cap'), 'the retried message on a ticket');
  });
});
