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
import { assetExists } from '../../db/asset-registry';
import { technicianIdOfUser } from '../../db/technician-directory';
import { ticketStatus } from '../../db/ticket-read-model';
import { findWorkOrderRow, listWorkOrderRows, workOrderDetails, workOrderTechnician, type WorkOrderRow } from '../../db/work-order-records';
import { withTenant } from '../../db/tenant';
import { nextWorkOrderNumber } from '../../db/numbers';
import { nextStatuses, type NewWorkOrder, type WorkOrderStatus } from '../../domain/work-order/index';
import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { claimKeyIfGiven } from '../idempotent-command';
import { WORK_ORDER_KEYS, claimNumber } from '../idempotent-number';
import { Problem, forbidden, found, notFound } from '../problem';
import { keysetPage } from '../keyset-page';
import { RecordNumber, decodeCursor } from '../schemas/common';
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
      const status = await ticketStatus(trx, auth.orgId, draft.ticketNumber);
      if (status === undefined) throw notFound(`Ticket #${draft.ticketNumber}`);
      if (status === 'closed') throw new Problem(409, 'ticket-closed', 'The ticket is closed', { detail: `Ticket #${draft.ticketNumber} is closed.` });
    }
    if (draft.assetId !== null && !(await assetExists(trx, auth.orgId, draft.assetId))) {
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
  await claimKeyIfGiven(deps.db, auth, { target: `work-order/${number}/${command}`, key, body: request });
  const commands: WorkOrderCommands = workOrderClient(deps);
  const answer = await commands[command](auth.orgId, number, args, { idempotencyKey: key });
  if (!answer.ok) {
    if (answer.refusal === 'not_running') {
      const existing = await withTenant(deps.db, auth, (trx) => getWorkOrder(trx, auth.orgId, number));
      throw existing ? closedProblem(number, existing.status) : notFound(`Work order #${number}`);
    }
    throw refusalError(answer);
  }
  return found(await withTenant(deps.db, auth, (trx) => getWorkOrder(trx, auth.orgId, number)), `Work order #${number}`);
}

/** The technician record of the calling member, if they are one. */
export async function technicianIdOf(trx: Knex.Transaction, auth: Auth): Promise<string | null> {
  return technicianIdOfUser(trx, auth.orgId, auth.userId);
}

export async function assertMayWork(deps: ApiDeps, auth: Auth, number: number): Promise<void> {
  if (auth.role !== 'technician') return;
  const allowed = await withTenant(deps.db, auth, async (trx) => {
    const row = await workOrderTechnician(trx, auth.orgId, number);
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

const iso = (value: Date | null) => (value ? value.toISOString() : null);

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
  const row = await findWorkOrderRow(trx, orgId, number);
  if (!row) return null;
  const details = await workOrderDetails(trx, orgId, row);
  return {
    ...summaryView(row),
    ...(row.status === 'on_hold' && { nextStatuses: nextStatuses({ status: 'on_hold', heldFrom: details.heldFrom }) }),
    parts: details.parts.map((part) => ({
      lineId: part.line_id, itemId: part.item_id, sku: part.sku, name: part.name, locationId: part.location_id, quantity: Number(part.quantity),
    })),
    notes: details.notes.map((note) => ({ id: note.id, body: note.body, createdAt: note.created_at.toISOString() })),
    photos: details.photos.map((photo) => ({ id: photo.id, caption: photo.caption, url: `/api/v1/work-orders/${number}/attachments/${photo.id}` })),
    report: details.report ? { url: `/api/v1/work-orders/${number}/report.pdf`, mailedTo: details.report.mailed_to } : null,
  };
}

const ListCursor = z.object({ n: RecordNumber });

/** `timeZone` decides which day `date` means (the technician's own day in `/technicians/me/jobs`; UTC otherwise). */
export async function listWorkOrders(trx: Knex.Transaction, orgId: string, query: ListWorkOrdersQuery, onlyTechnician: string | null, timeZone = 'UTC') {
  const after = decodeCursor(query.cursor, ListCursor);
  const rows = await listWorkOrderRows(trx, orgId, {
    status: query.status, technicianId: query.technicianId, onlyTechnician, assetId: query.assetId, ticketNumber: query.ticketNumber,
    date: query.date, timeZone, search: query.q, beforeNumber: after?.n ?? null, limit: query.limit,
  });
  return keysetPage(rows, query.limit, summaryView, (last) => ({ n: last.number }));
}

/** The work order's history, oldest first. */
export function listWorkOrderTimeline(trx: Knex.Transaction, orgId: string, number: number, page: { limit: number; cursor?: string | undefined }) {
  return listEventTimeline(trx, { table: 'work_order_events', numberColumn: 'work_order_number' }, orgId, number, page);
}
