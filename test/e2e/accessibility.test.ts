import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { invitationToken } from '../helpers/invitation-outbox';
import { addMember, newTicket, PASSWORD, signupOrg, type Org } from '../helpers/api-client';
import type { TestStack } from '../helpers/test-stack';
import { expectStatus, setUpFieldOrg, type FieldOrg } from '../field-service/fixtures';
import { expectAccessible } from './axe';
import { consoleForSuite, logIn } from './console-suite';

let stack: TestStack;
let browser: Browser;

consoleForSuite((suite) => ({ stack, browser } = suite));

/** An hour of today as the (Amsterdam) technician's app sees it; 09–11 UTC is the same day there. */
function at(hour: number): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  return `${today}T${String(hour).padStart(2, '0')}:00:00Z`;
}

/** The page once its content is in and nothing is still animating in. */
async function settle(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor().catch(async (error: Error) => {
    throw new Error(`${error.message}\n${page.url()} shows: ${(await page.locator('body').innerText()).slice(0, 600)}`);
  });
  await page.waitForLoadState('networkidle');
  await page.waitForFunction("document.getAnimations().every((animation) => animation.playState !== 'running')");
}

/** Opens a console path, waits for `ready` and checks the page against WCAG 2.1 AA. */
async function visit(page: Page, path: string, ready = 'main h2'): Promise<void> {
  await page.goto(`${stack.url}${path}`);
  await settle(page, ready);
  await expectAccessible(page, { context: path });
}

/** Checks what a click on `testId` opens on the page (an editor, a dialog), once it has settled. */
async function open(page: Page, testId: string, ready: string, context: string): Promise<void> {
  await page.getByTestId(testId).first().click();
  await settle(page, ready);
  await expectAccessible(page, { context });
}

describe('every console page meets WCAG 2.1 AA (axe)', () => {
  let page: Page;
  let org: Org;
  let field: FieldOrg;
  const ids: { ticket: number; article: string; rule: string; workOrder: number; invitation: string } = { ticket: 0, article: '', rule: '', workOrder: 0, invitation: '' };

  beforeAll(async () => {
    org = await signupOrg(stack.url);
    const agent = await addMember(org, 'agent');
    field = await setUpFieldOrg(org);
    ids.ticket = (await expectStatus(org.api.post('/tickets', newTicket({ priority: 'high' })), 201)).number;
    // A notification for the owner's bell: the agent assigns them the ticket.
    await expectStatus(agent.api.post(`/tickets/${ids.ticket}/assign`, { assigneeId: org.owner.id }), 200);
    // A follower the owner may remove: the ticket page's followers card with its list.
    await expectStatus(org.api.post(`/tickets/${ids.ticket}/followers`, { userId: agent.id }), 200);
    await expectStatus(org.api.post('/tickets', newTicket({ subject: 'Invoice is wrong' })), 201);
    const hours = [{ start: '09:00', end: '17:00' }];
    const calendar = await expectStatus(org.api.post('/calendars', { name: 'Paris', timeZone: 'Europe/Paris', week: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours }, holidays: [{ date: '2026-12-25', yearly: true }] }), 201);
    await expectStatus(org.api.post('/sla-policies', { name: 'Office', hours: 'business', calendarId: calendar.id, conditions: { priorities: ['high'] }, targets: { high: { first_response: 7200 } } }), 201);
    ids.article = (await expectStatus(org.api.post('/kb/articles', { title: 'Getting a refund', body: 'Refunds are paid within **five** days.', status: 'published' }), 201)).id;
    await expectStatus(org.api.patch(`/kb/articles/${ids.article}`, { body: 'Refunds are paid within three days.' }), 200);
    ids.rule = (await expectStatus(org.api.post('/rules', {
      name: 'Tag escalations', events: ['ticket.updated'],
      conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] },
      actions: [{ type: 'add_tags', tags: ['escalated'] }],
    }), 201)).id;
    // Custom fields: the ticket page's fields card, the queue's field filter and the settings page show them.
    await expectStatus(org.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], requiredOnSolve: true }), 201);
    await expectStatus(org.api.post('/fields', { key: 'modules', label: 'Modules', type: 'multi_select', options: ['mail', 'voice'] }), 201);
    await expectStatus(org.api.post('/fields', { key: 'renewal', label: 'Renewal', type: 'date', condition: { fieldKey: 'plan', equals: 'pro' } }), 201);
    await expectStatus(org.api.post('/ticket-forms', { name: 'Billing', fieldKeys: ['plan', 'modules', 'renewal'], isDefault: true }), 201);
    await expectStatus(org.api.patch(`/tickets/${ids.ticket}`, { fields: { plan: 'pro' } }), 200);
    // The Customers page: a company whose domain a contact joins by their ticket.
    await expectStatus(org.api.post('/companies', { name: 'Acme', domains: ['acme.example'], notes: 'Key account' }), 201);
    await expectStatus(org.api.post('/tickets', newTicket({ requester: { email: 'ann@acme.example', name: 'Ann' } })), 201);
    await expectStatus(org.api.post('/macros', { name: 'Refund issued', reply: { body: 'Hi {{requester.name}}, the refund is on its way.', visibility: 'public' }, actions: [{ type: 'add_tags', tags: ['refund'] }] }), 201);
    const d = field.dispatcher.api;
    ids.workOrder = (await expectStatus(d.post('/work-orders', { title: 'Replace AC filter', assetId: field.assetId, checklist: ['Replace filter'] }), 201)).number;
    await expectStatus(d.post(`/work-orders/${ids.workOrder}/schedule`, { technicianId: field.technician.technicianId, windowStart: at(9), windowEnd: at(11) }), 200);
    await expectStatus(d.post(`/work-orders/${ids.workOrder}/transitions`, { status: 'dispatched' }), 200);
    const invitee = 'invitee@example.com';
    await expectStatus(org.api.post('/users', { email: invitee, name: 'Invited person', role: 'agent' }), 201);
    ids.invitation = invitationToken(invitee);
    await expectStatus(org.api.post('/reports/schedules', {
      name: 'Weekly support', source: { kind: 'dashboard', dashboardId: 'support' }, format: 'pdf',
      recipients: ['lead@example.com'], cadence: { every: 'weekly', at: '08:00', weekday: 'monday' }, timeZone: 'Europe/Paris',
    }), 201);
    page = await (await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB' })).newPage();
  });
  afterAll(async () => {
    await page?.context().close();
  });

  describe('signed out', () => {
    it('login', () => visit(page, '/login', '[data-testid="login-submit"]'));
    it('signup', () => visit(page, '/signup', '[data-testid="signup-submit"]'));
    it('signup confirmation without a token', () => visit(page, '/signup/confirm', '[data-testid="signup-confirm"]'));
    it('forgot password', () => visit(page, '/forgot-password', '[data-testid="forgot-submit"]'));
    it('reset password without a token', () => visit(page, '/reset-password', '[data-testid="reset-password-page"]'));
    it('invitation', () => visit(page, `/invitations/${ids.invitation}`, '[data-testid="invitation-accept"]'));
  });

  describe('signed in as the owner', () => {
    beforeAll(async () => {
      await page.context().close();
      page = await logIn({ stack, browser }, org.owner);
    });

    it('ticket queue', () => visit(page, '/tickets', '[data-testid="new-ticket"]'));
    it('new ticket dialog', () => open(page, 'new-ticket', '[role="dialog"]', 'new ticket dialog'));
    it('ticket detail', () => visit(page, `/tickets/${ids.ticket}`, '[data-testid="ticket-title"]'));
    it('breaching soon', () => visit(page, '/sla/breaching'));
    it('SLA report', () => visit(page, '/reports/sla', '[data-testid="report-compliance"]'));
    it('AI accuracy', () => visit(page, '/reports/ai'));
    it('report builder', () => visit(page, '/reports/builder', '[data-testid="builder-dataset"]'));
    it('my dashboard', () => visit(page, '/reports/custom'));
    it('scheduled reports', () => visit(page, '/reports/schedules', '[data-testid="schedule-item"]'));
    it('scheduled report editor', () => open(page, 'schedule-item', '[data-testid="schedule-editor"]', 'scheduled report editor'));
    it('support dashboard', () => visit(page, '/reports/dashboards', '.n-card'));
    it('field service dashboard', () => visit(page, '/reports/dashboards/field-service', '.n-card'));
    it('automation dashboard', () => visit(page, '/reports/dashboards/automation', '.n-card'));
    it('knowledge base', () => visit(page, '/kb', '[data-testid="kb-article-row"]'));
    it('knowledge base report', () => visit(page, '/kb/report', 'main h3'));
    it('new article', () => visit(page, '/kb/articles/new', '[data-testid="kb-save"]'));
    it('article editor', () => visit(page, `/kb/articles/${ids.article}`, '[data-testid="kb-version"]'));
    it('article history', () => visit(page, `/kb/articles/${ids.article}/history`, '[data-testid="kb-version-row"]'));
    it('calendars', () => visit(page, '/settings/calendars', '[data-testid="calendar-item"]'));
    it('calendar editor', () => open(page, 'calendar-item', '[data-testid="calendar-editor"]', 'calendar editor'));
    it('SLA policies', () => visit(page, '/settings/sla-policies', '[data-testid="policy-item"]'));
    it('SLA policy editor', () => open(page, 'policy-item', '[data-testid="policy-editor"]', 'SLA policy editor'));
    it('rules', () => visit(page, '/settings/rules', '[data-testid="rule-row"]'));
    it('new rule designer', () => visit(page, '/settings/rules/new', '[data-testid="templates"]'));
    it('rule designer', () => visit(page, `/settings/rules/${ids.rule}`, '[data-testid="save-rule"]'));
    it('custom fields', () => visit(page, '/settings/fields', '[data-testid="field-item"]'));
    it('custom field editor', () => open(page, 'field-item', '[data-testid="field-editor"]', 'custom field editor'));
    it('ticket form editor', () => open(page, 'form-item', '[data-testid="form-editor"]', 'ticket form editor'));
    it('mailboxes', () => visit(page, '/settings/mailboxes', '[data-testid="new-mailbox"]'));
    it('mailbox editor', () => open(page, 'new-mailbox', '[data-testid="mailbox-editor"]', 'mailbox editor'));
    it('members', () => visit(page, '/settings/members', '[data-testid="invite-form"]'));
    it('customers: companies', () => visit(page, '/customers', '[data-testid="company-row"]'));
    it('company drawer', () => open(page, 'company-open', '[data-testid="company-drawer"]', 'company drawer'));
    it('customers: contacts', () => visit(page, '/customers?tab=contacts', '[data-testid="contact-row"]'));
    it('contact drawer', () => open(page, 'contact-open', '[data-testid="contact-drawer"]', 'contact drawer'));
    it('macros', () => visit(page, '/settings/macros', '[data-testid="macro-item"]'));
    it('macro editor', () => open(page, 'macro-item', '[data-testid="macro-editor"]', 'macro editor'));
    it('work orders', () => visit(page, '/field/work-orders', '[data-testid="new-work-order"]'));
    it('work order', () => visit(page, `/field/work-orders/${ids.workOrder}`, '[data-testid="wo-status"]'));
    it('assets', () => visit(page, '/field/assets', 'main table'));
    it("an asset's maintenance plans", () => open(page, 'asset-link', '[data-testid="maintenance-plans"] h4', 'asset drawer'));
    it('new maintenance plan', () => open(page, 'new-plan', '[data-testid="plan-form"]', 'maintenance plan form'));
    it('technicians', () => visit(page, '/field/technicians', '[data-testid="technician-card"]'));
    it('technician editor', () => open(page, 'technician-card', '[data-testid="technician-editor"]', 'technician editor'));
    it('new technician', () => open(page, 'new-technician', '[data-testid="technician-editor"]', 'new technician'));
    it('stock', () => visit(page, '/field/stock', 'main table'));
    it('dispatch board', () => visit(page, '/dispatch', '[data-testid="dispatch-date"]'));
    it('security', () => visit(page, '/security', '[data-testid="change-password"]'));
    it('notification preferences', () => visit(page, '/settings/notifications', '[data-testid="pref-assigned-in_app"]'));
    it('notification drawer', () => open(page, 'notification-bell', '[data-testid="notification-item"]', 'notification drawer'));
  });

  describe('signed in as the technician', () => {
    beforeAll(async () => {
      await page.context().close();
      page = await logIn({ stack, browser }, { email: field.technician.email, password: PASSWORD }, {
        context: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, timezoneId: 'UTC', locale: 'en-GB' }, next: '/tech', landing: (url) => url.pathname === '/tech',
      });
    });

    it("today's jobs", () => visit(page, '/tech', '[data-testid="tech-job"]'));
    it('a job', () => visit(page, `/tech/jobs/${ids.workOrder}`, '[data-testid="tech-status"]'));
  });
});
