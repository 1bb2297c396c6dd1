import type { Knex } from 'knex';

/** Preventive-maintenance plans: the rows beside the Temporal Schedules that open their work orders. */
export interface PlanRow {
  id: string;
  asset_id: string;
  name: string;
  rrule: string;
  checklist: string[];
  required_skills: string[];
  duration_minutes: number;
  paused: boolean;
  schedule_id: string;
  created_at: Date;
}

/** What a new plan holds. */
export interface NewPlan { id: string; assetId: string; name: string; rrule: string; checklist: string[]; requiredSkills: string[]; durationMinutes: number; paused: boolean; scheduleId: string }
export type PlanChanges = Partial<Pick<NewPlan, 'name' | 'rrule' | 'checklist' | 'requiredSkills' | 'durationMinutes'>>;

/** The org's plans (of one asset when given), oldest first. */
export async function listPlanRows(trx: Knex.Transaction, orgId: string, assetId?: string): Promise<PlanRow[]> {
  const builder = trx('maintenance_plans').where({ org_id: orgId });
  if (assetId) builder.where({ asset_id: assetId });
  return builder.orderBy('created_at');
}

export async function findPlan(trx: Knex.Transaction, orgId: string, id: string): Promise<PlanRow | undefined> {
  return trx('maintenance_plans').where({ org_id: orgId, id }).first<PlanRow | undefined>();
}

export async function insertPlan(trx: Knex.Transaction, orgId: string, plan: NewPlan): Promise<PlanRow> {
  const [inserted] = await trx('maintenance_plans')
    .insert({
      org_id: orgId, id: plan.id, asset_id: plan.assetId, name: plan.name, rrule: plan.rrule, checklist: JSON.stringify(plan.checklist),
      required_skills: JSON.stringify(plan.requiredSkills), duration_minutes: plan.durationMinutes, paused: plan.paused, schedule_id: plan.scheduleId,
    })
    .returning('*');
  return inserted as PlanRow;
}

/** The plan after the change; undefined when the org has no such plan. */
export async function updatePlan(trx: Knex.Transaction, orgId: string, id: string, changes: PlanChanges): Promise<PlanRow | undefined> {
  const [updated] = await trx('maintenance_plans')
    .where({ org_id: orgId, id })
    .update({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.rrule !== undefined && { rrule: changes.rrule }),
      ...(changes.checklist !== undefined && { checklist: JSON.stringify(changes.checklist) }),
      ...(changes.requiredSkills !== undefined && { required_skills: JSON.stringify(changes.requiredSkills) }),
      ...(changes.durationMinutes !== undefined && { duration_minutes: changes.durationMinutes }),
      updated_at: trx.fn.now(),
    })
    .returning('*');
  return updated as PlanRow | undefined;
}

export async function setPlanPaused(trx: Knex.Transaction, orgId: string, id: string, paused: boolean): Promise<void> {
  await trx('maintenance_plans').where({ org_id: orgId, id }).update({ paused, updated_at: trx.fn.now() });
}

export async function deletePlan(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await trx('maintenance_plans').where({ org_id: orgId, id }).delete();
}

/**
 * How many plans the org and the asset hold, with the org's plans locked for the rest of the
 * transaction: concurrent creations queue here instead of each seeing room for one more.
 */
export async function lockedPlanCounts(trx: Knex.Transaction, orgId: string, assetId: string): Promise<{ org: number; asset: number }> {
  await trx.raw("SELECT pg_advisory_xact_lock(hashtextextended('keel:maintenance-plans:' || ?, 0))", [orgId]);
  const counts = await trx('maintenance_plans')
    .where({ org_id: orgId })
    .first<{ org: string; asset: string }>(trx.raw('count(*) AS org'), trx.raw('count(*) FILTER (WHERE asset_id = ?) AS asset', [assetId]));
  return { org: Number(counts.org), asset: Number(counts.asset) };
}
