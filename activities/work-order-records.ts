import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import { nextWorkOrderNumber } from '../db/numbers';
import { WORK_ORDER_FAILURES, type NewWorkOrder, type WorkOrderEvent, type WorkOrderState } from '../domain/work-order/index';
import { WORK_ORDER_TIMELINE, insertTimelineEvents } from './timeline-events';
import { recordAudit } from '../db/audit';
import { appendEvents } from '../db/event-log';
import { workOrderChangeEvents } from '../domain/realtime/change-events';

export interface CreateWorkOrderRecordInput {
  workOrder: NewWorkOrder;
  occurredAt: string;
}

export interface RecordWorkOrderChangeInput {
  orgId: string;
  number: number;
  /** The change's sequence number: the work order row's version after it. */
  seq: number;
  actorId: string | null;
  events: WorkOrderEvent[];
  state: WorkOrderState;
  occurredAt: string;
}

export interface AllocateMaintenanceWorkOrderInput {
  orgId: string;
  planId: string;
  /** The schedule run's workflow id: one work order per run, however often this is retried. */
  runKey: string;
}

/**
 * The work-order workflow's writes. Each change is one transaction keyed by its sequence
 * number: the row's version is checked (and locked) first, so a retried or replayed write —
 * and with it a stock decrement — happens exactly once.
 */
export function createWorkOrderRecordActivities(db: Db) {
  return {
    async createWorkOrderRecord({ workOrder, occurredAt }: CreateWorkOrderRecordInput): Promise<void> {
      await withTenant(db, { orgId: workOrder.orgId }, async (trx) => {
        const existing = await trx('work_orders').where({ org_id: workOrder.orgId, number: workOrder.number }).first('number');
        if (existing) return;
        await trx('work_orders').insert({
          org_id: workOrder.orgId,
          number: workOrder.number,
          title: workOrder.title,
          description: workOrder.description,
          status: 'created',
          priority: workOrder.priority,
          source: workOrder.source,
          ticket_number: workOrder.ticketNumber,
          asset_id: workOrder.assetId,
          plan_id: workOrder.planId,
          duration_minutes: workOrder.durationMinutes,
          required_skills: JSON.stringify(workOrder.requiredSkills),
          checklist: JSON.stringify(workOrder.checklist.map((label, index) => ({ id: `c${index + 1}`, label, done: false, note: null }))),
          version: 1,
          created_at: occurredAt,
          updated_at: occurredAt,
        });
        const created: WorkOrderEvent = {
          type: 'created',
          data: {
            title: workOrder.title,
            priority: workOrder.priority,
            source: workOrder.source,
            ticketNumber: workOrder.ticketNumber,
            assetId: workOrder.assetId,
            planId: workOrder.planId,
          },
        };
        await insertTimelineEvents(trx, WORK_ORDER_TIMELINE, { orgId: workOrder.orgId, number: workOrder.number, seq: 1, actorId: workOrder.actorId, occurredAt }, [created]);
        await audit(trx, workOrder.orgId, workOrder.actorId, workOrder.number, [created]);
        await appendEvents(trx, workOrder.orgId, workOrderChangeEvents({ number: workOrder.number, seq: 1, actorId: workOrder.actorId, occurredAt, events: [created] }));
      });
    },

    async recordWorkOrderChange(input: RecordWorkOrderChangeInput): Promise<void> {
      const { orgId, number, seq, state, events, occurredAt } = input;
      await withTenant(db, { orgId }, async (trx) => {
        const row = await trx('work_orders').where({ org_id: orgId, number }).forUpdate().first<{ version: number } | undefined>('version');
        if (!row) throw new Error(`work order ${number} has no row`);
        // Already written by an earlier attempt of this same change.
        if (row.version >= seq) return;
        for (const event of events) await applySideEffects(trx, orgId, number, input.actorId, event, occurredAt);
        await trx('work_orders')
          .where({ org_id: orgId, number })
          .update({
            status: state.status,
            technician_id: state.technicianId,
            window_start: state.windowStart,
            window_end: state.windowEnd,
            eta_at: state.etaAt,
            arrived_at: state.arrivedAt,
            completed_at: state.completedAt,
            signed_off_at: state.signedOffAt,
            time_on_site_seconds: state.timeOnSiteSeconds,
            checklist: JSON.stringify(state.checklist),
            signature_attachment_id: state.signature?.attachmentId ?? null,
            signer_name: state.signature?.signerName ?? null,
            signature_waived_reason: state.signatureWaived?.reason ?? null,
            version: seq,
            updated_at: occurredAt,
          });
        await insertTimelineEvents(trx, WORK_ORDER_TIMELINE, { orgId, number, seq, actorId: input.actorId, occurredAt }, events);
        await audit(trx, orgId, input.actorId, number, events);
        await appendEvents(trx, orgId, workOrderChangeEvents(input));
      });
    },

    /** Allocates the work order a maintenance schedule's run opens, once per run. */
    async allocateMaintenanceWorkOrder({ orgId, planId, runKey }: AllocateMaintenanceWorkOrderInput): Promise<NewWorkOrder | null> {
      return withTenant(db, { orgId }, async (trx) => {
        const plan = await trx('maintenance_plans as p')
          .join('assets as a', function () {
            this.on('a.org_id', 'p.org_id').andOn('a.id', 'p.asset_id');
          })
          .where({ 'p.org_id': orgId, 'p.id': planId })
          .first<{ name: string; asset_id: string; asset_name: string; checklist: string[]; required_skills: string[]; duration_minutes: number } | undefined>(
            'p.name', 'p.asset_id', 'a.name as asset_name', 'p.checklist', 'p.required_skills', 'p.duration_minutes',
          );
        if (!plan) return null;
        const key = `maintenance:${runKey}`;
        const claimed = await trx('work_order_requests')
          .insert({ org_id: orgId, key, request_hash: planId, work_order_number: 0 })
          .onConflict(['org_id', 'key']).ignore().returning('key');
        let number: number;
        if (claimed.length === 0) {
          number = (await trx('work_order_requests').where({ org_id: orgId, key }).first<{ work_order_number: number }>('work_order_number')).work_order_number;
        } else {
          number = await nextWorkOrderNumber(trx, orgId);
          await trx('work_order_requests').where({ org_id: orgId, key }).update({ work_order_number: number });
        }
        return {
          orgId,
          number,
          title: `${plan.name}: ${plan.asset_name}`,
          description: `Preventive maintenance (${plan.name}).`,
          priority: 'normal',
          source: 'maintenance',
          ticketNumber: null,
          assetId: plan.asset_id,
          planId,
          checklist: plan.checklist,
          requiredSkills: plan.required_skills,
          durationMinutes: plan.duration_minutes,
          solveTicketOnSignOff: false,
          actorId: null,
        };
      });
    },
  };
}

export type WorkOrderRecordActivities = ReturnType<typeof createWorkOrderRecordActivities>;

const fail = (message: string, type: string) => ApplicationFailure.nonRetryable(message, type);

/** What an event needs beyond the work-order row: checks against other records, stock, notes. */
async function applySideEffects(
  trx: Knex.Transaction,
  orgId: string,
  number: number,
  actorId: string | null,
  event: WorkOrderEvent,
  occurredAt: string,
): Promise<void> {
  switch (event.type) {
    case 'scheduled': {
      const technician = await trx('technicians').where({ org_id: orgId, id: event.data.technicianId, active: true }).first('id');
      if (!technician) throw fail(`No active technician ${event.data.technicianId} in this organization.`, WORK_ORDER_FAILURES.unknown_technician);
      return;
    }
    case 'parts_used': {
      const { lineId, itemId, locationId, quantity } = event.data;
      const stock = await trx('inventory_stock').where({ org_id: orgId, item_id: itemId, location_id: locationId }).forUpdate().first<{ quantity: string } | undefined>('quantity');
      if (!stock) throw fail(`Part ${itemId} is not stocked at location ${locationId}.`, WORK_ORDER_FAILURES.unknown_part);
      if (Number(stock.quantity) < quantity) {
        throw fail(`Only ${Number(stock.quantity)} of part ${itemId} left at that location.`, WORK_ORDER_FAILURES.insufficient_stock);
      }
      await trx('inventory_stock')
        .where({ org_id: orgId, item_id: itemId, location_id: locationId })
        .update({ quantity: trx.raw('quantity - ?', [quantity]), updated_at: occurredAt });
      await trx('work_order_parts').insert({
        org_id: orgId, work_order_number: number, line_id: lineId, item_id: itemId, location_id: locationId, quantity, created_at: occurredAt,
      });
      return;
    }
    case 'note_added':
      await trx('work_order_notes')
        .insert({ org_id: orgId, work_order_number: number, id: event.data.noteId, body: event.data.body, author_id: actorId, created_at: occurredAt })
        .onConflict(['org_id', 'work_order_number', 'id']).ignore();
      return;
    case 'photo_added':
    case 'signed': {
      const kind = event.type === 'signed' ? 'signature' : 'photo';
      const updated = await trx('work_order_attachments')
        .where({ org_id: orgId, id: event.data.attachmentId, work_order_number: number, kind })
        .update({ attached: true, ...(event.type === 'photo_added' && { caption: event.data.caption }) });
      if (updated === 0) throw fail(`No uploaded ${kind} ${event.data.attachmentId} on this work order.`, WORK_ORDER_FAILURES.unknown_attachment);
      return;
    }
    default:
      return;
  }
}

async function audit(trx: Knex.Transaction, orgId: string, actorId: string | null, number: number, events: WorkOrderEvent[]): Promise<void> {
  if (events.length === 0) return;
  await recordAudit(
    trx,
    events.map((event) => ({
      orgId,
      actorId,
      action: `work_order.${event.type}`,
      entityType: 'work_order',
      entityId: number,
      data: event.type === 'note_added' ? { noteId: event.data.noteId } : event.data,
    })),
  );
}
