import type { Knex } from 'knex';

/** The next per-org work-order number (the counter row is created on first use). */
export async function nextWorkOrderNumber(trx: Knex.Transaction, orgId: string): Promise<number> {
  const [counter] = await trx('work_order_counters')
    .insert({ org_id: orgId, last_number: 1 })
    .onConflict('org_id')
    .merge({ last_number: trx.raw('work_order_counters.last_number + 1') })
    .returning('last_number');
  return (counter as { last_number: number }).last_number;
}
