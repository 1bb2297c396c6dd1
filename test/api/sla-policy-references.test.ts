import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack } from '../helpers/test-stack';

let stack: TestStack;
let org: Org;
let other: Org;

beforeAll(async () => {
  stack = await startTestStack({ worker: false });
  org = await signupOrg(stack.url);
  other = await signupOrg(stack.url);
});
afterAll(async () => { await stack?.stop(); });

const policyNaming = (conditions: Record<string, string[]>) => ({ name: 'Named', conditions, targets: { normal: { first_response: 3600 } } });

describe('SLA policy conditions', () => {
  it("refuses a team or company that is not the org's own, on create and replace", async () => {
    const own = (await org.api.post('/teams', { name: 'Tier 1' })).body;
    const foreign = (await other.api.post('/teams', { name: 'Tier 1' })).body;
    const created = await org.api.post('/sla-policies', policyNaming({ teamIds: [own.id] }));
    expect(created.status).toBe(201);

    for (const teamIds of [[foreign.id], [own.id, '00000000-0000-4000-8000-000000000000']]) {
      const refused = await org.api.post('/sla-policies', policyNaming({ teamIds }));
      expect(refused.status).toBe(422);
      expect(refused.headers.get('content-type')).toContain('application/problem+json');
      expect(refused.body).toMatchObject({ type: expect.stringMatching(/unknown-team$/), errors: [{ pointer: `/conditions/teamIds/${teamIds.length - 1}` }] });
      expect((await org.api.request('PUT', `/sla-policies/${created.body.id}`, policyNaming({ teamIds }))).status).toBe(422);
    }
    const companies = await org.api.post('/sla-policies', policyNaming({ companyIds: ['00000000-0000-4000-8000-000000000000'] }));
    expect(companies.status).toBe(422);
    expect(companies.body.type).toMatch(/unknown-company$/);

    const policies = (await org.api.get('/sla-policies')).body.data;
    expect(policies).toHaveLength(1);
    expect(policies[0].conditions).toEqual({ teamIds: [own.id] });
  });
});
