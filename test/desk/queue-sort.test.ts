import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newTicket, signupOrg, type ApiResponse, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
const opened: { number: number; priority: string }[] = [];

beforeAll(async () => {
  stack = await startTestStack();
  org = await signupOrg(stack.url);
  for (const priority of ['normal', 'urgent', 'low', 'high', 'urgent', 'normal', 'low']) {
    opened.push({ number: (await org.api.post('/tickets', newTicket({ priority }))).body.number, priority });
  }
});
afterAll(async () => { await stack?.stop(); });

/** Every page of the queue in one order, following its cursors. */
async function everyPage(sort: string, limit: number): Promise<{ number: number; priority: string }[]> {
  const seen: { number: number; priority: string }[] = [];
  let cursor: string | null = null;
  do {
    const response: ApiResponse = await org.api.get(`/tickets?sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    seen.push(...response.body.data);
    cursor = response.body.nextCursor;
  } while (cursor);
  return seen;
}

const RANK: Record<string, number> = { low: 1, normal: 2, high: 3, urgent: 4 };

describe('the queue\'s order', () => {
  it('sorts by priority either way, ties by number, and pages through every ticket once', async () => {
    const urgentFirst = await everyPage('-priority', 3);
    expect(urgentFirst.map((t) => t.number)).toEqual(
      [...opened].sort((a, b) => RANK[b.priority]! - RANK[a.priority]! || b.number - a.number).map((t) => t.number),
    );
    const lowFirst = await everyPage('priority', 2);
    expect(lowFirst.map((t) => t.number)).toEqual(
      [...opened].sort((a, b) => RANK[a.priority]! - RANK[b.priority]! || a.number - b.number).map((t) => t.number),
    );
  });

  it('sorts by number and by creation, and defaults to the most recently updated first', async () => {
    const numbers = opened.map((t) => t.number);
    expect((await everyPage('number', 4)).map((t) => t.number)).toEqual([...numbers].sort((a, b) => a - b));
    expect((await everyPage('-created', 4)).map((t) => t.number)).toEqual([...numbers].sort((a, b) => b - a));
    // Touching the oldest ticket brings it to the top of the default order.
    const oldest = Math.min(...numbers);
    await org.api.patch(`/tickets/${oldest}`, { tags: ['touched'] });
    expect((await org.api.get('/tickets')).body.data[0].number).toBe(oldest);
  });

  it('refuses an unknown order and a cursor of another order', async () => {
    const unknown = await org.api.get('/tickets?sort=subject');
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].pointer).toBe('/sort');
    const cursor = (await org.api.get('/tickets?sort=-priority&limit=1')).body.nextCursor as string;
    const mixed = await org.api.get(`/tickets?sort=number&limit=1&cursor=${cursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.body.errors[0]).toEqual({ pointer: '/cursor', message: 'This cursor is for another sort.' });
  });
});
