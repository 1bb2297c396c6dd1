import { addMember, signupOrg, type Member, type Org } from './api-client';
import { startTestStack, type TestStack, type TestStackOptions } from './test-stack';

/** What most API suites start from: a test stack with one freshly signed-up organization. */
export interface OrgStack {
  stack: TestStack;
  org: Org;
}

export async function startOrgStack(options?: TestStackOptions): Promise<OrgStack> {
  const stack = await startTestStack(options);
  return { stack, org: await signupOrg(stack.url) };
}

/** The same with an agent in the organization, for suites that work tickets as staff do. */
export async function startAgentStack(options?: TestStackOptions): Promise<OrgStack & { agent: Member }> {
  const started = await startOrgStack(options);
  return { ...started, agent: await addMember(started.org, 'agent') };
}

/** For suites about tenancy: a test stack with two organizations, A and B, each a stranger to the other. */
export async function startTwoOrgStack(options?: TestStackOptions): Promise<{ stack: TestStack; orgA: Org; orgB: Org }> {
  const stack = await startTestStack(options);
  try {
    return { stack, orgA: await signupOrg(stack.url), orgB: await signupOrg(stack.url) };
  } catch (error) {
    // The suite never sees this stack, so its afterAll cannot stop it.
    await stack.stop();
    throw error;
  }
}
