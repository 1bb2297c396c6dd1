import type { Knex } from 'knex';

/**
 * Per-org sequential numbers for tickets and work orders. Each allocation is one upsert on
 * the org's counter row: the row lock serialises concurrent callers, so numbers are distinct
 * and consecutive, and a rolled-back transaction gives its number back.
 */
const COUNTERS = { ticket: 'ticket_counters', work_order: 'work_order_counters' } as const;
export type NumberedEntity = keyof typeof COUNTERS;

export async function nextNumber(trx: Knex.Transaction, entity: NumberedEntity, orgId: string): Promise<number> {
  const table = COUNTERS[entity];
  const [counter] = await trx(table)
    .insert({ org_id: orgId, last_number: 1 })
    .onConflict('org_id')
    .merge({ last_number: trx.raw(`${table}.last_number + 1`) })
    .returning('last_number');
  return (counter as { last_number: number }).last_number;
}

export const nextTicketNumber = (trx: Knex.Transaction, orgId: string) => nextNumber(trx, 'ticket', orgId);
export const nextWorkOrderNumber = (trx: Knex.Transaction, orgId: string) => nextNumber(trx, 'work_order', orgId);

/** A new organization starts its ticket numbers at 1. */
export async function openTicketCounter(trx: Knex.Transaction, orgId: string): Promise<void> {
  await trx(COUNTERS.ticket).insert({ org_id: orgId, last_number: 0 });
}
