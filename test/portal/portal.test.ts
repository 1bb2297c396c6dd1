import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { accountMailSink } from '../helpers/account-mail';
import { addMember, type Member, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import { PortalBrowser, mailedToken, signedInToPortal } from '../helpers/portal-browser';
import { signupPortalOrg } from '../helpers/portal-org';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let app: Db;
let orgA: Org & { slug: string };
let orgB: Org & { slug: string };
let agent: Member;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connectAsApp({ min: 0, max: 2 });
  orgA = await signupPortalOrg(stack.url, owner);
  orgB = await signupPortalOrg(stack.url, owner);
  agent = await addMember(orgA, 'agent');
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
  await app?.destroy();
});

/** A customer's browser on this stack. */
class Browser extends PortalBrowser {
  constructor() { super(stack.url); }
}

const signedIn = (org: { slug: string }, email?: string) => signedInToPortal(stack.url, org.slug, email);

describe('magic-link sign-in', () => {
  it('a link signs in once; used again it is refused, and the session names the contact', async () => {
    const email = `once-${randomUUID().slice(0, 8)}@example.com`;
    const browser = new Browser();
    expect((await browser.request('GET', `/portal/${orgA.slug}/me`)).status).toBe(401);
    await browser.request('POST', `/portal/${orgA.slug}/sign-in-links`, { email });
    const token = await mailedToken(email);
    const first = await browser.request('POST', `/portal/${orgA.slug}/sessions`, { token });
    expect(first.status).toBe(200);
    expect(first.headers.get('set-cookie')).toMatch(/keel_portal=[^;]+; Path=\/; Max-Age=\d+; HttpOnly; SameSite=Lax/);
    expect((await browser.request('GET', `/portal/${orgA.slug}/me`)).body).toEqual({ email, name: null });

    const again = await new Browser().request('POST', `/portal/${orgA.slug}/sessions`, { token });
    expect(again.status).toBe(410);
    expect(again.body.type).toMatch(/sign-in-link-unusable$/);
    // Only the hash is stored.
    expect(await owner('portal_magic_links').where('token_hash', token).first()).toBeUndefined();
  });

  it('an expired link is refused', async () => {
    const email = `late-${randomUUID().slice(0, 8)}@example.com`;
    const browser = new Browser();
    await browser.request('POST', `/portal/${orgA.slug}/sign-in-links`, { email });
    const token = await mailedToken(email);
    await owner('portal_magic_links').where({ org_id: orgA.orgId, email }).update({ expires_at: owner.raw(`now() - interval '1 second'`) });
    expect((await browser.request('POST', `/portal/${orgA.slug}/sessions`, { token })).status).toBe(410);
    expect((await browser.request('GET', `/portal/${orgA.slug}/me`)).status).toBe(401);
  });

  it('a link of one org does not sign in to another, and asking too often is refused', async () => {
    const email = `limit-${randomUUID().slice(0, 8)}@example.com`;
    const browser = new Browser();
    await browser.request('POST', `/portal/${orgA.slug}/sign-in-links`, { email });
    const token = await mailedToken(email);
    expect((await browser.request('POST', `/portal/${orgB.slug}/sessions`, { token })).status).toBe(410);
    const asks = [];
    for (let i = 0; i < 5; i++) asks.push((await browser.request('POST', `/portal/${orgA.slug}/sign-in-links`, { email })).status);
    expect(asks).toEqual([202, 202, 202, 202, 429]);
    expect((await browser.request('POST', `/portal/${orgA.slug}/sign-in-links`, { email: 'not an address' })).status).toBe(400);
    expect((await browser.request('POST', `/portal/no-such-org-${randomUUID()}/sign-in-links`, { email })).status).toBe(404);
  });
});

describe('requests', () => {
  it('a help-centre reader who signs in and opens a request counts against the article read (72 h resolution)', async () => {
    const article = (await orgA.api.post('/kb/articles', { title: 'Resetting the router', body: 'Hold the reset button for ten seconds.', status: 'published' })).body.id as string;
    const reader = new Browser();
    const page = await fetch(`${stack.url}/help/${orgA.slug}/articles/${article}`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    reader.cookie = page.headers.get('set-cookie')!.split(';')[0]!;
    expect(reader.cookie).toMatch(/^keel_reader=/);

    const email = `reader-${randomUUID().slice(0, 8)}@example.com`;
    const mark = (await accountMailSink()).messages.length;
    expect((await reader.request('POST', `/portal/${orgA.slug}/sign-in-links`, { email })).status).toBe(202);
    expect((await reader.request('POST', `/portal/${orgA.slug}/sessions`, { token: await mailedToken(email, mark) })).status).toBe(200);
    expect((await reader.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Router still down', description: 'The reset did not help.' })).status).toBe(201);

    const report = (await orgA.api.get('/kb/report')).body.articles.find((row: { articleId: string }) => row.articleId === article);
    expect(report).toMatchObject({ views: 1, followedByTicket: 1 });
  });

  it('a request from the form opens a web ticket for the contact, with its attachment stored', async () => {
    const casey = await signedIn(orgA);
    const submitted = await casey.request('POST', `/portal/${orgA.slug}/requests`, {
      subject: 'Invoice missing', description: 'I cannot find my March invoice.',
      attachments: [
        { filename: 'screenshot.png', contentType: 'image/png', content: Buffer.from('png bytes').toString('base64') },
        { filename: 'run.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ').toString('base64') },
      ],
    });
    expect(submitted.status).toBe(201);
    const { number } = submitted.body;
    const ticket = await agent.api.get(`/tickets/${number}`);
    expect(ticket.body).toMatchObject({ subject: 'Invoice missing', channel: 'web', requester: { email: casey.email } });
    const emails = await agent.api.get(`/tickets/${number}/emails`);
    expect(emails.body.data[0].attachments.map((file: { filename: string; stored: boolean; refused: string | null }) => [file.filename, file.stored, file.refused]))
      .toEqual(expect.arrayContaining([['screenshot.png', true, null], ['run.exe', false, 'blocked file type']]));
    const stored = emails.body.data[0].attachments.find((file: { filename: string }) => file.filename === 'screenshot.png');
    const download = await fetch(`${stack.url}/api/v1/tickets/${number}/attachments/${stored.id}`, { headers: { authorization: `Bearer ${agent.api.token}` } });
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('png bytes');

    const list = await casey.request('GET', `/portal/${orgA.slug}/requests`);
    expect(list.body.data.map((request: { number: number }) => request.number)).toEqual([number]);
    expect((await new Browser().request('POST', `/portal/${orgA.slug}/requests`, { subject: 'x', description: 'y' })).status).toBe(401);
    expect((await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: '', description: 'y' })).status).toBe(400);
  });

  it("a contact sees neither another contact's nor another org's tickets", async () => {
    const casey = await signedIn(orgA);
    const mine = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Mine', description: 'private' })).body.number;
    const other = await signedIn(orgA);
    expect((await other.request('GET', `/portal/${orgA.slug}/requests`)).body.data).toEqual([]);
    expect((await other.request('GET', `/portal/${orgA.slug}/requests/${mine}`)).status).toBe(404);
    expect((await other.request('POST', `/portal/${orgA.slug}/requests/${mine}/replies`, { body: 'hijack' })).status).toBe(404);
    // A ticket the agent opened for someone else by email is not the contact's either.
    const staffTicket = (await agent.api.post('/tickets', { subject: 'Other', description: 'theirs', requester: { email: `x-${randomUUID()}@example.com` } })).body.number;
    expect((await casey.request('GET', `/portal/${orgA.slug}/requests/${staffTicket}`)).status).toBe(404);
    // The org A session is nothing in org B's portal, even for the same address.
    const inB = Object.assign(new Browser(), { cookie: casey.cookie });
    expect((await inB.request('GET', `/portal/${orgB.slug}/requests`)).status).toBe(401);
    expect((await inB.request('GET', `/portal/${orgB.slug}/requests/${mine}`)).status).toBe(401);
  });

  it('shows the public conversation only, never internal notes, and a portal reply lands on the ticket', async () => {
    const casey = await signedIn(orgA);
    const number = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'VPN down', description: 'The VPN drops every minute.' })).body.number;
    expect((await agent.api.post(`/tickets/${number}/replies`, { body: 'INTERNAL: customer is on the legacy plan', visibility: 'internal' })).status).toBe(200);
    expect((await agent.api.post(`/tickets/${number}/replies`, { body: 'Please try the new client.', visibility: 'public' })).status).toBe(200);

    const detail = await casey.request('GET', `/portal/${orgA.slug}/requests/${number}`);
    expect(detail.body.messages.map((message: { from: string; body: string }) => [message.from, message.body])).toEqual([
      ['customer', 'The VPN drops every minute.'], ['support', 'Please try the new client.'],
    ]);
    expect(JSON.stringify(detail.body)).not.toContain('INTERNAL');

    const replied = await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/replies`, { body: 'The new client works, thanks.' });
    expect(replied.status).toBe(202);
    const timeline = await eventually(() => agent.api.get(`/tickets/${number}/timeline`),
      (response) => response.body.data.some((event: { type: string }) => event.type === 'customer_replied'));
    expect(timeline.body.data.find((event: { type: string }) => event.type === 'customer_replied').data.body).toBe('The new client works, thanks.');
    const after = await casey.request('GET', `/portal/${orgA.slug}/requests/${number}`);
    expect(after.body.messages.at(-1)).toMatchObject({ from: 'customer', body: 'The new client works, thanks.' });
  });
});

describe('a contact marks a request solved', () => {
  it('solves the ticket through its workflow, which a reply reopens; not another contact\'s, not a closed one', async () => {
    const casey = await signedIn(orgA);
    const number = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Mouse stuck', description: 'Cursor frozen.' })).body.number;
    expect(await (await fetch(`${stack.url}/portal/${orgA.slug}/requests/${number}`, { headers: { cookie: casey.cookie! } })).text()).toContain('My request is solved');
    const solved = await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/solve`);
    expect(solved.status).toBe(200);
    expect(solved.body).toEqual({ number, status: 'solved' });
    expect((await agent.api.get(`/tickets/${number}`)).body.status).toBe('solved');
    const timeline = (await agent.api.get(`/tickets/${number}/timeline`)).body.data;
    expect(timeline.filter((event: { type: string }) => event.type === 'status_changed').at(-1).data).toMatchObject({ to: 'solved' });
    // Asked twice, it stays solved without a second change.
    expect((await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/solve`)).status).toBe(200);
    expect((await agent.api.get(`/tickets/${number}/timeline`)).body.data.filter((event: { type: string }) => event.type === 'status_changed').length)
      .toBe(timeline.filter((event: { type: string }) => event.type === 'status_changed').length);
    // The page offers no solve button any more, and says a reply reopens it.
    const html = await (await fetch(`${stack.url}/portal/${orgA.slug}/requests/${number}`, { headers: { cookie: casey.cookie! } })).text();
    expect(html).toContain('Status: Solved (a reply reopens it)');
    expect(html).not.toContain('My request is solved');
    // A reply reopens it.
    await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/replies`, { body: 'It froze again.' });
    await eventually(() => agent.api.get(`/tickets/${number}`), (response) => response.body.status === 'open');

    const other = await signedIn(orgA);
    expect((await other.request('POST', `/portal/${orgA.slug}/requests/${number}/solve`)).status).toBe(404);
    expect((await new Browser().request('POST', `/portal/${orgA.slug}/requests/${number}/solve`)).status).toBe(401);
    await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
    await agent.api.post(`/tickets/${number}/status`, { status: 'closed' });
    expect((await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/solve`)).status).toBe(409);
  });
});

describe('CSAT', () => {
  it('a solved request is rated once: a second submission changes nothing; staff see the rating', async () => {
    const casey = await signedIn(orgA);
    const number = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Reset my password', description: 'Locked out.' })).body.number;
    expect((await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/rating`, { rating: 'good' })).status).toBe(409);
    expect((await casey.request('GET', `/portal/${orgA.slug}/requests/${number}`)).body.ratingLink).toBeNull();
    expect((await agent.api.post(`/tickets/${number}/status`, { status: 'solved' })).status).toBe(200);
    expect((await agent.api.get(`/tickets/${number}/rating`)).status).toBe(404);

    const [first, second] = await Promise.all([
      casey.request('POST', `/portal/${orgA.slug}/requests/${number}/rating`, { rating: 'good', comment: 'Quick and kind' }),
      casey.request('POST', `/portal/${orgA.slug}/requests/${number}/rating`, { rating: 'good', comment: 'Quick and kind' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 201]);
    const changed = await casey.request('POST', `/portal/${orgA.slug}/requests/${number}/rating`, { rating: 'bad', comment: 'changed my mind' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ rating: 'good', comment: 'Quick and kind' });
    expect((await agent.api.get(`/tickets/${number}/rating`)).body).toMatchObject({ rating: 'good', comment: 'Quick and kind' });
    expect(await owner('ticket_ratings').where({ org_id: orgA.orgId, ticket_number: number }).count('* as n')).toEqual([{ n: 1 }]);
    expect((await orgB.api.get(`/tickets/${number}/rating`)).status).toBe(404);
  });

  it('the signed link rates without signing in, for that ticket only', async () => {
    const casey = await signedIn(orgA);
    const number = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Printer jam', description: 'Tray 2.' })).body.number;
    const otherNumber = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Scanner', description: 'Blank pages.' })).body.number;
    await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
    await agent.api.post(`/tickets/${otherNumber}/status`, { status: 'solved' });
    const link: string = (await casey.request('GET', `/portal/${orgA.slug}/requests/${number}`)).body.ratingLink;
    expect(link).toContain(`/portal/${orgA.slug}/requests/${number}/rate#token=`);
    const token = link.split('#token=')[1]!;
    const stranger = new Browser();
    expect((await stranger.request('POST', `/portal/${orgA.slug}/requests/${otherNumber}/rating`, { rating: 'bad', token })).status).toBe(401);
    expect((await stranger.request('POST', `/portal/${orgB.slug}/requests/${number}/rating`, { rating: 'bad', token })).status).toBe(401);
    const rated = await stranger.request('POST', `/portal/${orgA.slug}/requests/${number}/rating`, { rating: 'bad', comment: 'Took a week', token });
    expect(rated.status).toBe(201);
    expect((await casey.request('GET', `/portal/${orgA.slug}/requests/${number}`)).body.rating).toMatchObject({ rating: 'bad', comment: 'Took a week' });
  });
});

describe('portal pages', () => {
  it('render the signed-in contact\'s requests and public conversation; signed out they lead to sign-in', async () => {
    const casey = await signedIn(orgA);
    const number = (await casey.request('POST', `/portal/${orgA.slug}/requests`, { subject: 'Wifi <slow>', description: 'Since Monday.' })).body.number;
    await agent.api.post(`/tickets/${number}/replies`, { body: 'SECRET note for staff', visibility: 'internal' });
    const page = async (path: string, cookie: string | null) => {
      const response = await fetch(`${stack.url}${path}`, { redirect: 'manual', headers: cookie ? { cookie } : {} });
      return { status: response.status, location: response.headers.get('location'), html: await response.text() };
    };
    const list = await page(`/portal/${orgA.slug}/requests`, casey.cookie);
    expect(list.status).toBe(200);
    expect(list.html).toContain(`#${number} Wifi &lt;slow&gt;`);
    const detail = await page(`/portal/${orgA.slug}/requests/${number}`, casey.cookie);
    expect(detail.html).toContain('Since Monday.');
    expect(detail.html).not.toContain('SECRET');
    const form = await page(`/portal/${orgA.slug}/requests/new`, casey.cookie);
    expect(form.html).toContain(`data-search="/api/v1/help/${orgA.slug}/search"`);
    const signedOut = await page(`/portal/${orgA.slug}/requests/${number}`, null);
    expect(signedOut.status).toBe(302);
    expect(signedOut.location).toMatch(new RegExp(`/portal/${orgA.slug}$`));
    expect((await page(`/portal/${orgA.slug}`, null)).html).toContain('Mail me a link');
    const other = await signedIn(orgA);
    expect((await page(`/portal/${orgA.slug}/requests/${number}`, other.cookie)).status).toBe(404);
  });
});

describe('tenancy of the portal tables', () => {
  it('a query that forgets its org filter sees only its own tenant in every portal table', async () => {
    await signedIn(orgA);
    for (const table of ['portal_magic_links', 'portal_sessions', 'ticket_ratings']) {
      const inA = Number((await withTenant(app, { orgId: orgA.orgId }, (trx) => trx(table).count('* as n')))[0]?.n);
      const fromB = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx(table).where('org_id', orgA.orgId).select('*'));
      const bare = Number((await app(table).count('* as n'))[0]?.n);
      expect({ table, inA: inA > 0, fromB, bare }).toEqual({ table, inA: true, fromB: [], bare: 0 });
    }
  });
});
