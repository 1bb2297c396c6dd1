import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, newTicket, signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;

beforeAll(async () => {
  stack = await startTestStack();
  org = await signupOrg(stack.url);
});
afterAll(async () => {
  await stack?.stop();
});

describe('a reply written against an older version', () => {
  it('is refused with 409 and what changed when another agent wrote since; sent again on the current version it goes through', async () => {
    const created = await org.api.post('/tickets', newTicket({ subject: 'collision' }));
    const number = created.body.number;
    const draftedAt = created.body.version;
    expect(draftedAt).toEqual(expect.any(Number));

    const colleague = await addMember(org, 'agent');
    const theirs = await colleague.api.post(`/tickets/${number}/replies`, { body: 'I already answered this one', visibility: 'public' });
    expect(theirs.status).toBe(200);

    const stale = await org.api.post(`/tickets/${number}/replies`, { body: 'My answer', visibility: 'public', basedOnVersion: draftedAt });
    expect(stale.status).toBe(409);
    expect(stale.headers.get('content-type')).toContain('application/problem+json');
    expect(stale.body).toMatchObject({ type: expect.stringContaining('reply-conflict'), currentVersion: theirs.body.version });
    expect(stale.body.changes).toEqual([
      expect.objectContaining({ type: 'replied', actor: { id: colleague.id, name: expect.any(String) }, data: expect.objectContaining({ body: 'I already answered this one' }) }),
    ]);
    const timeline = await org.api.get(`/tickets/${number}/timeline?limit=200`);
    expect(timeline.body.data.filter((entry: { data: { body?: string } }) => entry.data.body === 'My answer')).toEqual([]);

    const fresh = await org.api.post(`/tickets/${number}/replies`, { body: 'My answer', visibility: 'public', basedOnVersion: stale.body.currentVersion });
    expect(fresh.status).toBe(200);
    // An agent's own replies never make their next one stale.
    const again = await org.api.post(`/tickets/${number}/replies`, { body: 'And one more thing', visibility: 'internal', basedOnVersion: stale.body.currentVersion });
    expect(again.status).toBe(200);
    // Without a version nothing is checked (integrations that do not track versions).
    expect((await colleague.api.post(`/tickets/${number}/replies`, { body: 'unchecked', visibility: 'internal' })).status).toBe(200);
  });
});
