import { inject } from 'vitest';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { APP_ROLE } from '../../db/migrate';
import { TEST_APP_DB_PASSWORD } from '../global-setup';
import { addMember, signupOrg, type Org } from '../helpers/api-client';
import { startTestStack, type TestStack, type TestStackOptions } from '../helpers/test-stack';
import { seedMetricMonth } from './metric-seed';

/** An API (without worker unless `stackOptions` asks for one), owner and app-role connections, and two orgs that hold the same seeded month. */
export interface MetricMonthStack { stack: TestStack; owner: Db; app: Db; orgA: Org; orgB: Org }

/**
 * Both orgs get the same month: every count a report test asserts would double if a report saw
 * the other. `seedMore` adds what one test file needs on top, per org, through the owner connection.
 */
export async function startMetricMonthStack(seedMore?: (owner: Db, orgId: string) => Promise<void>, stackOptions: TestStackOptions = { worker: false }): Promise<MetricMonthStack> {
  const stack = await startTestStack(stackOptions);
  const owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 2 } });
  const app = connect(appRoleUrl(inject('databaseUrl'), { user: APP_ROLE, password: TEST_APP_DB_PASSWORD }), { pool: { min: 0, max: 2 } });
  try {
    const [orgA, orgB] = [await signupOrg(stack.url), await signupOrg(stack.url)];
    for (const [org, prefix] of [[orgA, ''], [orgB, 'B-']] as const) {
      const agent = await addMember(org, 'agent');
      const technician = await addMember(org, 'technician');
      await seedMetricMonth(owner, app, { orgId: org.orgId, agentId: agent.id, technicianUserId: technician.id, prefix });
      await seedMore?.(owner, org.orgId);
    }
    return { stack, owner, app, orgA, orgB };
  } catch (error) {
    // The caller never receives the stack to stop it: release it here, as afterAll would have.
    await stopMetricMonthStack({ stack, owner, app });
    throw error;
  }
}

export async function stopMetricMonthStack(started: Partial<Pick<MetricMonthStack, 'stack' | 'owner' | 'app'>>) {
  await started.stack?.stop();
  await started.owner?.destroy();
  await started.app?.destroy();
}
