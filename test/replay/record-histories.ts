/**
 * Records ticket workflow histories for the replay test
 * (`npm run record:histories [-- --only NAME,NAME]`).
 *
 * Scenarios: `lifecycle`, `refusals`, `continue-as-new` (recorded before SLA clocks existed:
 * keep those files, they prove the `sla-clocks` patch keeps old tickets replaying), `sla` and
 * `rules`, `rules-heard-only`. `sla` now saves `sla-ticket-clock-*.json` (one clock workflow per ticket, on the
 * `sla` queue). Keep the older SLA files: each was recorded before a patch and proves that
 * tickets running on the old path still replay — `sla-ticket.json` and
 * `sla-first-response-clock.json` before `sla-clocks-together` (clocks started one after the
 * other), `sla-clocks-together-*.json` before `search-attributes-on-change` (search attributes
 * upserted on every change), `sla-upsert-on-change-*.json` before `sla-ticket-clock` (one
 * clock child per target).
 * `reply-mail-every-channel`: a web ticket's public reply mailed (here: its failure recorded,
 * the org has no mailbox), after the `reply-mail-every-channel` patch.
 * `one-write-per-command`: the SLA policy resolved in the creation's write, and a public reply
 * with no mailbox to send from recorded as not sent in the reply's own write.
 * `ai-triage`: a new ticket triaged in its creation's write, and a rule on `ticket.triaged`
 * (`ai.sentiment` is negative) tagging it; saves `ai-triage-in-write-ticket.json`. Keep
 * `ai-triage-ticket.json`: recorded before the creation's write triaged (a triage activity
 * after the creation answered), it proves tickets created then still replay.
 * `csat-survey`: a ticket solved, reopened and solved again in an org with no mailbox; saves
 * `csat-survey-no-mailbox-ticket.json` (each solve's write says no survey can be sent, so none
 * is tried). Keep `csat-survey-ticket.json`: recorded before the write said so, it holds the
 * `csat-survey-mail` patch (checked at the first solve) and a delivery activity at each solve,
 * the path an org with a sending mailbox takes.
 * `ticket-merge`: a ticket linked (twice, the second replacing the first) and merged into
 * another (`ticket.mergeInto`, which signals the target); the target hears it
 * (`ticket.mergedFrom`), has a message split out (`ticket.recordSplit`), links and unlinks,
 * and is solved and closes itself.
 * `ticket-ccs-and-calls`: a phone ticket with a logged call (`ticket.logCall`), a CC added
 * and removed (`ticket.addCc`, `ticket.removeCc`) around a public reply, solved and closed.
 * `ticket-subject`: the `ticket.setSubject` Update (a rename, the same name again, another
 * rename) on a ticket that is then solved and closes itself.
 * `reply-attachments`: a public reply and an internal note that send files uploaded to the
 * ticket (`attachmentIds` in `ticket.reply`, passed untouched to the write), a reply refused
 * by its write for reusing one (`UnknownAttachment`), then solved and closed.
 * `ticket-tag-changes`: `ticket.patch` with `addTags` and `removeTags` (concurrently, and from
 * the bulk action) after a whole set of `tags`, each applied to the workflow's own tags.
 * `work-order-unscheduled`: a work order scheduled, unscheduled (`workOrder.unschedule`, once
 * more with no change), scheduled again and cancelled.
 * `call-meets-sla-response`: after that patch, a phone ticket under an SLA policy: an outbound
 * call nobody answered (0 seconds, the clocks run on), then an answered one that meets the
 * response clocks; solved and closed.
 * `required-fields-refusals`: a ticket whose form requires a field: a solve refused by its
 * write (`RequiredFieldsMissing`), a rule's solve refused the same way and put on the
 * timeline (`rule_action_refused`, one more write), then the field filled and solved.
 * Re-record only when a workflow change is *meant* to be incompatible and old executions have
 * been migrated or drained; otherwise the replay test is what tells you the change would break
 * tickets that are running in production.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { PROJECT_ROOT } from '../../bin/lib/config';
import { startStack } from '../../bin/lib/stack';
import { findTemporalCli } from '../../bin/lib/temporal-cli';
import { ticketWorkflowId } from '../../domain/ticket/index';
import { workOrderWorkflowId } from '../../domain/work-order/index';
import { ticketMessages } from '../../workflows/ticket-messages';
import { addMember, newTicket, signupOrg, type ApiClient } from '../helpers/api-client';
import { TEST_SEALING_KEY, accountStackOptions } from '../helpers/account-mail';
import { TEST_APP_DB_PASSWORD, TEST_PAYLOAD_KEY, startTestServices } from '../helpers/services';
import { servicesStackOptions } from '../helpers/services-stack';

const OUT = path.join(import.meta.dirname, 'histories');
const WORKFLOW_IDS = path.join(import.meta.dirname, 'workflow-ids.json');
const SCENARIOS = ['lifecycle', 'refusals', 'continue-as-new', 'sla', 'rules', 'rules-heard-only', 'reply-mail-every-channel', 'one-write-per-command', 'ai-triage', 'ticket-subject', 'csat-survey', 'ticket-merge', 'ticket-ccs-and-calls', 'reply-attachments', 'ticket-tag-changes', 'work-order-unscheduled', 'call-meets-sla-response', 'required-fields-refusals'] as const;
const { values } = parseArgs({ options: { only: { type: 'string' } } });
const only = new Set(values.only ? values.only.split(',') : SCENARIOS);
for (const name of only) if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`Unknown scenario ${name}; one of ${SCENARIOS.join(', ')}.`);

async function main(): Promise<void> {
  const services = await startTestServices();
  const stack = await startStack({
    ...(await servicesStackOptions(services, TEST_APP_DB_PASSWORD)),
    taskQueue: 'record-histories',
    jwtSecret: new TextEncoder().encode('record-histories-secret-0123456789abcdef'),
    payloadKey: TEST_PAYLOAD_KEY,
    ticketOptions: { autoCloseAfterMs: 1_000, maxHistoryEvents: 150 },
    ...(await accountStackOptions()),
    slaWorkflowBundle: { code: await readFile(services.slaWorkflowBundlePath, 'utf8') },
    logger: pino({ level: 'warn' }),
    // The worker sends tickets' mail, as in production (no inbound listener).
    email: { mailKey: TEST_SEALING_KEY, storageDir: await mkdtemp(path.join(tmpdir(), 'keel-record-mail-')), smtpPort: null },
  });
  try {
    const org = await signupOrg(stack.url, 'Replay Recording');
    const agent = await addMember(org, 'agent');
    // The CLI writes the standard JSON history format that every Temporal SDK replays.
    const cli = await findTemporalCli(PROJECT_ROOT);
    const save = async (name: string, number: number, runId?: string, workflowId = ticketWorkflowId(org.orgId, number)) => {
      const args = ['workflow', 'show', '--address', services.temporalAddress, '--workflow-id', workflowId, '--output', 'json'];
      if (runId) args.push('--run-id', runId);
      await writeFile(path.join(OUT, `${name}.json`), execFileSync(cli, args, { maxBuffer: 64 * 1024 * 1024 }));
      // Workflows derive their children's ids from their own: replay needs the original id.
      const ids = JSON.parse(await readFile(WORKFLOW_IDS, 'utf8').catch(() => '{}')) as Record<string, string>;
      await writeFile(WORKFLOW_IDS, `${JSON.stringify({ ...ids, [`${name}.json`]: workflowId }, null, 2)}\n`);
      console.log(`recorded ${name}`);
    };

    if (only.has('lifecycle')) await recordLifecycle();
    if (only.has('refusals')) await recordRefusals();
    if (only.has('continue-as-new')) await recordContinueAsNew();
    if (only.has('sla')) await recordSla();
    if (only.has('rules')) await recordRules();
    if (only.has('rules-heard-only')) await recordRulesHeardOnly();
    if (only.has('reply-mail-every-channel')) await recordReplyMailEveryChannel();
    if (only.has('one-write-per-command')) await recordOneWritePerCommand();
    if (only.has('ai-triage')) await recordAiTriage();
    if (only.has('ticket-subject')) await recordTicketSubject();
    if (only.has('csat-survey')) await recordCsatSurvey();
    if (only.has('ticket-merge')) await recordTicketMerge();
    if (only.has('ticket-ccs-and-calls')) await recordCcsAndCalls();
    if (only.has('reply-attachments')) await recordReplyAttachments();
    if (only.has('ticket-tag-changes')) await recordTagChanges();
    if (only.has('work-order-unscheduled')) await recordWorkOrderUnscheduled();
    if (only.has('call-meets-sla-response')) await recordCallMeetsSlaResponse();
    if (only.has('required-fields-refusals')) await recordRequiredFieldsRefusals();

    async function recordCallMeetsSlaResponse() {
      const phone = await signupOrg(stack.url, 'Replay Call SLA');
      await phone.api.post('/sla-policies', { name: 'Hours', warnAt: 0.5, targets: { normal: { first_response: 3600, next_response: 3600, resolution: 7200 } } });
      const number = (await phone.api.post('/tickets', newTicket({ subject: 'Boiler pressure', channel: 'phone' }))).body.number as number;
      const clocks = async () => (await phone.api.get(`/tickets/${number}/sla`)).body.data as { target: string; state: string }[];
      await waitFor(async () => (await clocks()).length === 2);
      await phone.api.post(`/tickets/${number}/calls`, { direction: 'outbound', phoneNumber: '+1 555 0100', durationSeconds: 0, notes: 'No answer' });
      await phone.api.post(`/tickets/${number}/calls`, { direction: 'outbound', phoneNumber: '+1 555 0100', durationSeconds: 240, notes: 'Talked them through it' });
      await waitFor(async () => (await clocks()).some((clock) => clock.target === 'first_response' && clock.state === 'met'));
      await phone.api.post(`/tickets/${number}/status`, { status: 'solved' });
      await stack.temporal.workflow.getHandle(ticketWorkflowId(phone.orgId, number)).result();
      await save('call-meets-sla-response-ticket', number, undefined, ticketWorkflowId(phone.orgId, number));
    }

    async function recordRequiredFieldsRefusals() {
      const fields = await signupOrg(stack.url, 'Replay Required Fields');
      await fields.api.post('/fields', { key: 'plan', label: 'Plan', type: 'select', options: ['free', 'pro'], requiredOnSolve: true });
      await fields.api.post('/rules', { name: 'Solve when high', events: ['ticket.updated'], conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] }, actions: [{ type: 'set_status', status: 'solved' }] });
      const number = await create(fields.api);
      const refused = await fields.api.post(`/tickets/${number}/status`, { status: 'solved' });
      if (refused.status !== 422) throw new Error(`a solve with the plan empty was answered ${refused.status}`);
      await fields.api.patch(`/tickets/${number}`, { priority: 'high' });
      const timeline = async () => ((await fields.api.get(`/tickets/${number}/timeline?limit=200`)).body.data as { type: string }[]).map((e) => e.type);
      await waitFor(async () => (await timeline()).includes('rule_action_refused'));
      await fields.api.patch(`/tickets/${number}`, { fields: { plan: 'pro' } });
      await fields.api.post(`/tickets/${number}/status`, { status: 'solved' });
      await stack.temporal.workflow.getHandle(ticketWorkflowId(fields.orgId, number)).result();
      await save('required-fields-refusals-ticket', number, undefined, ticketWorkflowId(fields.orgId, number));
    }

    async function recordWorkOrderUnscheduled() {
      const owner = org.api;
      const member = await addMember(org, 'technician');
      const technician = (await owner.post('/technicians', { userId: member.id, skills: [{ skill: 'hvac', level: 3 }], timeZone: 'UTC' })).body as { id: string };
      const wo = (await owner.post('/work-orders', { title: 'Service the AC', requiredSkills: ['hvac'] })).body as { number: number };
      const slot = { technicianId: technician.id, windowStart: '2030-12-02T09:00:00Z', windowEnd: '2030-12-02T11:00:00Z', override: true };
      await owner.post(`/work-orders/${wo.number}/schedule`, slot);
      await owner.post(`/work-orders/${wo.number}/unschedule`, { reason: 'Customer asked to wait' });
      await owner.post(`/work-orders/${wo.number}/unschedule`, {});
      await owner.post(`/work-orders/${wo.number}/schedule`, slot);
      const cancelled = await owner.post(`/work-orders/${wo.number}/transitions`, { status: 'cancelled', reason: 'No longer needed' });
      if (cancelled.status !== 200) throw new Error(`cancel answered ${cancelled.status}`);
      await save('work-order-unscheduled', wo.number, undefined, workOrderWorkflowId(org.orgId, wo.number));
    }

    async function recordTagChanges() {
      const number = await create(agent.api);
      await agent.api.patch(`/tickets/${number}`, { tags: ['billing'] });
      // Concurrent additions and a removal, each applied to the tags the workflow holds.
      await Promise.all([
        agent.api.patch(`/tickets/${number}`, { addTags: ['vip'] }),
        agent.api.post('/tickets/bulk', { numbers: [number], action: { type: 'add_tags', tags: ['refund', 'vip'] } }),
      ]);
      await agent.api.post('/tickets/bulk', { numbers: [number], action: { type: 'remove_tags', tags: ['billing', 'absent'] } });
      await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
      await waitFor(async () => (await agent.api.get(`/tickets/${number}`)).body.status === 'closed');
      await save('ticket-tag-changes', number);
    }

    async function recordReplyAttachments() {
      const number = await create(agent.api);
      const upload = async (filename: string, content: string) => {
        const response = await fetch(`${stack.url}/api/v1/tickets/${number}/attachments?filename=${filename}`, {
          method: 'POST', body: content, headers: { 'content-type': 'text/plain', authorization: `Bearer ${agent.api.token}` },
        });
        return ((await response.json()) as { id: string }).id;
      };
      const shared = await upload('steps.txt', 'Restart the router.');
      const note = await upload('log.txt', 'dmesg output');
      await agent.api.post(`/tickets/${number}/replies`, { body: 'Steps attached.', visibility: 'public', attachmentIds: [shared] });
      await agent.api.post(`/tickets/${number}/replies`, { body: 'Log attached.', visibility: 'internal', attachmentIds: [note] });
      const reused = await agent.api.post(`/tickets/${number}/replies`, { body: 'Again.', visibility: 'internal', attachmentIds: [note] });
      if (reused.status !== 422) throw new Error(`a reused attachment was answered ${reused.status}`);
      await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
      await waitFor(async () => (await agent.api.get(`/tickets/${number}`)).body.status === 'closed');
      await save('reply-attachments-ticket', number);
    }

    async function recordCsatSurvey() {
      const surveyed = await create(agent.api);
      for (const status of ['solved', 'open', 'solved'] as const) await agent.api.post(`/tickets/${surveyed}/status`, { status });
      await waitFor(async () => (await agent.api.get(`/tickets/${surveyed}`)).body.status === 'closed');
      await save('csat-survey-no-mailbox-ticket', surveyed);
    }

    async function recordCcsAndCalls() {
      const number = (await agent.api.post('/tickets', newTicket({ subject: 'Called about the boiler', channel: 'phone' }))).body.number as number;
      await agent.api.post(`/tickets/${number}/calls`, { direction: 'inbound', phoneNumber: '+1 555 0100', durationSeconds: 180, notes: 'Pressure low' });
      const added = await agent.api.post(`/tickets/${number}/ccs`, { email: 'landlord@example.com', name: 'Landlord' });
      await agent.api.post(`/tickets/${number}/replies`, { body: 'A technician comes tomorrow.', visibility: 'public' });
      await agent.api.delete(`/tickets/${number}/ccs/${added.body.ccs[0].id}`);
      await agent.api.post(`/tickets/${number}/status`, { status: 'solved' });
      await waitFor(async () => (await agent.api.get(`/tickets/${number}`)).body.status === 'closed');
      await save('ticket-ccs-and-calls', number);
    }

    async function recordTicketMerge() {
      const source = await create(agent.api);
      const target = await create(agent.api);
      const problem = await create(agent.api);
      await agent.api.post(`/tickets/${source}/replies`, { body: 'Same printer as the other ticket?', visibility: 'public' });
      await agent.api.post(`/tickets/${source}/links`, { number: problem, kind: 'parent' });
      await agent.api.post(`/tickets/${source}/links`, { number: problem, kind: 'related' });
      await agent.api.post(`/tickets/${source}/merge`, { into: target });
      await waitFor(async () => (await agent.api.get(`/tickets/${target}/relations`)).body.merged.length === 1);
      await agent.api.post(`/tickets/${target}/replies`, { body: 'And the scanner too', visibility: 'internal' });
      const seq = (await agent.api.get(`/tickets/${target}/timeline`)).body.data.find((event: { type: string }) => event.type === 'replied').id.split('-')[1];
      await agent.api.post(`/tickets/${target}/split`, { seq: Number(seq), subject: 'Scanner' });
      await agent.api.post(`/tickets/${target}/links`, { number: problem });
      await agent.api.delete(`/tickets/${target}/links/${problem}`);
      await agent.api.post(`/tickets/${target}/status`, { status: 'solved' });
      await waitFor(async () => (await agent.api.get(`/tickets/${target}`)).body.status === 'closed');
      await save('ticket-merge-source', source);
      await save('ticket-merge-target', target);
    }

    async function recordTicketSubject() {
      const renamed = await create(agent.api);
      for (const subject of ['Printer smokes when duplexing', 'Printer smokes when duplexing', 'Duplex printing: smoke']) {
        await agent.api.post(`/tickets/${renamed}/subject`, { subject });
      }
      await agent.api.post(`/tickets/${renamed}/status`, { status: 'solved' });
      await waitFor(async () => (await agent.api.get(`/tickets/${renamed}`)).body.status === 'closed');
      await save('ticket-subject', renamed);
    }

    async function recordLifecycle() {
      const lifecycle = await create(agent.api);
      for (const [route, body] of [
        ['replies', { body: 'Looking into it', visibility: 'internal' }],
        ['replies', { body: 'Could you send a screenshot?', visibility: 'public' }],
        ['assign', { assigneeId: agent.id }],
        ['status', { status: 'pending' }],
        ['status', { status: 'open' }],
        ['status', { status: 'solved' }],
      ] as const) await agent.api.post(`/tickets/${lifecycle}/${route}`, body);
      await agent.api.patch(`/tickets/${lifecycle}`, { priority: 'high', tags: ['screenshots'], fields: { os: 'linux' } }).catch(() => undefined);
      await waitFor(async () => (await agent.api.get(`/tickets/${lifecycle}`)).body.status === 'closed');
      await save('lifecycle-auto-closed', lifecycle);
    }

    async function recordRefusals() {
      const refused = await create(agent.api);
      await agent.api.post(`/tickets/${refused}/status`, { status: 'closed' });
      await agent.api.post(`/tickets/${refused}/assign`, { assigneeId: '00000000-0000-4000-8000-000000000000' });
      await agent.api.post(`/tickets/${refused}/replies`, { body: 'Once', visibility: 'public' }, { 'Idempotency-Key': 'replay-1' });
      await agent.api.post(`/tickets/${refused}/replies`, { body: 'Once', visibility: 'public' }, { 'Idempotency-Key': 'replay-1' });
      await agent.api.post(`/tickets/${refused}/status`, { status: 'on_hold' });
      await save('refusals-and-retries', refused);
    }

    async function recordContinueAsNew() {
      const long = await create(agent.api);
      const firstRun = (await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, long)).describe()).runId;
      for (let i = 0; i < 30; i++) await agent.api.post(`/tickets/${long}/replies`, { body: `Update ${i}`, visibility: 'internal' });
      await agent.api.post(`/tickets/${long}/status`, { status: 'pending' });
      await save('continued-as-new-first-run', long, firstRun);
      await save('continued-as-new-second-run', long);
    }

    /** Rules fire on creation, cascade on an update, and a time-based rule solves the ticket. */
    async function recordRules() {
      const rules = await signupOrg(stack.url, 'Replay Rules');
      const rule = (body: object) => rules.api.post('/rules', { name: 'Replay rule', ...body });
      await rule({ events: ['ticket.created'], conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'printer' }] }, actions: [{ type: 'add_tags', tags: ['hardware'] }, { type: 'notify', channel: 'in_app', recipient: { kind: 'user', userId: rules.owner.id }, message: 'New #{{ticket.number}}' }] });
      await rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.status', operator: 'changedTo', value: 'pending' }] }, actions: [{ type: 'add_note', body: 'Waiting on {{requester.name}}' }, { type: 'set_priority', priority: 'high' }] });
      await rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] }, actions: [{ type: 'add_tags', tags: ['escalated'] }] });
      await rule({ events: ['ticket.time_elapsed'], timeTrigger: { anchor: { kind: 'status', status: 'pending' }, afterSeconds: 1, hours: 'calendar' }, conditions: { all: [{ fact: 'ticket.status', operator: 'equal', value: 'pending' }] }, actions: [{ type: 'set_status', status: 'solved' }] });
      const ticket = await create(rules.api);
      await rules.api.post(`/tickets/${ticket}/status`, { status: 'pending' });
      await waitFor(async () => (await rules.api.get(`/tickets/${ticket}`)).body.status === 'closed');
      await save('rules-ticket', ticket, undefined, ticketWorkflowId(rules.orgId, ticket));
    }

    /**
     * After `rules-heard-only`: an org whose one rule hears `ticket.updated` only. Creation and a
     * public reply run no rules activity; a priority change does, and its rule tags the ticket.
     */
    async function recordRulesHeardOnly() {
      const heard = await signupOrg(stack.url, 'Replay Heard Rules');
      await heard.api.post('/rules', { name: 'Escalated tag', events: ['ticket.updated'], conditions: { all: [{ fact: 'change.priority', operator: 'changedTo', value: 'high' }] }, actions: [{ type: 'add_tags', tags: ['escalated'] }] });
      const ticket = await create(heard.api);
      await heard.api.post(`/tickets/${ticket}/replies`, { body: 'On it.', visibility: 'public' });
      await heard.api.patch(`/tickets/${ticket}`, { priority: 'high' });
      await waitFor(async () => ((await heard.api.get(`/tickets/${ticket}`)).body.tags as string[]).includes('escalated'));
      await heard.api.post(`/tickets/${ticket}/status`, { status: 'solved' });
      await waitFor(async () => (await heard.api.get(`/tickets/${ticket}`)).body.status === 'closed');
      await stack.temporal.workflow.getHandle(ticketWorkflowId(heard.orgId, ticket)).result();
      await save('rules-heard-only-ticket', ticket, undefined, ticketWorkflowId(heard.orgId, ticket));
    }

    /**
     * After `reply-mail-every-channel`: an internal note (not mailed) and a public reply on a web
     * ticket in an org with no mailbox, whose delivery fails and is put on the timeline.
     */
    async function recordReplyMailEveryChannel() {
      const bare = await signupOrg(stack.url, 'Replay Reply Mail');
      const ticket = await create(bare.api);
      await bare.api.post(`/tickets/${ticket}/replies`, { body: 'Checking the logs.', visibility: 'internal' });
      await bare.api.post(`/tickets/${ticket}/replies`, { body: 'We have found the cause.', visibility: 'public' });
      const timeline = async () => ((await bare.api.get(`/tickets/${ticket}/timeline?limit=200`)).body.data as { type: string }[]).map((e) => e.type);
      await waitFor(async () => (await timeline()).includes('email_delivery'));
      await bare.api.post(`/tickets/${ticket}/status`, { status: 'solved' });
      await stack.temporal.workflow.getHandle(ticketWorkflowId(bare.orgId, ticket)).result();
      await save('reply-mail-every-channel-ticket', ticket, undefined, ticketWorkflowId(bare.orgId, ticket));
    }

    /**
     * After `one-write-per-command`: in an org with an SLA policy and no mailbox, creation
     * resolves the policy in its own write, and a public reply is recorded as not sent in the
     * reply's write (no delivery activity); then the ticket is solved and auto-closes.
     */
    async function recordOneWritePerCommand() {
      const bare = await signupOrg(stack.url, 'Replay One Write');
      await bare.api.post('/sla-policies', { name: 'Hours', warnAt: 0.5, targets: { normal: { first_response: 3600, next_response: 3600, resolution: 7200 } } });
      const ticket = await create(bare.api);
      await bare.api.post(`/tickets/${ticket}/replies`, { body: 'Checking the logs.', visibility: 'internal' });
      await bare.api.post(`/tickets/${ticket}/replies`, { body: 'We have found the cause.', visibility: 'public' });
      await bare.api.post(`/tickets/${ticket}/status`, { status: 'solved' });
      await stack.temporal.workflow.getHandle(ticketWorkflowId(bare.orgId, ticket)).result();
      await save('one-write-per-command-ticket', ticket, undefined, ticketWorkflowId(bare.orgId, ticket));
    }

    /** After `ai-triage`: the creation's write triages the ticket, and a rule on its facts fires. */
    async function recordAiTriage() {
      const triaged = await signupOrg(stack.url, 'Replay AI Triage');
      await triaged.api.post('/rules', { name: 'Upset', events: ['ticket.triaged'], conditions: { all: [{ fact: 'ai.sentiment', operator: 'equal', value: 'negative' }] }, actions: [{ type: 'add_tags', tags: ['upset'] }] });
      const ticket = (await triaged.api.post('/tickets', newTicket({ subject: 'This is terrible', description: 'Broken again, I am really angry.' }))).body.number as number;
      await waitFor(async () => ((await triaged.api.get(`/tickets/${ticket}`)).body.tags as string[]).includes('upset'));
      await triaged.api.post(`/tickets/${ticket}/status`, { status: 'solved' });
      await stack.temporal.workflow.getHandle(ticketWorkflowId(triaged.orgId, ticket)).result();
      await save('ai-triage-in-write-ticket', ticket, undefined, ticketWorkflowId(triaged.orgId, ticket));
    }

    /** Clocks warn, pause, resume, breach, re-target and end: the ticket and a clock's history. */
    async function recordSla() {
      await org.api.post('/sla-policies', { name: 'Seconds', warnAt: 0.5, targets: { normal: { first_response: 2, next_response: 600, resolution: 3600 }, urgent: { first_response: 2, next_response: 600, resolution: 4 } } });
      const ticket = await create(agent.api);
      const timeline = async () => ((await agent.api.get(`/tickets/${ticket}/timeline?limit=200`)).body.data as { type: string }[]).map((e) => e.type);
      await sleep(500);
      await agent.api.post(`/tickets/${ticket}/status`, { status: 'pending' });
      await sleep(1000);
      await agent.api.post(`/tickets/${ticket}/status`, { status: 'open' });
      await waitFor(async () => (await timeline()).includes('sla_breached'));
      await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, ticket)).signal(ticketMessages.customerMessage, { body: 'Any news?' });
      await agent.api.post(`/tickets/${ticket}/replies`, { body: 'Working on it.', visibility: 'public' });
      await agent.api.patch(`/tickets/${ticket}`, { priority: 'urgent' });
      await waitFor(async () => (await timeline()).filter((type) => type === 'sla_breached').length >= 2);
      await agent.api.post(`/tickets/${ticket}/status`, { status: 'solved' });
      // Auto-close ends the ticket: a history that stops mid-task would not replay to an end.
      await stack.temporal.workflow.getHandle(ticketWorkflowId(org.orgId, ticket)).result();
      await save('sla-ticket-clock-ticket', ticket);
      await save('sla-ticket-clock-clock', ticket, undefined, `${ticketWorkflowId(org.orgId, ticket)}/sla/clock/1`);
    }
  } finally {
    await stack.stop();
    await services.stop();
  }
}

async function create(api: ApiClient): Promise<number> {
  return (await api.post('/tickets', newTicket({ tags: ['replay'] }))).body.number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

await mkdir(OUT, { recursive: true });
await main();
