import { createHash, randomUUID } from 'node:crypto';
import { withTenant } from '../../db/tenant';
import { ticketSubject } from '../../db/ticket-read-model';
import { findWorkOrderAttachment, findWorkOrderReportPdf, insertWorkOrderAttachment } from '../../db/work-order-files';
import { workOrderExists } from '../../db/work-order-records';
import { ACCESS, type Auth, type Role } from '../auth/roles';
import { commandRoute, createdReply, idempotencyKey, type CommandInput } from '../command-route';
import type { ApiDeps } from '../deps';
import { assertMayTransition, assertMayWork, commandWorkOrder, createWorkOrder, getWorkOrder, listWorkOrderTimeline, listWorkOrders, technicianIdOf } from '../field-service/work-orders';
import { checkSlot, slotRefused } from '../field-service/slot-check';
import { found, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { page } from '../schemas/common';
import {
  AttachmentParams,
  CheckItemBody,
  ChecklistParams,
  CreateFromTicketBody,
  CreateWorkOrderBody,
  EtaBody,
  ListWorkOrdersQuery,
  NoteBody,
  PartsBody,
  PhotoBody,
  ScheduleBody,
  SlotBody,
  SlotCheckSchema,
  SignatureBody,
  TransitionBody,
  UnscheduleBody,
  WaiverBody,
  WorkOrderNumberParams,
  WorkOrderSchema,
} from '../schemas/field-service';
import { IdempotencyHeaders, TicketNumberParams, TimelineEventSchema, TimelineQuery } from '../schemas/tickets';
import { parse } from '../validation';
import type { z } from 'zod';

const workOrderResponse = { 200: { description: 'The work order after the change', schema: WorkOrderSchema } };

/** A stable id for what a keyed request uploads, so a retried upload stores nothing twice. */
function uploadId(auth: Auth, number: number, kind: string, key: string | undefined): string {
  if (key === undefined) return randomUUID();
  const hex = createHash('sha256').update(`${auth.orgId}/${number}/${kind}/${key}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function decodeImage(dataUrl: string): { contentType: string; bytes: Buffer } {
  const [header, base64] = dataUrl.split(',', 2) as [string, string];
  return { contentType: header.slice('data:'.length, header.indexOf(';')), bytes: Buffer.from(base64, 'base64') };
}

const workOrders = routeGroup({ tag: 'work orders', access: ACCESS.staff });

export function workOrderRoutes(deps: ApiDeps) {
  const { db } = deps;

  const create = workOrders.post('/work-orders', {
    access: ACCESS.dispatch, operationId: 'createWorkOrder', summary: 'Open a work order directly (starts its workflow)',
    body: CreateWorkOrderBody, headers: IdempotencyHeaders,
    responses: { 201: { description: 'Created', schema: WorkOrderSchema } },
    async handler({ auth, body, ctx }) {
      const draft = { ...body, source: 'direct' as const, ticketNumber: null, planId: null, solveTicketOnSignOff: false };
      const { workOrder, replayed } = await createWorkOrder(deps, auth, draft, idempotencyKey(ctx));
      return createdReply(`/api/v1/work-orders/${workOrder.number}`, workOrder, replayed);
    },
  });

  const fromTicket = workOrders.post('/tickets/{number}/work-orders', {
    access: ['owner', 'admin', 'agent', 'dispatcher'], operationId: 'createTicketWorkOrder', summary: 'Open a work order for a ticket; both timelines show the link',
    params: TicketNumberParams, body: CreateFromTicketBody, headers: IdempotencyHeaders,
    responses: { 201: { description: 'Created', schema: WorkOrderSchema } },
    async handler({ auth, params, body, ctx }) {
      const title = body.title ?? (await withTenant(db, auth, (trx) => ticketSubject(trx, auth.orgId, params.number)));
      if (title === undefined) throw notFound(`Ticket #${params.number}`);
      const draft = { ...body, title, source: 'ticket' as const, ticketNumber: params.number, planId: null };
      const { workOrder, replayed } = await createWorkOrder(deps, auth, draft, idempotencyKey(ctx));
      return createdReply(`/api/v1/work-orders/${workOrder.number}`, workOrder, replayed);
    },
  });

  const forTicket = workOrders.get('/tickets/{number}/work-orders', {
    access: ACCESS.readTickets, operationId: 'listTicketWorkOrders', summary: "A ticket's work orders",
    params: TicketNumberParams,
    responses: { 200: { description: 'Work orders', schema: page(WorkOrderSchema) } },
    async handler({ auth, params }) {
      const query = parse(ListWorkOrdersQuery, { ticketNumber: String(params.number), limit: '200' }, 'query');
      return { status: 200, body: await withTenant(db, auth, (trx) => listWorkOrders(trx, auth.orgId, query, null)) };
    },
  });

  const list = workOrders.get('/work-orders', {
    operationId: 'listWorkOrders', summary: 'Work orders, filtered and paginated (technicians see their own)',
    query: ListWorkOrdersQuery,
    responses: { 200: { description: 'A page of work orders', schema: page(WorkOrderSchema) } },
    async handler({ auth, query }) {
      const body = await withTenant(db, auth, async (trx) => {
        const only = auth.role === 'technician' ? ((await technicianIdOf(trx, auth)) ?? '00000000-0000-0000-0000-000000000000') : null;
        return listWorkOrders(trx, auth.orgId, query, only);
      });
      return { status: 200, body };
    },
  });

  const show = workOrders.get('/work-orders/{number}', {
    operationId: 'getWorkOrder', summary: 'One work order with its checklist, parts, notes, photos and report',
    params: WorkOrderNumberParams,
    responses: { 200: { description: 'The work order', schema: WorkOrderSchema } },
    async handler({ auth, params }) {
      await assertMayWork(deps, auth, params.number);
      const workOrder = await withTenant(db, auth, (trx) => getWorkOrder(trx, auth.orgId, params.number));
      if (!workOrder) throw notFound(`Work order #${params.number}`);
      return { status: 200, body: workOrder };
    },
  });

  const timeline = workOrders.get('/work-orders/{number}/timeline', {
    operationId: 'getWorkOrderTimeline', summary: 'Everything that happened to a work order, oldest first',
    params: WorkOrderNumberParams, query: TimelineQuery,
    responses: { 200: { description: 'A page of events', schema: page(TimelineEventSchema) } },
    async handler({ auth, params, query }) {
      await assertMayWork(deps, auth, params.number);
      const result = await withTenant(db, auth, async (trx) => {
        if (!(await workOrderExists(trx, auth.orgId, params.number))) return null;
        return listWorkOrderTimeline(trx, auth.orgId, params.number, query);
      });
      if (!result) throw notFound(`Work order #${params.number}`);
      return { status: 200, body: result };
    },
  });

  /** A command on the work order (its workflow's Update), answered with the work order after it. */
  function workOrderCommand<P extends z.ZodType, B extends z.ZodType>(
    declared: { path: string; operationId: string; summary: string; access: readonly Role[]; params: P; body: B },
    run: (input: CommandInput<P, B>) => Promise<unknown>,
  ) {
    return commandRoute({ ...declared, tag: 'work orders', responses: workOrderResponse, run });
  }

  const schedule = workOrderCommand({
    path: '/work-orders/{number}/schedule', operationId: 'scheduleWorkOrder', access: ACCESS.dispatch, params: WorkOrderNumberParams, body: ScheduleBody,
    summary: 'Commit a technician and a time window (Update workOrder.schedule)',
  }, async ({ auth, params, body, key }) => {
    const { override, ...slot } = body;
    // Checked before the command, so a refused slot writes nothing; a dispatcher who knows
    // better (an overtime visit) overrides, and the schedule is committed as asked.
    if (!override) {
      const refusals = await withTenant(db, auth, (trx) => checkSlot(trx, auth.orgId, params.number, slot));
      if (refusals.length > 0) throw slotRefused(refusals);
    }
    return commandWorkOrder(deps, auth, params.number, 'schedule', { actorId: auth.userId, ...slot }, key, body);
  });

  const unschedule = workOrderCommand({
    path: '/work-orders/{number}/unschedule', operationId: 'unscheduleWorkOrder', access: ACCESS.dispatch, params: WorkOrderNumberParams, body: UnscheduleBody,
    summary: 'Take the technician and window off a job nobody has set out for (Update workOrder.unschedule): back to created',
  }, ({ auth, params, body, key }) => commandWorkOrder(deps, auth, params.number, 'unschedule', { actorId: auth.userId, reason: body.reason ?? null }, key));

  const checkSchedule = workOrders.post('/work-orders/{number}/schedule/check', {
    access: ACCESS.dispatch, operationId: 'checkWorkOrderSlot',
    summary: "Would the technician take this slot? Every reason they cannot (skills, shifts, time off, their other visits); commits nothing",
    params: WorkOrderNumberParams, body: SlotBody,
    responses: { 200: { description: 'The check', schema: SlotCheckSchema } },
    async handler({ auth, params, body }) {
      const refusals = await withTenant(db, auth, (trx) => checkSlot(trx, auth.orgId, params.number, body));
      return { status: 200, body: { ok: refusals.length === 0, refusals } };
    },
  });

  const transition = workOrderCommand({
    path: '/work-orders/{number}/transitions', operationId: 'transitionWorkOrder', access: ACCESS.fieldWork, params: WorkOrderNumberParams, body: TransitionBody,
    summary: 'Move the work order through its lifecycle (Update workOrder.transition)',
  }, ({ auth, params, body, key }) => {
    assertMayTransition(auth, body.status);
    const args = { actorId: auth.userId, to: body.status, reason: body.reason ?? null, etaAt: body.etaAt ?? null };
    return commandWorkOrder(deps, auth, params.number, 'transition', args, key);
  });

  const eta = workOrderCommand({
    path: '/work-orders/{number}/eta', operationId: 'setWorkOrderEta', access: ACCESS.fieldWork, params: WorkOrderNumberParams, body: EtaBody,
    summary: 'Set the expected arrival time',
  }, ({ auth, params, body, key }) => commandWorkOrder(deps, auth, params.number, 'setEta', { actorId: auth.userId, etaAt: body.etaAt }, key));

  const checkItem = workOrderCommand({
    path: '/work-orders/{number}/checklist/{itemId}', operationId: 'tickChecklistItem', access: ACCESS.fieldWork, params: ChecklistParams, body: CheckItemBody,
    summary: 'Tick (or untick) a checklist item, with an optional note',
  }, ({ auth, params, body, key }) => {
    const args = { actorId: auth.userId, itemId: params.itemId, done: body.done, ...(body.note !== undefined && { note: body.note }) };
    return commandWorkOrder(deps, auth, params.number, 'checkItem', args, key);
  });

  const parts = workOrderCommand({
    path: '/work-orders/{number}/parts', operationId: 'recordWorkOrderParts', access: ACCESS.fieldWork, params: WorkOrderNumberParams, body: PartsBody,
    summary: 'Record parts used: stock at the location is decremented exactly once per line',
  }, ({ auth, params, body, key }) => {
    const args = { actorId: auth.userId, lineId: body.lineId ?? key ?? randomUUID(), itemId: body.itemId, locationId: body.locationId, quantity: body.quantity };
    return commandWorkOrder(deps, auth, params.number, 'useParts', args, key);
  });

  const note = workOrderCommand({
    path: '/work-orders/{number}/notes', operationId: 'addWorkOrderNote', access: ACCESS.fieldWork, params: WorkOrderNumberParams, body: NoteBody,
    summary: 'Add a note',
  }, ({ auth, params, body, key }) => commandWorkOrder(deps, auth, params.number, 'addNote', { actorId: auth.userId, noteId: body.noteId ?? key ?? randomUUID(), body: body.body }, key));

  const photo = workOrderCommand({
    path: '/work-orders/{number}/photos', operationId: 'uploadWorkOrderPhoto', access: ACCESS.fieldWork, params: WorkOrderNumberParams, body: PhotoBody,
    summary: 'Upload a photo (PNG or JPEG data URL) and attach it',
  }, async ({ auth, params, body, key }) => {
    const id = await storeUpload(auth, params.number, 'photo', body.image, key, body.caption ?? null);
    return commandWorkOrder(deps, auth, params.number, 'addPhoto', { actorId: auth.userId, attachmentId: id, caption: body.caption ?? null }, key, body);
  });

  const signature = workOrderCommand({
    path: '/work-orders/{number}/signature', operationId: 'signWorkOrder', access: ACCESS.fieldWork, params: WorkOrderNumberParams, body: SignatureBody,
    summary: "The customer's signature (PNG data URL) and name",
  }, async ({ auth, params, body, key }) => {
    const id = await storeUpload(auth, params.number, 'signature', body.image, key, null);
    return commandWorkOrder(deps, auth, params.number, 'sign', { actorId: auth.userId, attachmentId: id, signerName: body.signerName }, key, body);
  });

  const waive = workOrderCommand({
    path: '/work-orders/{number}/signature-waiver', operationId: 'waiveWorkOrderSignature', access: ACCESS.dispatch, params: WorkOrderNumberParams, body: WaiverBody,
    summary: 'Let the work order complete without a customer signature (dispatchers)',
  }, ({ auth, params, body, key }) => commandWorkOrder(deps, auth, params.number, 'waiveSignature', { actorId: auth.userId, reason: body.reason }, key));

  const attachment = workOrders.get('/work-orders/{number}/attachments/{id}', {
    operationId: 'getWorkOrderAttachment', summary: 'A photo or signature image',
    params: AttachmentParams,
    responses: { 200: { description: 'The image (PNG or JPEG)' } },
    async handler({ auth, params, ctx }) {
      await assertMayWork(deps, auth, params.number);
      const row = found(await withTenant(db, auth, (trx) => findWorkOrderAttachment(trx, auth.orgId, params.number, params.id)), 'Attachment');
      ctx.type = row.content_type;
      return { status: 200, body: row.bytes, headers: { 'Cache-Control': 'private, max-age=86400' } };
    },
  });

  const report = workOrders.get('/work-orders/{number}/report.pdf', {
    operationId: 'getWorkOrderReport', summary: 'The service report PDF, once the work order is signed off',
    params: WorkOrderNumberParams,
    responses: { 200: { description: 'application/pdf' } },
    async handler({ auth, params, ctx }) {
      await assertMayWork(deps, auth, params.number);
      const pdf = found(await withTenant(db, auth, (trx) => findWorkOrderReportPdf(trx, auth.orgId, params.number)), `Service report of work order #${params.number}`);
      ctx.type = 'application/pdf';
      return { status: 200, body: pdf, headers: { 'Content-Disposition': `inline; filename="work-order-${params.number}.pdf"` } };
    },
  });

  async function storeUpload(auth: Auth, number: number, kind: 'photo' | 'signature', dataUrl: string, key: string | undefined, caption: string | null): Promise<string> {
    await assertMayWork(deps, auth, number);
    const id = uploadId(auth, number, kind, key);
    const { contentType, bytes } = decodeImage(dataUrl);
    await withTenant(db, auth, async (trx) => {
      if (!(await workOrderExists(trx, auth.orgId, number))) throw notFound(`Work order #${number}`);
      await insertWorkOrderAttachment(trx, auth.orgId, { id, number, kind, contentType, caption, bytes, uploadedBy: auth.userId });
    });
    return id;
  }

  return [create, fromTicket, forTicket, list, show, timeline, schedule, checkSchedule, unschedule, transition, eta, checkItem, parts, note, photo, signature, waive, attachment, report];
}
