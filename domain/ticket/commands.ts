import type { RuleFiring } from '../rules/firing';
import type { SlaTargetKind } from '../sla/policy';
import { workOrderNoticeEvents, type WorkOrderNotice } from './work-orders';
import type { Assignment, EmailDelivery, EmailRef, RuleActionRefusal, TicketEvent, Visibility } from './events';
import { canTransition, type TicketPriority, type TicketStatus } from './status';
import { decideRelation, type RelationCommand } from './relations';
import { decideCopy, type CopyCommand } from './copies';
import { decideCall, type LoggedCall } from './calls';
import { normaliseTags, type CustomFieldValue, type TicketState } from './state';

/** What an SLA clock tells its ticket: the warning share or the deadline was reached. */
export type SlaClockEvent =
  | { type: 'warning'; target: SlaTargetKind; dueAt: string | null }
  | { type: 'breached'; target: SlaTargetKind; at: string };

/** A change someone asks of a ticket. `actorId` is the member acting, null for the system. */
export type TicketCommand =
  | { kind: 'reply'; actorId: string | null; body: string; visibility: Visibility; basedOnVersion?: number; attachmentIds?: string[] }
  | { kind: 'assign'; actorId: string | null; assigneeId?: string | null; teamId?: string | null }
  | { kind: 'setStatus'; actorId: string | null; status: TicketStatus }
  | { kind: 'setSubject'; actorId: string | null; subject: string }
  | { kind: 'recordSla'; actorId: null; event: SlaClockEvent }
  | { kind: 'workOrderNotice'; actorId: null; notice: WorkOrderNotice }
  | { kind: 'recordRuleFiring'; actorId: null; firing: RuleFiring }
  | { kind: 'recordRuleRefusal'; actorId: null; refusal: RuleActionRefusal }
  | { kind: 'customerReply'; actorId: null; body: string; email?: EmailRef }
  | { kind: 'recordEmailDelivery'; actorId: null; delivery: EmailDelivery }
  | {
      kind: 'patch';
      actorId: string | null;
      priority?: TicketPriority;
      /** The whole set of tags. */
      tags?: string[];
      /**
       * Tags to add and remove, applied to the tags as the workflow holds them when the command
       * runs: concurrent bulk and single changes to one ticket then compose instead of the later
       * overwriting the earlier with a set it read before.
       */
      addTags?: string[];
      removeTags?: string[];
      fields?: Record<string, CustomFieldValue>;
    }
  | { kind: 'logCall'; actorId: string | null; call: LoggedCall }
  | RelationCommand
  | CopyCommand;

export type RejectionCode = 'ticket_merged' | 'ticket_closed' | 'invalid_transition' | 'invalid_command' | 'stale_reply' | 'required_fields_missing';

export interface Rejection {
  code: RejectionCode;
  message: string;
  /** For `stale_reply`: the ticket's version now, which a reply sent anyway is based on. */
  currentVersion?: number;
  /** For `ticket_merged`: the ticket it was merged into. */
  mergedInto?: number;
  /** For `required_fields_missing`: the shown required fields that are empty (see solve-check.ts). */
  missingFields?: { key: string; label: string }[];
}

/** The outcome of a command: the events it produces and the state after them (maybe none). */
export interface Decision {
  events: TicketEvent[];
  state: TicketState;
}

export type DecideResult = { ok: true; decision: Decision } | { ok: false; rejection: Rejection };

/** How many uploads one reply or note may carry. */
export const MAX_REPLY_ATTACHMENTS = 10;

const reject = (code: RejectionCode, message: string): DecideResult => ({ ok: false, rejection: { code, message } });

/**
 * Decides what a command does to a ticket, purely. The workflow's update validators call it to
 * refuse bad commands before they reach history, and the handlers call it again, in order,
 * to apply them. A command that changes nothing is accepted with no events, so a retry is
 * harmless.
 */
export function decide(state: TicketState, command: TicketCommand): DecideResult {
  if (state.mergedInto !== undefined) {
    return { ok: false, rejection: { code: 'ticket_merged', message: `Ticket #${state.number} was merged into #${state.mergedInto}.`, mergedInto: state.mergedInto } };
  }
  if (state.status === 'closed') return reject('ticket_closed', `Ticket #${state.number} is closed and cannot change.`);
  switch (command.kind) {
    case 'reply':
      return decideReply(state, command);
    case 'assign':
      return decideAssign(state, command);
    case 'setStatus':
      return decideStatus(state, command.status);
    case 'patch':
      return decidePatch(state, command);
    case 'setSubject':
      return decideSubject(state, command.subject);
    case 'workOrderNotice': {
      const { events, changes } = workOrderNoticeEvents(state, command.notice);
      return accept(state, events, changes);
    }
    case 'recordSla':
      return accept(state, [slaTimelineEvent(command.event)], {});
    case 'recordRuleFiring':
      return accept(state, [{ type: 'rule_fired', data: command.firing }], {});
    case 'recordRuleRefusal':
      return accept(state, [{ type: 'rule_action_refused', data: command.refusal }], {});
    case 'customerReply':
      return decideCustomerReply(state, command.body, command.email);
    case 'recordEmailDelivery':
      return accept(state, [{ type: 'email_delivery', data: command.delivery }], {});
    case 'addCc':
    case 'removeCc': {
      const copy = decideCopy(command);
      return copy.ok ? accept(state, copy.events, {}) : reject('invalid_command', copy.message);
    }
    case 'logCall':
      return decideLoggedCall(state, command.actorId, command.call);
    case 'mergeInto':
    case 'mergedFrom':
    case 'recordSplit':
    case 'link':
    case 'unlink': {
      const relation = decideRelation(state, command);
      return relation.ok ? accept(state, relation.events, relation.changes) : reject('invalid_command', relation.message);
    }
  }
}

function decideReply(state: TicketState, command: Extract<TicketCommand, { kind: 'reply' }>): DecideResult {
  const { body, visibility, actorId, basedOnVersion, attachmentIds } = command;
  if (body.trim().length === 0) return reject('invalid_command', 'A reply needs a body.');
  if (writtenOnSince(state, basedOnVersion, actorId)) {
    return {
      ok: false,
      rejection: {
        code: 'stale_reply',
        message: `Ticket #${state.number} has new messages since version ${basedOnVersion}: read them, then send again.`,
        currentVersion: state.version,
      },
    };
  }
  if (attachmentIds && attachmentIds.length > MAX_REPLY_ATTACHMENTS) return reject('invalid_command', `A reply carries at most ${MAX_REPLY_ATTACHMENTS} attachments.`);
  // The ids only travel to the write, which links the uploads to this reply (or refuses it).
  const events: TicketEvent[] = [{ type: 'replied', data: { body, visibility, ...(attachmentIds?.length && { attachmentIds }) } }];
  const lastMessage = { version: state.version + 1, actorId };
  // An agent's first public answer takes a ticket out of `new`.
  if (visibility === 'public' && state.status === 'new') {
    events.push({ type: 'status_changed', data: { from: 'new', to: 'open' } });
    return accept(state, events, { status: 'open', lastMessage });
  }
  return accept(state, events, { lastMessage });
}

/**
 * Whether someone other than `actorId` wrote on the ticket after `basedOn` (a reply with no
 * version is not checked). The agent's own earlier replies never make their next one stale.
 */
function writtenOnSince(state: TicketState, basedOn: number | undefined, actorId: string | null): boolean {
  if (basedOn === undefined || !state.lastMessage) return false;
  return state.lastMessage.version > basedOn && state.lastMessage.actorId !== actorId;
}

function decideAssign(state: TicketState, command: { assigneeId?: string | null; teamId?: string | null }): DecideResult {
  if (command.assigneeId === undefined && command.teamId === undefined) {
    return reject('invalid_command', 'Assign needs an assigneeId or a teamId (null to clear).');
  }
  const from: Assignment = { assigneeId: state.assigneeId, teamId: state.teamId };
  const to: Assignment = {
    assigneeId: command.assigneeId === undefined ? state.assigneeId : command.assigneeId,
    teamId: command.teamId === undefined ? state.teamId : command.teamId,
  };
  if (from.assigneeId === to.assigneeId && from.teamId === to.teamId) return accept(state, [], {});
  const events: TicketEvent[] = [{ type: 'assigned', data: { from, to } }];
  if (state.status === 'new' && to.assigneeId !== null) {
    events.push({ type: 'status_changed', data: { from: 'new', to: 'open' } });
    return accept(state, events, { ...to, status: 'open' });
  }
  return accept(state, events, to);
}

function decideStatus(state: TicketState, status: TicketStatus): DecideResult {
  if (status === state.status) return accept(state, [], {});
  if (!canTransition(state.status, status)) {
    return reject('invalid_transition', `A ${state.status} ticket cannot become ${status}.`);
  }
  return accept(state, [{ type: 'status_changed', data: { from: state.status, to: status } }], { status });
}

/** Longest subject a ticket holds, as `POST /tickets` allows. */
export const MAX_SUBJECT_LENGTH = 250;

function decideSubject(state: TicketState, subject: string): DecideResult {
  const to = subject.trim();
  if (to.length === 0) return reject('invalid_command', 'A subject cannot be empty.');
  if (to.length > MAX_SUBJECT_LENGTH) return reject('invalid_command', `A subject has at most ${MAX_SUBJECT_LENGTH} characters.`);
  if (to === state.subject) return accept(state, [], {});
  return accept(state, [{ type: 'subject_changed', data: { from: state.subject, to } }], { subject: to });
}

/** The tags a patch leaves: the whole set when it names one, then its additions, then its removals. */
export function tagsAfter(current: readonly string[], change: { tags?: string[]; addTags?: string[]; removeTags?: string[] }): string[] {
  const removed = new Set(normaliseTags(change.removeTags ?? []));
  return normaliseTags([...(change.tags ?? current), ...(change.addTags ?? [])]).filter((tag) => !removed.has(tag));
}

function decidePatch(
  state: TicketState,
  command: { priority?: TicketPriority; tags?: string[]; addTags?: string[]; removeTags?: string[]; fields?: Record<string, CustomFieldValue> },
): DecideResult {
  const events: TicketEvent[] = [];
  const next: Partial<TicketState> = {};
  if (command.priority !== undefined && command.priority !== state.priority) {
    events.push({ type: 'priority_changed', data: { from: state.priority, to: command.priority } });
    next.priority = command.priority;
  }
  if (command.tags !== undefined || command.addTags !== undefined || command.removeTags !== undefined) {
    const tags = tagsAfter(state.tags, command);
    const added = tags.filter((tag) => !state.tags.includes(tag));
    const removed = state.tags.filter((tag) => !tags.includes(tag));
    if (added.length > 0 || removed.length > 0) {
      events.push({ type: 'tags_changed', data: { added, removed } });
      next.tags = tags;
    }
  }
  if (command.fields !== undefined) {
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(command.fields)) {
      const before = state.fields[key] ?? null;
      if (!sameFieldValue(before, value)) changes[key] = { from: before, to: value };
    }
    if (Object.keys(changes).length > 0) {
      events.push({ type: 'fields_changed', data: { changes } });
      next.fields = withoutNulls({ ...state.fields, ...command.fields });
    }
  }
  return accept(state, events, next);
}

/** The requester wrote again: a ticket waiting on them, or solved, opens again. */
function decideCustomerReply(state: TicketState, body: string, email?: EmailRef): DecideResult {
  if (body.trim().length === 0) return reject('invalid_command', 'A message needs a body.');
  const events: TicketEvent[] = [{ type: 'customer_replied', data: { body, ...(email && { email }) } }];
  const lastMessage = { version: state.version + 1, actorId: null };
  if (!email?.automated && (state.status === 'pending' || state.status === 'solved' || state.status === 'on_hold')) {
    events.push({ type: 'status_changed', data: { from: state.status, to: 'open' } });
    return accept(state, events, { status: 'open', lastMessage });
  }
  return accept(state, events, { lastMessage });
}

/** A logged call is a message of the conversation: an agent's call takes a new ticket out of `new`, as a reply would. */
function decideLoggedCall(state: TicketState, actorId: string | null, call: LoggedCall): DecideResult {
  const decided = decideCall(call);
  if (!decided.ok) return reject('invalid_command', decided.message);
  const lastMessage = { version: state.version + 1, actorId };
  if (state.status === 'new' && actorId !== null) {
    return accept(state, [...decided.events, { type: 'status_changed', data: { from: 'new', to: 'open' } }], { status: 'open', lastMessage });
  }
  return accept(state, decided.events, { lastMessage });
}

function slaTimelineEvent(event: SlaClockEvent): TicketEvent {
  return event.type === 'warning'
    ? { type: 'sla_warning', data: { target: event.target, dueAt: event.dueAt } }
    : { type: 'sla_breached', data: { target: event.target, breachedAt: event.at } };
}

function accept(state: TicketState, events: TicketEvent[], changes: Partial<TicketState>): DecideResult {
  if (events.length === 0) return { ok: true, decision: { events, state } };
  return { ok: true, decision: { events, state: { ...state, ...changes, version: state.version + 1 } } };
}

/** Setting a custom field to null removes it. */
/** Scalars compare as before; a multi-select's list compares by its items in order. */
function sameFieldValue(a: CustomFieldValue, b: CustomFieldValue): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => item === b[index]);
  return a === b;
}

function withoutNulls(fields: Record<string, CustomFieldValue>): Record<string, CustomFieldValue> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null));
}
