import {
  ActivityFailure,
  ApplicationFailure,
  allHandlersFinished,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  proxyLocalActivities,
  patched,
  setHandler,
  TemporalFailure,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { SearchAttributeUpdatePair } from '@temporalio/common';
import type { FollowUpChange, RecordedChange, TicketRecordActivities } from '../activities/ticket-records';
import type { RecordedTicket } from '../domain/ticket/recorded-ticket';
import { TICKET_FAILURES, decide, ticketWorkflowId, unmailedReply, type Rejection, type SlaClockEvent, type TicketCommand, type TicketEvent, type TicketState } from '../domain/ticket/index';
import type { NewTicket } from '../domain/ticket/new-ticket';
import type { TicketWorkflowOptions } from '../domain/ticket/workflow-options';
import { slaMessages } from './sla-messages';
import { ticketMessages, type TicketAnswer } from './ticket-messages';
import { ticketWorkOrderSignal } from './work-order-messages';
import { NO_SLA, SlaCoordinator, type TicketSla } from './ticket-sla';
import { TicketEmail } from './ticket-email';
import { TicketAutomation, type RuleChain, type TicketAutomationSnapshot } from './ticket-rules';
import { TicketTriage } from './ticket-triage';
import { AssigneeId, Priority, Status } from './search-attributes';
import { createSerializer } from './serializer';
import { RECORD_WRITE_RETRY } from './retry-policies';

export type TicketWorkflowInput =
  | { kind: 'new'; ticket: NewTicket; options: TicketWorkflowOptions }
  | { kind: 'continued'; state: TicketState; options: TicketWorkflowOptions; sla?: TicketSla; automation?: TicketAutomationSnapshot };

// Local activities: a ticket's write is one short Postgres transaction, so it runs in the
// worker that holds the workflow task instead of a round trip through the server's activity
// queue. A worker that dies mid-write loses its workflow task; the next worker replays and
// writes again, which the sequence-number keys make harmless.
// Retries end (see retry-policies.ts): a write Postgres keeps refusing fails that one command.
const { createTicketRecord, recordTicketChange } = proxyLocalActivities<TicketRecordActivities>({
  startToCloseTimeout: '15 seconds',
  retry: RECORD_WRITE_RETRY,
});

/**
 * Tickets that started before this resolved their SLA policy in an activity of its own after
 * the creation write, and recorded every mailed reply's delivery (even one that could not go
 * out for want of a mailbox) after a delivery activity: now both happen in the write itself.
 */
const ONE_WRITE_PER_COMMAND = 'one-write-per-command';

/**
 * One ticket, from creation until it is closed. It owns the ticket's lifecycle: commands
 * arrive as Updates, are decided by `domain/ticket`, written by an activity, and only then
 * become the workflow's state. Postgres is the read model it keeps current.
 */
export async function ticketWorkflow(input: TicketWorkflowInput): Promise<void> {
  const options = input.options;
  let state: TicketState = input.kind === 'continued' ? input.state : initialState(input.ticket);
  let recorded = input.kind === 'continued';
  let creationFailure: Error | null = null;
  const serialize = createSerializer();
  // Tickets that started before SLA clocks existed replay without them.
  const slaEnabled = patched('sla-clocks');
  const sla = new SlaCoordinator(input.kind === 'continued' ? (input.sla ?? NO_SLA) : NO_SLA);
  const slaInbox: SlaClockEvent[] = [];
  // Tickets that started before this upserted their search attributes on every change.
  const upsertOnlyChanges = patched('search-attributes-on-change');
  // Tickets that started before the email channel replay without sending mail.
  // Tickets that started before this mailed public replies on email tickets only (API, web
  // and phone requesters got nothing, and nothing said so).
  // Tickets solved before this mailed no satisfaction survey.
  const email = new TicketEmail(patched('email-outbound'), patched('reply-mail-every-channel'), (delivery) =>
    command({ kind: 'recordEmailDelivery', actorId: null, delivery }).catch(() => undefined), () => patched('csat-survey-mail'));
  // Tickets that started before this ran the rules activity for every change, heard or not.
  const rulesHeardOnly = patched('rules-heard-only');
  // Tickets that started before automation rules replay without them.
  const automation = new TicketAutomation(
    patched('automation-rules'),
    (input.kind === 'continued' && input.automation) || TicketAutomation.initialSnapshot(state, Date.now()),
    (command, chain) => execute(command, chain),
    () => state,
  );
  // Tickets that started before AI triage replay without it; only a new ticket is triaged.
  const triage = new TicketTriage(input.kind === 'new' && patched('ai-triage'));

  // The ticket's row as the last write read it back: what the command Updates answer with.
  let lastRecorded: RecordedTicket | null = null;
  const answer = (): TicketAnswer => ({ state, ticket: lastRecorded });

  const command = (command: TicketCommand, chain: RuleChain | null = null): Promise<TicketAnswer> =>
    serialize(async () => {
      const result = decide(state, command);
      if (!result.ok) throw rejectionFailure(result.rejection);
      const { events, state: next } = result.decision;
      if (events.length === 0) return { state, ticket: null };
      const unmailed = email.mailsOneReply(events, next) && patched(ONE_WRITE_PER_COMMAND) ? unmailedFollowUp(next) : undefined;
      let written: RecordedChange | undefined;
      try {
        written = await recordTicketChange({
          orgId: state.orgId,
          number: state.number,
          seq: next.version,
          actorId: command.actorId,
          events,
          state: next,
          occurredAt: new Date().toISOString(),
          ...(unmailed && { unlessMailed: unmailed.change }),
        });
      } catch (error) {
        // Refusals from the write (an unknown assignee, a solve while required fields are
        // empty, text Postgres rejects) and writes that outlasted their retries fail this
        // command only; the state stays as it was. The write checks required fields on `next`,
        // the state this serialised command leaves, so no concurrent change slips past it.
        // No patch: it is the activity that refuses, and an old history replays the results
        // its writes recorded, so the workflow issues the same commands as it did.
        throw writeFailure(error);
      }
      lastRecorded = written?.ticket ?? null;
      const recordedUnmailed = unmailed !== undefined && written?.unmailed === true;
      await afterWrite(command, chain, events, next, written, recordedUnmailed);
      // The reply's "not sent" was written with it: the change the delivery would have recorded.
      if (unmailed && recordedUnmailed) await afterWrite(unmailed.command, null, unmailed.change.events, unmailed.change.state, written, false);
      return answer();
    });
  const execute = (c: TicketCommand, chain: RuleChain | null = null): Promise<TicketState> => command(c, chain).then((done) => done.state);

  /** What follows an accepted write: the state moves on, and SLA, mail and rules hear of it. */
  const afterWrite = async (
    command: TicketCommand, chain: RuleChain | null, events: TicketEvent[], next: TicketState, written: RecordedChange | undefined, unmailed: boolean,
  ): Promise<void> => {
    const previous = state;
    state = next;
    // Most changes (replies, notes, SLA events) leave them as they were: no event, no visibility write.
    if (!upsertOnlyChanges || searchAttributesDiffer(previous, next)) publishSearchAttributes(state);
    if (slaEnabled) await sla.onChange(events, command.actorId !== null, state);
    if (!unmailed) email.afterChange(events, state, next.version, written?.surveyable);
    if (rulesHeardOnly) automation.learn(written?.rules);
    automation.afterChange(events, changeActor(command), next.version, chain);
  };

  const validate = (command: TicketCommand): void => {
    const result = decide(state, command);
    if (!result.ok) throw rejectionFailure(result.rejection);
  };

  setHandler(ticketMessages.state, () => state);
  setHandler(slaMessages.event, (event) => { slaInbox.push(event); });
  setHandler(ticketMessages.customerMessage, async ({ body, email: ref }) => {
    // An inbound email delivered twice (a retry after a crash) is one reply.
    if (ref && !email.firstSight(ref.messageId)) return;
    await command({ kind: 'customerReply', actorId: null, body, ...(ref && { email: ref }) }).catch(() => undefined);
  });
  // A work order opened from this ticket reports its link and its sign-off (see workflows/work-order.ts).
  setHandler(ticketWorkOrderSignal, async (notice) => {
    await command({ kind: 'workOrderNotice', actorId: null, notice }).catch(() => undefined);
  });
  setHandler(ticketMessages.created, async () => {
    // The new ticket is answered with what the creation rules did to it.
    await condition(() => (recorded && automation.quiet()) || creationFailure !== null);
    if (creationFailure) throw creationFailure;
    return answer();
  });
  setHandler(ticketMessages.reply, (args) => command({ kind: 'reply', ...args }), {
    validator: (args) => validate({ kind: 'reply', ...args }),
  });
  setHandler(ticketMessages.assign, (args) => command({ kind: 'assign', ...args }), {
    validator: (args) => validate({ kind: 'assign', ...args }),
  });
  setHandler(ticketMessages.setStatus, (args) => command({ kind: 'setStatus', ...args }), {
    validator: (args) => validate({ kind: 'setStatus', ...args }),
  });
  setHandler(ticketMessages.patch, (args) => command({ kind: 'patch', ...args }), {
    validator: (args) => validate({ kind: 'patch', ...args }),
  });
  // A new Update: registering its handler adds no command, and no history before it holds
  // one, so existing tickets replay unchanged without a patch (test/replay: ticket-subject).
  setHandler(ticketMessages.setSubject, (args) => command({ kind: 'setSubject', ...args }), {
    validator: (args) => validate({ kind: 'setSubject', ...args }),
  });
  // Merge, split and links are new Updates and a new signal too: no earlier history holds
  // them (test/replay: ticket-merge).
  setHandler(ticketMessages.mergeInto, async (args) => {
    const subject = state.subject;
    const merged = await command({ kind: 'mergeInto', ...args });
    // The target records the merge as its own change. Told by signal from here (not by the
    // API) so a caller that dies mid-merge cannot leave the target unaware; a target that has
    // closed meanwhile still gets this ticket's pointer, and mail threads there all the same.
    await getExternalWorkflowHandle(ticketWorkflowId(state.orgId, args.into))
      .signal(ticketMessages.mergedFrom, { actorId: args.actorId, from: state.number, subject })
      .catch(() => undefined);
    return merged;
  }, { validator: (args) => validate({ kind: 'mergeInto', ...args }) });
  setHandler(ticketMessages.mergedFrom, async (args) => {
    await command({ kind: 'mergedFrom', ...args }).catch(() => undefined);
  });
  setHandler(ticketMessages.recordSplit, (args) => command({ kind: 'recordSplit', ...args }), {
    validator: (args) => validate({ kind: 'recordSplit', ...args }),
  });
  setHandler(ticketMessages.link, (args) => command({ kind: 'link', ...args }), {
    validator: (args) => validate({ kind: 'link', ...args }),
  });
  setHandler(ticketMessages.unlink, (args) => command({ kind: 'unlink', ...args }), {
    validator: (args) => validate({ kind: 'unlink', ...args }),
  });
  // CCs and logged calls: new Updates as well (test/replay: ticket-ccs-and-calls).
  setHandler(ticketMessages.addCc, (args) => command({ kind: 'addCc', ...args }), {
    validator: (args) => validate({ kind: 'addCc', ...args }),
  });
  setHandler(ticketMessages.removeCc, (args) => command({ kind: 'removeCc', ...args }), {
    validator: (args) => validate({ kind: 'removeCc', ...args }),
  });
  setHandler(ticketMessages.logCall, (args) => command({ kind: 'logCall', ...args }), {
    validator: (args) => validate({ kind: 'logCall', ...args }),
  });

  if (input.kind === 'new') {
    // The covering SLA policy is read in the creation's own write instead of an activity after it.
    const slaInWrite = slaEnabled && patched(ONE_WRITE_PER_COMMAND);
    let resolved: RecordedChange | undefined;
    try {
      resolved = await createTicketRecord({
        ticket: input.ticket, occurredAt: new Date().toISOString(), ...(slaInWrite && { resolveSla: true }), ...(triage.enabled && { triage: true }),
      });
      lastRecorded = resolved?.ticket ?? null;
      if (rulesHeardOnly) automation.learn(resolved?.rules);
    } catch (error) {
      // Postgres refused the ticket for good: `POST /tickets` hears why, and the workflow ends
      // failed instead of retrying forever (there is no row for any later command to change).
      creationFailure = writeFailure(error);
      await condition(allHandlersFinished);
      throw creationFailure;
    }
    recorded = true;
    if (slaEnabled) await sla.open(state, patched('sla-clocks-together'), slaInWrite ? { applied: resolved?.sla ?? null } : undefined);
    email.afterCreated(input.ticket);
    automation.afterCreated(state);
    // Triage rules queue behind the creation rules, in the same run.
    if (triage.triagedBy(resolved)) automation.afterTriaged();
  }

  const shouldContinueAsNew = (): boolean =>
    workflowInfo().continueAsNewSuggested || workflowInfo().historyLength > options.maxHistoryEvents;

  const wake = () => slaInbox.length > 0 || shouldContinueAsNew() || automation.pending();
  while (state.status !== 'closed') {
    if (shouldContinueAsNew()) {
      await condition(() => allHandlersFinished() && email.idle() && automation.idle() && triage.idle());
      await continueAsNew<typeof ticketWorkflow>({ kind: 'continued', state, options, sla: sla.snapshot(), automation: automation.snapshot() });
    }
    // SLA warnings and breaches become timeline entries, in order, like any other change.
    for (const event of slaInbox.splice(0)) await execute({ kind: 'recordSla', actorId: null, event }).catch(() => undefined);
    await automation.run();
    // The creation rules have run, so the creation Update answers in this same workflow task;
    // triage's rules (or its activity, for a write that did not triage) come after them.
    if (recorded) triage.start(state, () => automation.afterTriaged());
    if (automation.enabled) {
      await waitWithRuleTimers();
    } else if (state.status === 'solved') {
      const followedUp = await condition(() => state.status !== 'solved' || wake(), options.autoCloseAfterMs);
      if (!followedUp) await execute({ kind: 'setStatus', actorId: null, status: 'closed' }).catch(() => undefined);
    } else {
      await condition(() => state.status === 'solved' || state.status === 'closed' || wake());
    }
  }
  await condition(() => allHandlersFinished() && email.idle() && automation.idle() && triage.idle());

  /**
   * Waits for the next thing to do, bounded by the next rule timer. A solved ticket closes
   * once it has stayed solved for the auto-close delay, however often it woke meanwhile.
   */
  async function waitWithRuleTimers(): Promise<void> {
    const due = automation.nextDueIn();
    if (state.status !== 'solved') {
      const settled = () => state.status === 'solved' || state.status === 'closed' || wake();
      await (due === undefined ? condition(settled) : condition(settled, due));
      return;
    }
    const closesIn = automation.snapshot().anchors.status.since + options.autoCloseAfterMs - Date.now();
    if (closesIn <= 0) {
      await execute({ kind: 'setStatus', actorId: null, status: 'closed' }).catch(() => undefined);
      return;
    }
    await condition(() => state.status !== 'solved' || wake(), due === undefined ? closesIn : Math.min(closesIn, due));
  }
}

/** Customers' messages and members' commands trigger different rules; the rest is the system. */
function changeActor(command: TicketCommand): 'agent' | 'customer' | 'system' {
  if (command.kind === 'customerReply') return 'customer';
  return command.actorId === null ? 'system' : 'agent';
}

/** The change that records a public reply as not sent for want of a mailbox, decided ahead of the reply's write. */
function unmailedFollowUp(afterReply: TicketState): { command: TicketCommand; change: FollowUpChange } | undefined {
  const command: TicketCommand = { kind: 'recordEmailDelivery', actorId: null, delivery: unmailedReply(afterReply.version) };
  const result = decide(afterReply, command);
  if (!result.ok || result.decision.events.length === 0) return undefined;
  const { events, state } = result.decision;
  return { command, change: { seq: state.version, events, state } };
}

function initialState(ticket: NewTicket): TicketState {
  return {
    orgId: ticket.orgId,
    number: ticket.number,
    subject: ticket.subject,
    status: 'new',
    priority: ticket.priority,
    channel: ticket.channel,
    tags: ticket.tags,
    assigneeId: null,
    teamId: null,
    fields: ticket.fields,
    version: 1,
  };
}

/**
 * What a failed write tells the caller: the activity's own failure (a refusal, or the last
 * attempt's error once retries ran out), or the activity failure itself (a timeout). Either is
 * a Temporal failure, so the Update fails with it instead of failing the workflow task.
 */
function writeFailure(error: unknown): Error {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause;
  if (error instanceof TemporalFailure) return error;
  return ApplicationFailure.create({ message: error instanceof Error ? error.message : String(error) });
}

function rejectionFailure(rejection: Rejection): ApplicationFailure {
  return ApplicationFailure.create({
    message: rejection.message,
    type: TICKET_FAILURES[rejection.code],
    nonRetryable: true,
    ...(rejection.currentVersion !== undefined && { details: [{ currentVersion: rejection.currentVersion }] }),
    ...(rejection.mergedInto !== undefined && { details: [{ mergedInto: rejection.mergedInto }] }),
  });
}

const searchAttributesDiffer = (a: TicketState, b: TicketState): boolean =>
  a.status !== b.status || a.priority !== b.priority || a.assigneeId !== b.assigneeId;

function publishSearchAttributes(state: TicketState): void {
  const pairs: SearchAttributeUpdatePair[] = [
    { key: Status, value: state.status },
    { key: Priority, value: state.priority },
    { key: AssigneeId, value: state.assigneeId },
  ];
  upsertSearchAttributes(pairs);
}
