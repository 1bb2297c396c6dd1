import { listEventTimeline } from '../timeline-page';
import type { Knex } from 'knex';
import {
  workOrderClient,
  type WorkOrderCommandArgs,
  type WorkOrderCommandName,
  type WorkOrderCommands,
  type WorkOrderRefusal,
  type WorkOrderRefusalName,
} from '../../clients/work-order-client';
import { withTenant } from '../../db/tenant';
import { nextWorkOrderNumber } from '../../db/numbers';
import { nextStatuses, type NewWorkOrder, type WorkOrderStatus } from '../../domain/work-order/index';
import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { claimCommandKey } from '../idempotent-command';
import { WORK_ORDER_KEYS, claimNumber } from '../idempotent-number';
import { Problem, forbidden, notFound } from '../problem';
import { RecordNumber, decodeCursor, encodeCursor } from '../schemas/common';
import type { ListWorkOrdersQuery, WorkOrderView } from '../schemas/field-service';
import { z } from 'zod';

type Draft = Omit<NewWorkOrder, 'orgId' | 'number' | 'actorId'>;

/**
 * Opens a work order: claims the Idempotency-Key (if any) and allocates the number in one
 * transaction, then starts the work-order workflow and waits until it has written the row.
 */
export async function createWorkOrder(
  deps: ApiDeps,
  auth: Auth,
  draft: Draft,
  key: string | undefined,
): Promise<{ workOrder: WorkOrderView; replayed: boolean }> {
  const claim = await withTenant(deps.db, auth, async (trx) => {
    if (draft.ticketNumber !== null) {
      const ticket = await trx('tickets').where({ org_id: auth.orgId, number: draft.ticketNumber }).first('status');
      if (!ticket) throw notFound(`Ticket #${draft.ticketNumber}`);
      if (ticket.status === 'closed') throw new Problem(409, 'ticket-closed', 'The ticket is closed', { detail: `Ticket #${draft.ticketNumber} is closed.` });
    }
    if (draft.assetId !== null && !(await trx('assets').where({ org_id: auth.orgId, id: draft.assetId }).first('id'))) {
      throw new Problem(422, 'unknown-asset', 'No such asset', { errors: [{ pointer: '/assetId', message: `No asset ${draft.assetId}.` }] });
    }
    return claimNumber(trx, auth.orgId, WORK_ORDER_KEYS, { key, body: draft }, () => nextWorkOrderNumber(trx, auth.orgId));
  });

  if (claim.replayed) {
    const existing = await withTenant(deps.db, auth, (trx) => getWorkOrder(trx, auth.orgId, claim.number));
    if (existing) return { workOrder: existing, replayed: true };
  }
  const workOrder: NewWorkOrder = { ...draft, orgId: auth.orgId, number: claim.number, actorId: auth.userId };
  const opened = await workOrderClient(deps).open(workOrder);
  if (!opened.ok) throw refusalError(opened);
  const created = await withTenant(deps.db, auth, (trx) => getWorkOrder(trx, auth.orgId, claim.number));
  if (!created) throw new Error(`work order ${claim.number} has no row after its workflow reported it written`);
  return { workOrder: created, replayed: claim.replayed };
}

/**
 * Sends a command Update to a work order's workflow and answers with the read model. An
 * Idempotency-Key becomes the Update id, so a retried command (an offline outbox replaying)
 * is applied once; the key is bound to `request` (the arguments, unless the request holds
 * more, such as an uploaded image), so the same key with another body is a 422. Technicians
 * may only act on work orders assigned to them.
 */
export async function commandWorkOrder<K extends WorkOrderCommandName>(
  deps: ApiDeps,
  auth: Auth,
  number: number,
  command: K,
  args: WorkOrderCommandArgs[K],
  key: string | undefined,
  request: unknown = args,
): Promise<WorkOrderView> {
  await assertMayWork(deps, auth, number);
  if (key !== undefined) {
    const target = `work-order/${number}/${command}`;
    await withTenant(deps.db, auth, (trx) => claimCommandKey(trx, auth.orgId, { target, key, body: request }));
  }
  const commands: WorkOrderCommands = workOrderClient(deps);
  const answer = await commands[command](auth.orgId, number, args, { idempotencyKey: key });
  if (!answer.ok) {
    if (answer.refusal === 'not_running') {
      const existing = await withTenant(deps.db, auth, (trx) => getWorkOrder(trx, auth.orgId, number));
      throw existing ? closedProblem(number, existing.status) : notFound(`Work order #${number}`);
    }
    throw refusalError(answer);
  }
  const view = await withTenant(deps.db, auth, (trx) => getWorkOrder(trx, auth.orgId, number));
  if (!view) throw notFound(`Work order #${number}`);
  return view;
}

/** The technician record of the calling member, if they are one. */
export async function technicianIdOf(trx: Knex.Transaction, auth: Auth): Promise<string | null> {
  const row = await trx('technicians').where({ org_id: auth.orgId, user_id: auth.userId }).first<{ id: string } | undefined>('id');
  return row?.id ?? null;
}

export async function assertMayWork(deps: ApiDeps, auth: Auth, number: number): Promise<void> {
  if (auth.role !== 'technician') return;
  const allowed = await withTenant(deps.db, auth, async (trx) => {
    const row = await trx('work_orders').where({ org_id: auth.orgId, number }).first<{ technician_id: string | null } | undefined>('technician_id');
    if (!row) throw notFound(`Work order #${number}`);
    return row.technician_id !== null && row.technician_id === (await technicianIdOf(trx, auth));
  });
  if (!allowed) throw forbidden('Technicians work only on the work orders assigned to them.');
}

/**
 * The statuses a technician may move their own job to: the field steps (dispatching and
 * putting on hold included: they pick the job up, or wait for a part). Cancelling a job is
 * the office's decision (dispatchers, admins, owners).
 */
export const TECHNICIAN_TRANSITIONS: readonly WorkOrderStatus[] = ['dispatched', 'en_route', 'on_site', 'on_hold', 'completed', 'signed_off'];

export function assertMayTransition(auth: Auth, to: WorkOrderStatus): void {
  if (auth.role === 'technician' && !TECHNICIAN_TRANSITIONS.includes(to)) {
    throw forbidden(`A technician may not make a work order ${to.replace('_', ' ')}; ask a dispatcher.`);
  }
}

function closedProblem(number: number, status: WorkOrderStatus): Problem {
  return new Problem(409, 'work-order-closed', 'The work order is closed', { detail: `Work order #${number} is ${status.replace('_', ' ')} and cannot change.` });
}

const REFUSAL_PROBLEMS: Record<WorkOrderRefusalName, (detail: string) => Problem> = {
  work_order_closed: (detail) => new Problem(409, 'work-order-closed', 'The work order is closed', { detail }),
  invalid_transition: (detail) => new Problem(409, 'invalid-transition', 'That status change is not allowed', { detail }),
  invalid_command: (detail) => new Problem(422, 'invalid-command', 'The command cannot be applied', { detail }),
  checklist_incomplete: (detail) => new Problem(409, 'checklist-incomplete', 'The checklist is not done', { detail }),
  signature_required: (detail) => new Problem(409, 'signature-required', 'A customer signature is required', { detail }),
  unknown_technician: (detail) =>
    new Problem(422, 'unknown-technician', 'No such technician', { detail, errors: [{ pointer: '/technicianId', message: detail }] }),
  unknown_part: (detail) => new Problem(422, 'unknown-part', 'That part is not stocked there', { detail }),
  insufficient_stock: (detail) => new Problem(409, 'insufficient-stock', 'Not enough stock', { detail }),
  unknown_attachment: (detail) => new Problem(422, 'unknown-attachment', 'No such upload', { detail }),
};

/**
 * What a refused work-order Update throws: the domain's refusals have their own problem; any
 * other failure is thrown as the Update failed, for the error middleware to answer (a 422 for
 * data Postgres cannot hold).
 */
function refusalError(refusal: WorkOrderRefusal): unknown {
  switch (refusal.refusal) {
    case 'not_running':
      return notFound('Work order');
    case 'refused':
    case 'not_recorded':
      return refusal.cause;
    default:
      return REFUSAL_PROBLEMS[refusal.refusal](refusal.message);
  }
}

// ---- read model -------------------------------------------------------------------------

interface WorkOrderRow {
  number: number;
  title: string;
  description: string;
  status: WorkOrderStatus;
  priority: WorkOrderView['priority'];
  source: WorkOrderView['source'];
  ticket_number: number | null;
  plan_id: string | null;
  asset_id: string | null;
  asset_name: string | null;
  site_address: string | null;
  site_lat: number | null;
  site_lng: number | null;
  technician_id: string | null;
  technician_name: string | null;
  window_start: Date | null;
  window_end: Date | null;
  duration_minutes: number;
  required_skills: string[];
  eta_at: Date | null;
  arrived_at: Date | null;
  completed_at: Date | null;
  signed_off_at: Date | null;
  time_on_site_seconds: number | null;
  checklist: WorkOrderView['checklist'];
  signature_attachment_id: string | null;
  signer_name: string | null;
  signature_waived_reason: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const iso = (value: Date | null) => (value ? value.toISOString() : null);

function baseQuery(trx: Knex.Transaction, orgId: string) {
  return trx('work_orders as w')
    .leftJoin('assets as a', function () {
      this.on('a.org_id', 'w.org_id').andOn('a.id', 'w.asset_id');
    })
    .leftJoin('technicians as t', function () {
      this.on('t.org_id', 'w.org_id').andOn('t.id', 'w.technician_id');
    })
    .leftJoin('users as u', 'u.id', 't.user_id')
    .where('w.org_id', orgId)
    .select(
      'w.*', 'a.name as asset_name', 'a.site_address', 'a.site_lat', 'a.site_lng', 'u.name as technician_name',
    );
}

function summaryView(row: WorkOrderRow): WorkOrderView {
  const url = (id: string) => `/api/v1/work-orders/${row.number}/attachments/${id}`;
  return {
    number: row.number,
    title: row.title,
    description: row.description,
    status: row.status,
    nextStatuses: nextStatuses({ status: row.status, heldFrom: null }),
    priority: row.priority,
    source: row.source,
    ticketNumber: row.ticket_number,
    planId: row.plan_id,
    asset: row.asset_id
      ? { id: row.asset_id, name: row.asset_name ?? '', siteAddress: row.site_address, site: row.site_lat !== null && row.site_lng !== null ? { lat: row.site_lat, lng: row.site_lng } : null }
      : null,
    technician: row.technician_id ? { id: row.technician_id, name: row.technician_name ?? 'Unknown' } : null,
    windowStart: iso(row.window_start),
    windowEnd: iso(row.window_end),
    durationMinutes: row.duration_minutes,
    requiredSkills: row.required_skills,
    etaAt: iso(row.eta_at),
    arrivedAt: iso(row.arrived_at),
    completedAt: iso(row.completed_at),
    signedOffAt: iso(row.signed_off_at),
    timeOnSiteSeconds: row.time_on_site_seconds,
    checklist: row.checklist,
    parts: [],
    notes: [],
    photos: [],
    signature: row.signature_attachment_id && row.signer_name ? { signerName: row.signer_name, url: url(row.signature_attachment_id) } : null,
    signatureWaivedReason: row.signature_waived_reason,
    report: null,
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** One work order with its parts, notes, photos and report. */
export async function getWorkOrder(trx: Knex.Transaction, orgId: string, number: number): Promise<WorkOrderView | null> {
  const row: WorkOrderRow | undefined = await baseQuery(trx, orgId).andWhere('w.number', number).first();
  if (!row) return null;
  const view = summaryView(row);
  if (row.status === 'on_hold') {
    // The status it returns to is the one recorded when it was put on hold.
    const held = await trx('work_order_events')
      .where({ org_id: orgId, work_order_number: number, type: 'status_changed' })
      .whereRaw(`data->>'to' = 'on_hold'`)
      .orderBy('seq', 'desc')
      .first<{ data: { from: WorkOrderStatus } } | undefined>('data');
    view.nextStatuses = nextStatuses({ status: 'on_hold', heldFrom: held?.data.from ?? null });
  }
  const parts = await trx('work_order_parts as p')
    .join('inventory_items as i', function () {
      this.on('i.org_id', 'p.org_id').andOn('i.id', 'p.item_id');
    })
    .where({ 'p.org_id': orgId, 'p.work_order_number': number })
    .orderBy('p.created_at')
    .select('p.line_id', 'p.item_id', 'i.sku', 'i.name', 'p.location_id', 'p.quantity');
  view.parts = parts.map((part: { line_id: string; item_id: string; sku: string; name: string; location_id: string; quantity: string }) => ({
    lineId: part.line_id, itemId: part.item_id, sku: part.sku, name: part.name, locationId: part.location_id, quantity: Number(part.quantity),
  }));
  const notes = await trx('work_order_notes').where({ org_id: orgId, work_order_number: number }).orderBy('created_at').select('id', 'body', 'created_at');
  view.notes = notes.map((note: { id: string; body: string; created_at: Date }) => ({ id: note.id, body: note.body, createdAt: note.created_at.toISOString() }));
  const photos = await trx('work_order_attachments')
    .where({ org_id: orgId, work_order_number: number, kind: 'photo', attached: true })
    .orderBy('created_at')
    .select('id', 'caption');
  view.photos = photos.map((photo: { id: string; caption: string | null }) => ({ id: photo.id, caption: photo.caption, url: `/api/v1/work-orders/${number}/attachments/${photo.id}` }));
  const report = await trx('work_order_reports').where({ org_id: orgId, work_order_number: number }).first<{ mailed_to: string | null } | undefined>('mailed_to');
  if (report) view.report = { url: `/api/v1/work-orders/${number}/report.pdf`, mailedTo: report.mailed_to };
  return view;
}

const ListCursor = z.object({ n: RecordNumber });

/** `timeZone` decides which day `date` means (the technician's own day in `/technicians/me/jobs`; UTC otherwise). */
export async function listWorkOrders(trx: Knex.Transaction, orgId: string, query: ListWorkOrdersQuery, onlyTechnician: string | null, timeZone = 'UTC') {
  const builder = baseQuery(trx, orgId);
  if (query.status) builder.whereIn('w.status', query.status);
  if (query.technicianId === 'none') builder.whereNull('w.technician_id');
  else if (query.technicianId) builder.where('w.technician_id', query.technicianId);
  if (onlyTechnician !== null) builder.where('w.technician_id', onlyTechnician);
  if (query.assetId) builder.where('w.asset_id', query.assetId);
  if (query.ticketNumber) builder.where('w.ticket_number', query.ticketNumber);
  if (query.date) builder.whereRaw(`(w.window_start AT TIME ZONE ?)::date = ?::date`, [timeZone, query.date]);
  if (query.q) builder.whereILike('w.title', `%${query.q.replace(/[%_\\]/g, (char) => `\\${char}`)}%`);
  const after = decodeCursor(query.cursor, ListCursor);
  if (after) builder.where('w.number', '<', after.n);
  const rows: WorkOrderRow[] = await builder.orderBy('w.number', 'desc').limit(query.limit + 1);
  const pageRows = rows.slice(0, query.limit);
  const last = pageRows.at(-1);
  return {
    data: pageRows.map(summaryView),
    nextCursor: rows.length > query.limit && last ? encodeCursor({ n: last.number }) : null,
  };
}

/** The work order's history, oldest first. */
export function listWorkOrderTimeline(trx: Knex.Transaction, orgId: string, number: number, page: { limit: number; cursor?: string | undefined }) {
  return listEventTimeline(trx, { table: 'work_order_events', numberColumn: 'work_order_number' }, orgId, number, page);
}
