import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { addMember, ApiClient, newTicket, signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let orgA: Org;
let orgB: Org;
let slugA: string;
let slugB: string;
let refunds: string;
let draft: string;

beforeAll(async () => {
  stack = await startTestStack();
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  orgA = await signupOrg(stack.url);
  orgB = await signupOrg(stack.url);
  slugA = (await owner('organizations').where('id', orgA.orgId).first()).slug;
  slugB = (await owner('organizations').where('id', orgB.orgId).first()).slug;
  refunds = (await orgA.api.post('/kb/articles', { title: 'Getting a refund', body: 'Refunds are paid within five days.', status: 'published' })).body.id;
  draft = (await orgA.api.post('/kb/articles', { title: 'Refund fraud notes', body: 'Internal only.', status: 'draft' })).body.id;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
});

/** A help-centre reader: a browser that keeps the reader cookie the help centre gives it. */
class Reader {
  cookie = '';
  async open(path: string, init: RequestInit = {}): Promise<Response> {
    const response = await fetch(`${stack.url}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), ...(this.cookie && { cookie: this.cookie }) } });
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    return response;
  }
  read(slug: string, id: string) { return this.open(`/help/${slug}/articles/${id}`); }
  vote(slug: string, id: string, body: unknown) {
    return this.open(`/api/v1/help/${slug}/articles/${id}/feedback`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  }
}

const figuresOf = async (org: Org, articleId: string) => (await org.api.get('/kb/report')).body.articles.find((row: { articleId: string }) => row.articleId === articleId);

/** A ticket opened by that email, as any channel opens one. */
async function ticketFrom(email: string): Promise<void> {
  const created = await orgA.api.post('/tickets', newTicket({ requester: { email } }));
  expect(created.status).toBe(201);
}

describe('was this helpful?', () => {
  it('counts help-centre views and takes a vote from the page form, without JavaScript', async () => {
    const reader = new Reader();
    const page = await reader.read(slugA, refunds);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Was this article helpful?');
    expect(html).toContain(`action="/help/${slugA}/articles/${refunds}/feedback"`);
    expect(reader.cookie).toMatch(/^keel_reader=[0-9a-f-]{36}$/);

    const sent = await reader.open(`/help/${slugA}/articles/${refunds}/feedback`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ helpful: 'yes', comment: 'Clear, thanks', locale: 'en' }).toString(),
    });
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe(`/help/${slugA}/articles/${refunds}?feedback=thanks#feedback`);
    expect(await (await reader.open(`/help/${slugA}/articles/${refunds}?feedback=thanks`)).text()).toContain('Thank you for your feedback.');

    const figures = await figuresOf(orgA, refunds);
    expect(figures).toMatchObject({ title: 'Getting a refund', views: 2, helpful: 1, notHelpful: 0, helpfulRatio: 1 });
    const comments = await orgA.api.get(`/kb/articles/${refunds}/feedback`);
    expect(comments.body.data.map((row: { comment: string }) => row.comment)).toContain('Clear, thanks');
  });

  it('keeps one vote per reader, refuses bad input, and only scores the org’s published articles', async () => {
    const reader = new Reader();
    await reader.read(slugA, refunds);
    expect((await reader.vote(slugA, refunds, { helpful: false, comment: 'Too short' })).status).toBe(201);
    expect((await reader.vote(slugA, refunds, { helpful: false, comment: 'Still too short' })).status).toBe(201);
    const before = await figuresOf(orgA, refunds);
    expect(before).toMatchObject({ helpful: 1, notHelpful: 1, helpfulRatio: 0.5 });

    expect((await reader.vote(slugA, refunds, { helpful: 'maybe' })).status).toBe(400);
    expect((await reader.vote(slugA, refunds, { helpful: true, email: 'not an email' })).status).toBe(400);
    expect((await reader.vote(slugA, draft, { helpful: true })).status).toBe(404);
    // Org B's help centre cannot reach org A's article, and an unknown org has no help centre.
    expect((await reader.vote(slugB, refunds, { helpful: true })).status).toBe(404);
    expect((await reader.vote(`nope-${randomUUID()}`, refunds, { helpful: true })).status).toBe(404);
    expect((await reader.open(`/help/${slugB}/articles/${refunds}/feedback`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'helpful=yes' })).status).toBe(404);
    expect(await figuresOf(orgA, refunds)).toMatchObject({ helpful: 1, notHelpful: 1 });
    expect((await orgA.api.get(`/kb/articles/${refunds}/feedback`)).body.data.map((row: { comment: string }) => row.comment)).toEqual(['Still too short', 'Clear, thanks']);
  });
});

describe('resolution: did the reader open a ticket within 72 h?', () => {
  it('counts a view against the article when its known reader opens a ticket, for it when 72 h pass without one', async () => {
    const article = (await orgA.api.post('/kb/articles', { title: 'Changing your plan', body: 'Plans change at the next invoice.', status: 'published' })).body.id;
    const stuck = new Reader();
    await stuck.read(slugA, article);
    // The reader names an email on the vote: their earlier view now carries it.
    expect((await stuck.vote(slugA, article, { helpful: false, email: 'Stuck@Example.com' })).status).toBe(201);
    await ticketFrom('stuck@example.com');

    const helped = new Reader();
    await helped.read(slugA, article);
    await helped.vote(slugA, article, { helpful: true, email: 'helped@example.com' });
    // A view recorded after the reader's email is known carries it too.
    await helped.read(slugA, article);
    const waiting = new Reader();
    await waiting.read(slugA, article);
    await waiting.vote(slugA, article, { helpful: true, email: 'waiting@example.com' });
    const anonymous = new Reader();
    await anonymous.read(slugA, article);

    // Three days pass for the reader it helped (their view is moved back, as time would).
    await owner('kb_views').where({ org_id: orgA.orgId, article_id: article }).whereRaw('reader_email = ?', ['helped@example.com'])
      .update({ viewed_at: owner.raw(`now() - interval '73 hours'`) });
    await ticketFrom('someone-else@example.com');

    const figures = await figuresOf(orgA, article);
    expect(figures).toMatchObject({ views: 5, settledViews: 3, followedByTicket: 1, pendingViews: 1 });
    expect(figures.resolutionRate).toBeCloseTo(2 / 3);
  });
});

describe('suggested articles for a ticket', () => {
  it('finds the org’s published and internal articles from the ticket’s words, with the link to send', async () => {
    const internal = (await orgA.api.post('/kb/articles', { title: 'Refund approval limits', body: 'Agents approve refunds up to 100 EUR.', status: 'internal' })).body.id;
    const ticket = await orgA.api.post('/tickets', newTicket({ subject: 'Where is my refund?', description: 'I returned the parcel two weeks ago.' }));
    const suggested = await orgA.api.get(`/tickets/${ticket.body.number}/kb-suggestions`);
    expect(suggested.status).toBe(200);
    const byId = new Map(suggested.body.data.map((hit: { id: string }) => [hit.id, hit]));
    expect(byId.get(refunds)).toMatchObject({ title: 'Getting a refund', url: expect.stringMatching(new RegExp(`^https?://.+/help/${slugA}/articles/${refunds}-getting-a-refund$`)) });
    expect(byId.get(internal)).toMatchObject({ status: 'internal', url: null });
    expect(byId.has(draft)).toBe(false);

    // Words no article holds suggest nothing, and are not queued as a missing article: nobody searched.
    const unmatched = await orgA.api.post('/tickets', newTicket({ subject: 'xyzzy plugh', description: 'frobnicate' }));
    expect((await orgA.api.get(`/tickets/${unmatched.body.number}/kb-suggestions`)).body.data).toEqual([]);

    // Org B's ticket about refunds is never answered with org A's articles, nor can it read A's tickets.
    const ticketB = await orgB.api.post('/tickets', newTicket({ subject: 'Where is my refund?' }));
    expect((await orgB.api.get(`/tickets/${ticketB.body.number}/kb-suggestions`)).body.data).toEqual([]);
    expect((await orgB.api.get(`/tickets/${unmatched.body.number}/kb-suggestions`)).status).toBe(404);
    expect((await orgA.api.get('/tickets/999999/kb-suggestions')).status).toBe(404);
    expect((await orgA.api.get('/tickets/x/kb-suggestions')).status).toBe(400);
    const technician = await addMember(orgA, 'technician');
    expect((await technician.api.get(`/tickets/${ticket.body.number}/kb-suggestions`)).status).toBe(403);
  });
});

describe('the knowledge-base report', () => {
  it('queues the searches that found nothing, the same words together, most asked first', async () => {
    for (const q of ['teleport my parcel', 'Teleport  my parcel', 'teleport my parcel', 'moon delivery']) {
      expect((await fetch(`${stack.url}/api/v1/help/${slugA}/search?q=${encodeURIComponent(q)}`)).status).toBe(200);
    }
    await fetch(`${stack.url}/api/v1/help/${slugA}/search?q=refund`);
    const report = await orgA.api.get('/kb/report');
    expect(report.status).toBe(200);
    expect(report.body.resolutionWindowHours).toBe(72);
    expect(report.body.missing.map((row: { query: string; searches: number }) => [row.query.toLowerCase().replace(/\s+/g, ' '), row.searches]))
      .toEqual([['teleport my parcel', 3], ['moon delivery', 1]]);
  });

  it('shows an org only its own articles and searches, and only to staff', async () => {
    await fetch(`${stack.url}/api/v1/help/${slugB}/search?q=${encodeURIComponent('b only question')}`);
    const reportB = await orgB.api.get('/kb/report');
    expect(reportB.status).toBe(200);
    expect(reportB.body.articles).toEqual([]);
    expect(reportB.body.missing.map((row: { query: string }) => row.query)).toEqual(['b only question']);
    expect((await orgB.api.get(`/kb/articles/${refunds}/feedback`)).body.data).toEqual([]);

    for (const role of ['customer', 'technician']) {
      const member = await addMember(orgA, role);
      expect((await member.api.get('/kb/report')).status).toBe(403);
      expect((await member.api.get(`/kb/articles/${refunds}/feedback`)).status).toBe(403);
    }
    expect((await new ApiClient(stack.url).get('/kb/report')).status).toBe(401);
    expect((await orgA.api.get('/kb/report?from=2026-05-01&to=2026-04-01')).status).toBe(400);
    expect((await orgA.api.get('/kb/report?from=yesterday')).status).toBe(400);
  });
});
