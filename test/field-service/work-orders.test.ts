import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkOrderRecordActivities } from '../../activities/work-order-records';
import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { workOrderWorkflowId } from '../../domain/work-order/index';
import { EntityType, Status } from '../../workflows/search-attributes';
import { workOrderMessages } from '../../workflows/work-order-messages';
import { addMember, type Org } from '../helpers/api-client';
import { connectAsApp } from '../helpers/app-db';
import { eventually } from '../helpers/eventually';
import type { TestStack } from '../helpers/test-stack';
import { dataUrl, expectStatus, pngOf, startFieldStack, type FieldOrg } from './fixtures';
import { readPdf } from './pdf';

let stack: TestStack;
let org: Org;
let field: FieldOrg;
let db: Db;
let smtp: SMTPServer;
const mails: { to: string; subject: string; text: string; attachments: { filename?: string; contentType: string; size: number }[] }[] = [];

beforeAll(async () => {
  // A local SMTP server stands in for the customer's mailbox: reports are mailed when one is configured.
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push({ to: mail.to && !Array.isArray(mail.to) ? mail.to.text : '', subject: mail.subject ?? '', text: mail.text ?? '', attachments: mail.attachments });
          callback();
        })
        .catch(callback);
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  process.env.KEEL_REPORT_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.KEEL_PUBLIC_URL = 'https://keel.example';
  ({ stack, org, field } = await startFieldStack());
  db = connectAsApp();
});
afterAll(async () => {
  await stack?.stop();
  await db?.destroy();
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  delete process.env.KEEL_REPORT_SMTP_URL;
  delete process.env.KEEL_PUBLIC_URL;
});

// The suite's jobs share one window and technician, so each schedule overrides the slot check
// (tested in test/field-service/slot-check.test.ts).
const window = { windowStart: '2026-11-27T09:00:00Z', windowEnd: '2026-11-27T11:00:00Z', override: true };

async function scheduledOnSite(checklist: string[] = ['Replace filter', 'Check refrigerant']): Promise<number> {
  const d = field.dispatcher.api;
  const created = await expectStatus(d.post('/work-orders', { title: 'Quarterly service', assetId: field.assetId, checklist }), 201);
  const path = `/work-orders/${created.number}`;
  await expectStatus(d.post(`${path}/schedule`, { technicianId: field.technician.technicianId, ...window }), 200);
  const t = field.technician.api;
  await expectStatus(t.post(`${path}/transitions`, { status: 'dispatched' }), 200);
  await expectStatus(t.post(`${path}/transitions`, { status: 'en_route', etaAt: '2026-11-27T09:20:00Z' }), 200);
  await expectStatus(t.post(`${path}/transitions`, { status: 'on_site' }), 200);
  return created.number;
}

describe('work-order lifecycle over the API', () => {
  it('walks from created to signed off; refuses invalid transitions and completion without checklist or signature', async () => {
    const d = field.dispatcher.api;
    const t = field.technician.api;
    const created = await expectStatus(d.post('/work-orders', { title: 'Quarterly service', assetId: field.assetId, checklist: ['Replace filter', 'Check refrigerant'] }), 201);
    expect(created).toMatchObject({ status: 'created', source: 'direct', asset: { id: field.assetId }, checklist: [{ id: 'c1', done: false }, { id: 'c2', done: false }] });
    const path = `/work-orders/${created.number}`;

    const early = await d.post(`${path}/transitions`, { status: 'dispatched' });
    expect(early.status).toBe(409);
    expect(early.body.type).toMatch(/invalid-transition$/);
    expect((await d.post(`${path}/transitions`, { status: 'on_site' })).status).toBe(409);
    // Not yet assigned to this technician: they may not touch it.
    expect((await t.post(`${path}/transitions`, { status: 'dispatched' })).status).toBe(403);

    const scheduled = await expectStatus(d.post(`${path}/schedule`, { technicianId: field.technician.technicianId, ...window }), 200);
    expect(scheduled).toMatchObject({ status: 'scheduled', technician: { id: field.technician.technicianId } });
    await expectStatus(t.post(`${path}/transitions`, { status: 'dispatched' }), 200);
    const enRoute = await expectStatus(t.post(`${path}/transitions`, { status: 'en_route', etaAt: '2026-11-27T09:20:00Z' }), 200);
    expect(enRoute.etaAt).toBe('2026-11-27T09:20:00.000Z');
    const onSite = await expectStatus(t.post(`${path}/transitions`, { status: 'on_site' }), 200);
    expect(onSite.arrivedAt).not.toBeNull();

    const incomplete = await t.post(`${path}/transitions`, { status: 'completed' });
    expect(incomplete.status).toBe(409);
    expect(incomplete.body.type).toMatch(/checklist-incomplete$/);
    await expectStatus(t.post(`${path}/checklist/c1`, { done: true }), 200);
    await expectStatus(t.post(`${path}/checklist/c2`, { done: true, note: 'Pressure 4.1 bar' }), 200);
    const unsigned = await t.post(`${path}/transitions`, { status: 'completed' });
    expect(unsigned.status).toBe(409);
    expect(unsigned.body.type).toMatch(/signature-required$/);

    await expectStatus(t.post(`${path}/parts`, { itemId: field.itemId, locationId: field.vanId, quantity: 1 }), 200);
    await expectStatus(t.post(`${path}/notes`, { body: 'Filter was clogged with leaves.' }), 200);
    await expectStatus(t.post(`${path}/photos`, { image: dataUrl(pngOf(64, 48, [200, 30, 30])), caption: 'Old filter' }), 200);
    const signed = await expectStatus(t.post(`${path}/signature`, { image: dataUrl(pngOf(300, 120)), signerName: 'Site Owner' }), 200);
    expect(signed.signature.signerName).toBe('Site Owner');
    const completed = await expectStatus(t.post(`${path}/transitions`, { status: 'completed' }), 200);
    expect(completed).toMatchObject({ status: 'completed', nextStatuses: ['signed_off'] });
    expect(completed.timeOnSiteSeconds).toBeGreaterThanOrEqual(0);
    await expectStatus(t.post(`${path}/transitions`, { status: 'signed_off' }), 200);

    // After sign-off the workflow renders the report, mails it and ends.
    const handle = stack.temporal.workflow.getHandle(workOrderWorkflowId(org.orgId, created.number));
    const final = await handle.result();
    expect(final.status).toBe('signed_off');
    const attributes = (await handle.describe()).typedSearchAttributes;
    expect(attributes.get(EntityType)).toBe('work_order');
    expect(attributes.get(Status)).toBe('signed_off');

    const shown = await expectStatus(d.get(path), 200);
    expect(shown).toMatchObject({
      status: 'signed_off',
      parts: [{ itemId: field.itemId, quantity: 1 }],
      notes: [{ body: 'Filter was clogged with leaves.' }],
      photos: [{ caption: 'Old filter' }],
      report: { url: `/api/v1${path}/report.pdf`, mailedTo: 'site-owner@example.com' },
    });
    const timeline = await expectStatus(d.get(`${path}/timeline`), 200);
    expect(timeline.data.map((event: { type: string }) => event.type)).toEqual([
      'created', 'scheduled', 'status_changed', 'status_changed', 'status_changed', 'eta_set', 'status_changed', 'arrived',
      'checklist_item_updated', 'checklist_item_updated', 'parts_used', 'note_added', 'photo_added', 'signed',
      'status_changed', 'completed', 'status_changed', 'report_generated',
    ]);
    expect((await d.post(`${path}/notes`, { body: 'too late' })).status).toBe(409);

    const mail = mails.find((candidate) => candidate.subject.includes(`#${created.number}`));
    expect(mail?.to).toBe('site-owner@example.com');
    expect(mail?.text).toMatch(new RegExp(`https://keel\\.example/rate/${org.orgId}/${created.number}/[A-Za-z0-9_-]+`));
    expect(mail?.attachments.map((attachment) => attachment.contentType)).toEqual(['application/pdf']);

    // The customer rates the visit through the mailed link, without an account.
    const token = /\/rate\/[^/]+\/\d+\/([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1] ?? '';
    const anonymous = d.as(null);
    expect((await anonymous.post(`${path}/rating`, { orgId: org.orgId, token: `${token}x`, rating: 5 })).status).toBe(404);
    const rated = await expectStatus(anonymous.post(`${path}/rating`, { orgId: org.orgId, token, rating: 4, comment: 'Quick and tidy' }), 200);
    expect(rated).toMatchObject({ number: created.number, rating: 4, comment: 'Quick and tidy' });
    expect((await expectStatus(anonymous.get(`${path}/rating?orgId=${org.orgId}&token=${token}`), 200)).rating).toBe(4);
  });

  it('holds and resumes; a dispatcher may waive the signature, a technician may not', async () => {
    const number = await scheduledOnSite([]);
    const path = `/work-orders/${number}`;
    const t = field.technician.api;
    expect((await t.post(`${path}/transitions`, { status: 'on_hold' })).status).toBe(422);
    const held = await expectStatus(t.post(`${path}/transitions`, { status: 'on_hold', reason: 'Waiting for a part' }), 200);
    expect(held.nextStatuses).toEqual(['on_site', 'cancelled']);
    await expectStatus(t.post(`${path}/transitions`, { status: 'on_site' }), 200);
    expect((await t.post(`${path}/signature-waiver`, { reason: 'nobody home' })).status).toBe(403);
    await expectStatus(field.dispatcher.api.post(`${path}/signature-waiver`, { reason: 'Customer away, approved by phone' }), 200);
    const completed = await expectStatus(t.post(`${path}/transitions`, { status: 'completed' }), 200);
    expect(completed.signatureWaivedReason).toBe('Customer away, approved by phone');
  });

  it('a technician cannot cancel their own job; a dispatcher can', async () => {
    const d = field.dispatcher.api;
    const created = await expectStatus(d.post('/work-orders', { title: 'Gutter check', assetId: field.assetId }), 201);
    const path = `/work-orders/${created.number}`;
    await expectStatus(d.post(`${path}/schedule`, { technicianId: field.technician.technicianId, ...window }), 200);
    await expectStatus(field.technician.api.post(`${path}/transitions`, { status: 'dispatched' }), 200);
    const refused = await field.technician.api.post(`${path}/transitions`, { status: 'cancelled', reason: 'Not worth the drive' });
    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.type).toMatch(/forbidden$/);
    expect((await expectStatus(d.get(path), 200)).status).toBe('dispatched');
    const cancelled = await expectStatus(d.post(`${path}/transitions`, { status: 'cancelled', reason: 'Customer cancelled' }), 200);
    expect(cancelled.status).toBe('cancelled');
  });

  it('validators refuse bad Updates before they reach history', async () => {
    const number = await scheduledOnSite();
    const handle = stack.temporal.workflow.getHandle(workOrderWorkflowId(org.orgId, number));
    const before = (await handle.fetchHistory()).events?.length ?? 0;
    await expect(handle.executeUpdate(workOrderMessages.transition, { args: [{ actorId: null, to: 'signed_off' }] })).rejects.toThrow();
    await expect(handle.executeUpdate(workOrderMessages.checkItem, { args: [{ actorId: null, itemId: 'nope', done: true }] })).rejects.toThrow();
    const after = (await handle.fetchHistory()).events?.length ?? 0;
    expect(after).toBe(before);
  });
});

describe('parts and stock', () => {
  async function vanStock(): Promise<number> {
    const stock = await expectStatus(field.dispatcher.api.get(`/inventory/stock?locationId=${field.vanId}&itemId=${field.itemId}`), 200);
    return stock.data[0].quantity;
  }

  it('decrements stock exactly once under 20 concurrent retries of the same request', async () => {
    const number = await scheduledOnSite();
    const before = await vanStock();
    const key = randomUUID();
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => field.technician.api.post(`/work-orders/${number}/parts`, { itemId: field.itemId, locationId: field.vanId, quantity: 2 }, { 'Idempotency-Key': key })),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(await vanStock()).toBe(before - 2);
    const shown = await expectStatus(field.technician.api.get(`/work-orders/${number}`), 200);
    expect(shown.parts).toEqual([expect.objectContaining({ lineId: key, quantity: 2 })]);
  });

  it('the same Idempotency-Key with another body is a 422 and changes nothing', async () => {
    const number = await scheduledOnSite();
    const before = await vanStock();
    const key = randomUUID();
    await expectStatus(field.technician.api.post(`/work-orders/${number}/parts`, { itemId: field.itemId, locationId: field.vanId, quantity: 1 }, { 'Idempotency-Key': key }), 200);
    const reused = await field.technician.api.post(`/work-orders/${number}/parts`, { itemId: field.itemId, locationId: field.vanId, quantity: 3 }, { 'Idempotency-Key': key });
    expect(reused.status).toBe(422);
    expect(reused.body.type).toMatch(/idempotency-key-reused$/);
    expect(await vanStock()).toBe(before - 1);
  });

  it('a retried activity write of an applied change changes nothing, and stock cannot go negative', async () => {
    const number = await scheduledOnSite();
    await expectStatus(field.technician.api.post(`/work-orders/${number}/parts`, { lineId: 'line-a', itemId: field.itemId, locationId: field.vanId, quantity: 1 }), 200);
    const stockAfter = await vanStock();
    // Replay the exact write the workflow made (as a worker dying after the commit would).
    const handle = stack.temporal.workflow.getHandle(workOrderWorkflowId(org.orgId, number));
    const state = await handle.query(workOrderMessages.state);
    const activities = createWorkOrderRecordActivities(db);
    await activities.recordWorkOrderChange({
      orgId: org.orgId, number, seq: state.version, actorId: null, state,
      events: [{ type: 'parts_used', data: { lineId: 'line-a', itemId: field.itemId, locationId: field.vanId, quantity: 1 } }],
      occurredAt: new Date().toISOString(),
    });
    expect(await vanStock()).toBe(stockAfter);
    const lines = await withTenant(db, { orgId: org.orgId }, (trx) => trx('work_order_parts').where({ org_id: org.orgId, work_order_number: number }).count<{ count: string }[]>('* as count'));
    expect(Number(lines[0]!.count)).toBe(1);

    const tooMany = await field.technician.api.post(`/work-orders/${number}/parts`, { itemId: field.itemId, locationId: field.vanId, quantity: 1000 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.type).toMatch(/insufficient-stock$/);
    expect(await vanStock()).toBe(stockAfter);
  });
});

describe('work orders from tickets', () => {
  it('shows on both timelines, and sign-off adds a note to the ticket and solves it', async () => {
    const agent = await addMember(org, 'agent');
    const ticket = await expectStatus(agent.api.post('/tickets', { subject: 'AC blows warm air', description: 'Since Monday', requester: { email: 'tenant@example.com' } }), 201);
    const created = await expectStatus(agent.api.post(`/tickets/${ticket.number}/work-orders`, { checklist: [], solveTicketOnSignOff: true }), 201);
    expect(created).toMatchObject({ title: 'AC blows warm air', source: 'ticket', ticketNumber: ticket.number });
    const woTimeline = await expectStatus(agent.api.get(`/work-orders/${created.number}/timeline`), 200);
    expect(woTimeline.data[0]).toMatchObject({ type: 'created', data: { ticketNumber: ticket.number } });
    const linked = await eventually(
      () => agent.api.get(`/tickets/${ticket.number}/timeline`),
      (response) => response.body.data.some((event: { type: string }) => event.type === 'work_order_linked'),
    );
    expect(linked.body.data.find((event: { type: string }) => event.type === 'work_order_linked')).toMatchObject({ data: { workOrderNumber: created.number } });
    expect((await expectStatus(agent.api.get(`/tickets/${ticket.number}/work-orders`), 200)).data.map((wo: { number: number }) => wo.number)).toEqual([created.number]);

    const d = field.dispatcher.api;
    const path = `/work-orders/${created.number}`;
    await expectStatus(d.post(`${path}/schedule`, { technicianId: field.technician.technicianId, ...window }), 200);
    for (const status of ['dispatched', 'on_site']) await expectStatus(d.post(`${path}/transitions`, { status }), 200);
    await expectStatus(d.post(`${path}/signature-waiver`, { reason: 'Remote fix' }), 200);
    for (const status of ['completed', 'signed_off']) await expectStatus(d.post(`${path}/transitions`, { status }), 200);

    const solved = await eventually(() => agent.api.get(`/tickets/${ticket.number}`), (response) => response.body.status === 'solved');
    expect(solved.body.status).toBe('solved');
    const timeline = await expectStatus(agent.api.get(`/tickets/${ticket.number}/timeline`), 200);
    const types = timeline.data.map((event: { type: string }) => event.type);
    expect(types).toEqual(expect.arrayContaining(['work_order_linked', 'work_order_signed_off', 'replied']));
    const note = timeline.data.find((event: { type: string }) => event.type === 'replied');
    expect(note.data).toMatchObject({ visibility: 'internal' });
    expect(note.data.body).toContain(`Work order #${created.number}`);
  });
});

describe('service report', () => {
  it('the PDF holds the checklist, the parts and the signature image', async () => {
    const number = await scheduledOnSite(['Replace filter']);
    const path = `/work-orders/${number}`;
    const t = field.technician.api;
    await expectStatus(t.post(`${path}/checklist/c1`, { done: true }), 200);
    await expectStatus(t.post(`${path}/parts`, { itemId: field.itemId, locationId: field.vanId, quantity: 1 }), 200);
    await expectStatus(t.post(`${path}/signature`, { image: dataUrl(pngOf(321, 123)), signerName: 'Pat Signer' }), 200);
    await expectStatus(t.post(`${path}/transitions`, { status: 'completed' }), 200);
    await expectStatus(t.post(`${path}/transitions`, { status: 'signed_off' }), 200);
    await stack.temporal.workflow.getHandle(workOrderWorkflowId(org.orgId, number)).result();

    const response = await fetch(`${stack.url}/api/v1${path}/report.pdf`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const { text, images } = await readPdf(new Uint8Array(await response.arrayBuffer()));
    expect(text).toContain('Replace filter');
    expect(text).toContain('Air filter F7');
    expect(text).toContain('Signed by Pat Signer');
    expect(images).toContainEqual({ width: 321, height: 123 });
  });
});
