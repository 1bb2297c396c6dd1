import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { WorkflowFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../../db/tenant';
import { mailboxWorkflowId } from '../../workflows/mailbox';
import { newTicket, signupOrg, type Org } from '../helpers/api-client';
import { createMailbox, eventually, send, startEmailStack, tickets, timeline, uniqueAddress, type EmailStack } from './helpers';

/** A TCP service that greets with a banner nobody outside should learn; it counts connections. */
async function bannerService(): Promise<{ port: number; connections: () => number; server: Server }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections++;
    socket.end('220 internal-redis-7.2 secret-banner ready\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections, server };
}

/** A webhook receiver on loopback that counts what reaches it. */
async function hookReceiver(): Promise<{ url: string; hits: () => number; server: HttpServer }> {
  let hits = 0;
  const server = createHttpServer((req, res) => { hits++; req.resume(); res.writeHead(200).end(); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits: () => hits, server };
}

// This stack runs as production does: private networks refused.
let stack: EmailStack;
let org: Org;
let banner: Awaited<ReturnType<typeof bannerService>>;
let hook: Awaited<ReturnType<typeof hookReceiver>>;

beforeAll(async () => {
  banner = await bannerService();
  hook = await hookReceiver();
  stack = await startEmailStack({ allowPrivateNetworks: false });
  org = await signupOrg(stack.url);
});

afterAll(async () => {
  await stack?.stop();
  for (const server of [banner?.server, hook?.server]) await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
});

describe('outbound connections with private networks refused', () => {
  it('the mailbox test message refuses a loopback relay in any spelling, connecting nowhere and echoing nothing', async () => {
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '::ffff:127.0.0.1', 'localhost']) {
      const mailbox = await createMailbox(org, { name: 'Probe', address: uniqueAddress('probe'), inboundMode: 'smtp', smtp: { host, port: banner.port, tls: 'none', username: null } });
      const answer = await org.api.post(`/mailboxes/${mailbox.id}/test`, { to: 'someone@example.net' });
      expect(answer.status, host).toBe(422);
      expect(answer.headers.get('content-type')).toContain('application/problem+json');
      expect(answer.body.type).toContain('outbound-address-refused');
      expect(JSON.stringify(answer.body)).not.toMatch(/secret-banner|redis/);
    }
    expect(banner.connections()).toBe(0);
  });

  it('a rule webhook to 127.0.0.1 is refused for good: recorded as refused, never delivered', async () => {
    const rule = await org.api.post('/rules', {
      name: 'Hook to loopback', events: ['ticket.created'], conditions: { all: [] },
      actions: [{ type: 'webhook', url: hook.url, method: 'POST' }],
    });
    expect(rule.status).toBe(201);
    await org.api.post('/tickets', newTicket({ subject: 'SSRF probe' }));
    const [delivery] = await eventually(async () => {
      const rows = await withTenant(stack.db, { orgId: org.orgId }, (trx) => trx('webhook_deliveries').where({ org_id: org.orgId }).select('*'));
      return rows.length > 0 && rows;
    }, 'the webhook delivery record');
    expect(delivery).toMatchObject({ url: hook.url, response_status: null, delivered_at: null, attempts: 1 });
    expect(delivery.error).toMatch(/^refused: /);
    expect(hook.hits()).toBe(0);
  });

  it('a reply through a mailbox whose relay is on loopback fails for good, without connecting', async () => {
    const mailbox = await createMailbox(org, {
      name: 'Loopback relay', address: uniqueAddress('relay'), inboundMode: 'smtp', acknowledge: false,
      smtp: { host: 'localhost', port: banner.port, tls: 'none', username: null },
    });
    const subject = `Relay ${randomUUID().slice(0, 6)}`;
    await send(stack.smtpPort, { from: `customer-${randomUUID().slice(0, 8)}@customer.example`, to: mailbox.address, subject, text: 'hello' });
    const ticket = await eventually(async () => (await tickets(org.api)).find((candidate) => candidate.subject === subject), 'the ticket');
    expect((await org.api.post(`/tickets/${ticket.number}/replies`, { body: 'Never sent.', visibility: 'public' })).status).toBe(200);
    const delivery = await eventually(async () => (await timeline(org.api, ticket.number)).find((event) => event.type === 'email_delivery'), 'the failed delivery');
    expect(delivery.data).toMatchObject({ kind: 'reply', state: 'failed', detail: expect.stringMatching(/^refused: /) });
    expect(banner.connections()).toBe(0);
  });

  it('IMAP polling of a loopback server fails for good without connecting', async () => {
    const mailbox = await createMailbox(org, {
      name: 'Poll me', address: uniqueAddress('poll'), inboundMode: 'imap',
      imap: { host: '127.0.0.1', port: banner.port, tls: 'none', username: 'u', password: 'p' },
    });
    const result = stack.temporal.workflow.getHandle(mailboxWorkflowId(org.orgId, mailbox.id)).result();
    await expect(result).rejects.toBeInstanceOf(WorkflowFailedError);
    await expect(result).rejects.toMatchObject({ cause: { cause: { type: 'OutboundRefused' } } });
    expect(banner.connections()).toBe(0);
  });
});
