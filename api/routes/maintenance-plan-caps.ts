import type { Knex } from 'knex';
import { lockedPlanCounts } from '../../db/maintenance-plan-store';
import { MAX_PLANS_PER_ASSET, MAX_PLANS_PER_ORG } from '../../domain/work-order/plan-limits';
import { Problem } from '../problem';

/**
 * Refuses a new plan past the org's or the asset's cap (`domain/work-order/plan-limits.ts`).
 * Call inside the transaction that inserts the plan: the org's plans are locked for it, so
 * concurrent creations cannot each see room for one more and overshoot together.
 */
export async function checkPlanCaps(trx: Knex.Transaction, orgId: string, assetId: string): Promise<void> {
  const counts = await lockedPlanCounts(trx, orgId, assetId);
  if (counts.org >= MAX_PLANS_PER_ORG) {
    throw new Problem(422, 'too-many-plans', 'The organization has as many maintenance plans as it may hold', {
      detail: `An organization may hold at most ${MAX_PLANS_PER_ORG} maintenance plans, paused ones included: delete one it no longer needs first.`,
      limit: MAX_PLANS_PER_ORG,
    });
  }
  if (counts.asset >= MAX_PLANS_PER_ASSET) {
    const message = `An asset may have at most ${MAX_PLANS_PER_ASSET} maintenance plans, paused ones included: delete one of this asset's first.`;
    throw new Problem(422, 'too-many-plans', 'The asset has as many maintenance plans as it may have', {
      detail: message,
      limit: MAX_PLANS_PER_ASSET,
      errors: [{ pointer: '/assetId', message }],
    });
  }
}
