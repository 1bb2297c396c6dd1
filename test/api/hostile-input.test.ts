import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, newTicket, type ApiResponse, type Org } from '../helpers/api-client';
import { startOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
let ticketNumber: number;
beforeAll(async () => {
  ({ stack, org } = await startOrgStack());
  ticketNumber = (await org.api.post('/tickets', newTicket())).body.number;
});
afterAll(async () => { await stack?.stop(); });

/** Valid bodies of the main create routes: every string leaf of each is then made hostile. */
const CREATES: [path: string, body: () => Record<string, unknown>][] = [
  ['/tickets', () => newTicket({ tags: ['billing'], fields: { plan: 'pro' } })],
  ['/teams', () => ({ name: `Tier ${randomUUID().slice(0, 6)}` })],
  ['/views', () => ({ name: 'Urgent', filters: { priority: 'urgent', q: 'printer' } })],
  ['/calendars', () => ({ name: 'Paris', timeZone: 'Europe/Paris', week: { mon: [{ start: '09:00', end: '17:00' }] } })],
  ['/sla-policies', () => ({ name: 'Standard', warnAt: 0.5, conditions: { tags: ['vip'] }, targets: { normal: { first_response: 600 } } })],
  ['/assets', () => ({ name: 'Boiler', model: 'B-1', serial: 'SN1', site: { lat: 52.3, lng: 4.9 } })],
  ['/inventory/items', () => ({ sku: `SKU-${randomUUID().slice(0, 6)}`, name: 'Air filter' })],
  ['/inventory/locations', () => ({ name: `Van ${randomUUID().slice(0, 6)}`, kind: 'van' })],
  ['/rules', () => ({ name: 'Refunds', events: ['ticket.created'], conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'refund' }] }, actions: [{ type: 'add_tags', tags: ['billing'] }] })],
  ['/users', () => ({ email: `agent-${randomUUID()}@example.com`, name: 'An Agent', role: 'agent', password: PASSWORD })],
  ['/work-orders', () => ({ title: 'Quarterly service', description: 'Filters', checklist: ['Replace filter'] })],
  ['/tickets/{ticket}/replies', () => ({ body: 'We are on it', visibility: 'internal' })],
  ['/auth/signup', () => ({ organization: 'Acme', name: 'Owner', email: `owner-${randomUUID()}@example.com`, password: PASSWORD })],
];

/** Every string leaf of a JSON value, as a path. */
function stringLeaves(value: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

function withLeaf(body: Record<string, unknown>, path: (string | number)[], replace: (text: string) => string): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string | number, unknown> = copy;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  node[last] = replace(node[last] as string);
  return copy;
}

const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');
/** Written as text: JSON.stringify itself recurses once per level. */
const nested = (depth: number): string => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const deepConditions = (depth: number): unknown => {
  let node: unknown = { fact: 'ticket.subject', operator: 'contains', value: 'x' };
  for (let i = 0; i < depth; i += 1) node = { all: [node] };
  return node;
};

function expectProblem(response: ApiResponse, what: string): void {
  expect(response.status, `${what}: ${JSON.stringify(response.body)?.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, `${what}: ${JSON.stringify(response.body)?.slice(0, 300)}`).toBeLessThan(500);
  expect(response.headers.get('content-type'), what).toContain('application/problem+json');
  expect(response.body, what).toMatchObject({ type: expect.any(String), title: expect.any(String), status: response.status });
}

async function stillAnswers(): Promise<void> {
  const queue = await org.api.get('/tickets?limit=1');
  expect(queue.status).toBe(200);
  const reply = await org.api.post(`/tickets/${ticketNumber}/replies`, { body: 'Still here', visibility: 'internal' });
  expect(reply.status).toBe(200);
}

describe('hostile input is answered with a problem, never a 500 or silence', () => {
  it.each(CREATES)('NUL and lone surrogates in every string field of POST %s are 400s pointing at the field', async (template, body) => {
    const path = template.replace('{ticket}', String(ticketNumber));
    for (const leaf of stringLeaves(body())) {
      for (const bad of ['\u0000', '\ud83d']) {
        const response = await org.api.post(path, withLeaf(body(), leaf, (text) => `${text}${bad}`));
        expectProblem(response, `${path} ${leaf.join('/')}`);
        expect(response.status).toBe(400);
        expect(response.body.errors.map((error: { pointer: string }) => error.pointer)).toEqual([`/${leaf.join('/')}`]);
      }
    }
    await stillAnswers();
  });

  const PROBES: [what: string, send: () => Promise<ApiResponse>, status?: number][] = [
    ['a negative limit', () => org.api.get('/tickets?limit=-1'), 400],
    ['a huge limit', () => org.api.get('/tickets?limit=99999999999999999999999'), 400],
    ['a repeated query parameter', () => org.api.get('/tickets?q=a&q=b'), 400],
    ['a garbage cursor', () => org.api.get('/tickets?cursor=%%%not-base64'), 400],
    ['a cursor with a malformed timestamp', () => org.api.get(`/tickets?cursor=${cursor({ u: 'yesterday-ish', n: 1 })}`), 400],
    ['a cursor with a number past 2^31', () => org.api.get(`/tickets?cursor=${cursor({ u: new Date().toISOString(), n: 2 ** 40 })}`), 400],
    ['a cursor holding NUL', () => org.api.get(`/users?cursor=${cursor({ e: 'a\u0000b' })}`), 400],
    ['an asset cursor with a bad uuid', () => org.api.get(`/assets?cursor=${cursor({ n: 'a', i: 'not-a-uuid' })}`), 400],
    ['a timeline cursor past 2^31', () => org.api.get(`/tickets/${ticketNumber}/timeline?cursor=${cursor({ s: 2 ** 33, p: 0 })}`), 400],
    ['a work-order cursor past 2^31', () => org.api.get(`/work-orders?cursor=${cursor({ n: 2 ** 33 })}`), 400],
    ['a ticket number past 2^31', () => org.api.get('/tickets/99999999999'), 400],
    ['a negative ticket number', () => org.api.get('/tickets/-1'), 400],
    ['a ticket number that is not one', () => org.api.get('/tickets/abc'), 400],
    ['a work-order filter past 2^31', () => org.api.get('/work-orders?ticketNumber=3000000000'), 400],
    ['a bad uuid in a path', () => org.api.get('/assets/not-a-uuid'), 400],
    ['a bad uuid in a rules path', () => org.api.get('/rules/1%27%20OR%201=1'), 400],
    ['a malformed escape in a path param', () => org.api.get('/assets/%E0%A4%A'), 400],
    ['an SLA position past 2^31', () => org.api.post('/sla-policies', { name: 'Big', position: 2 ** 31, targets: { normal: { first_response: 60 } } }), 400],
    ['an SLA position past 2^53', () => org.api.post('/sla-policies', { name: 'Big', position: 2 ** 60, targets: { normal: { first_response: 60 } } }), 400],
    ['a rule test on a ticket number past 2^31', () => org.api.post('/rules/test', { ticketNumber: 2 ** 31, definition: {} }), 400],
    ['a number JSON reads as Infinity', () => org.api.post('/sla-policies', '{"name":"Inf","position":1e400,"targets":{"normal":{"first_response":60}}}'), 400],
    ['rule conditions nested 2,000 deep', () => org.api.post('/rules', { name: 'Deep', events: ['ticket.created'], conditions: deepConditions(2000), actions: [{ type: 'add_tags', tags: ['x'] }] })],
    ['rule conditions nested 2,000 deep to validate', () => org.api.post('/rules/validate', { definition: { name: 'Deep', events: ['ticket.created'], conditions: deepConditions(2000), actions: [] } })],
    ['rule conditions nested 20 deep', () => org.api.post('/rules', { name: 'Deep', events: ['ticket.created'], conditions: deepConditions(20), actions: [{ type: 'add_tags', tags: ['x'] }] }), 422],
    ['JSON nested 100,000 deep', () => org.api.post('/tickets', `{"subject":"a","description":"b","requester":{"email":"a@example.com"},"fields":{"deep":${nested(100_000)}}}`), 400],
    ['invalid JSON', () => org.api.post('/tickets', '{"subject": "unterminated'), 400],
    ['a JSON array body', () => org.api.post('/tickets', '[1,2,3]'), 400],
    ['a JSON null body', () => org.api.post('/tickets', 'null'), 400],
    ['a text/plain body', () => org.api.request('POST', '/tickets', JSON.stringify(newTicket()), { 'content-type': 'text/plain' }), 400],
    ['a form body', () => org.api.request('POST', '/tickets', 'subject=a&description=b', { 'content-type': 'application/x-www-form-urlencoded' }), 400],
    ['a 2 MB body', () => org.api.post('/tickets', newTicket({ description: 'x'.repeat(2 * 1024 * 1024) })), 413],
    ['an over-long Idempotency-Key', () => org.api.post('/tickets', newTicket(), { 'Idempotency-Key': 'k'.repeat(500) }), 400],
    ['a garbage bearer token', () => org.api.as('garbage.token.here').get('/tickets'), 401],
    ['a wrong method', () => org.api.request('PUT', '/tickets'), 405],
    ['an unknown route', () => org.api.get('/no-such-thing'), 404],
  ];

  it.each(PROBES)('%s', async (what, send, status) => {
    const response = await send();
    expectProblem(response, what);
    if (status !== undefined) expect(response.status, what).toBe(status);
    await stillAnswers();
  });

  it('an unknown method is a 501 problem (the one 5xx: the server, not the request, lacks it)', async () => {
    const response = await org.api.request('PROPFIND', '/tickets');
    expect(response.status).toBe(501);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({ type: expect.stringMatching(/not-implemented$/), status: 501 });
    await stillAnswers();
  });

  it('a 405 names the allowed methods; OPTIONS is a bodiless 204 with Allow', async () => {
    const wrong = await org.api.request('PUT', '/tickets');
    expect(wrong.headers.get('allow')).toMatch(/GET/);
    expect(wrong.headers.get('allow')).toMatch(/POST/);
    const options = await org.api.request('OPTIONS', '/tickets');
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toMatch(/GET/);
    expect(options.body).toBeNull();
  });
});
