import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import type { AppliedSla } from '../domain/sla/index';
import { TICKET_FAILURES, isSolve, type NewTicket, type TicketEvent, type TicketState } from '../domain/ticket/index';
import { TICKET_TIMELINE, insertTimelineEvents } from './timeline-events';
import { createRuleInterestCache, type RuleInterest } from './rules/rule-interest';
import { resolveSlaIn } from './sla-records';
import { readRecordedTicket, type RecordedTicket } from '../db/ticket-record-view';
import { hasSendingMailbox } from '../db/mailbox-row';
import { recordAudit, type AuditRecord } from '../db/audit';
import { INSERTED, companyByDomain, joinedByDomain } from '../db/company-domains';
import { linkAttachments } from '../db/ticket-attachments';
import { appendTicketEvents } from './ticket-change-log';
import { refuseSolveWithEmptyRequiredFields } from './ticket-solve-check';
import { storeTicketNotifications, type NotificationStoreOptions } from '../db/notifications';
import { writeRelationEvents } from './ticket-relation-records';
import { createTicketTriager, type TicketTriager } from './ai/ticket-triager';
import type { AiFacts } from '../domain/ai/index';

export interface CreateTicketRecordInput {
  ticket: NewTicket;
  occurredAt: string;
  /** Also resolve the SLA policy that covers the new ticket, in the same transaction. */
  resolveSla?: boolean;
  /** Also triage the new ticket (AI predictions and `ai.*` facts), in the same transaction. */
  triage?: boolean;
}

/** A follow-up change of the same ticket, written in the same transaction when its condition holds. */
export interface FollowUpChange {
  seq: number;
  events: TicketEvent[];
  state: TicketState;
}

export interface RecordTicketChangeInput {
  orgId: string;
  number: number;
  /** The change's sequence number: the ticket row's version after it. */
  seq: number;
  actorId: string | null;
  events: TicketEvent[];
  state: TicketState;
  occurredAt: string;
  /**
   * A public reply that would be mailed: recording it as not sent (this change) when the org
   * has no mailbox to send from, instead of a delivery activity finding that out afterwards.
   */
  unlessMailed?: FollowUpChange;
}

/**
 * What a write answers, read in its own transaction: which rule events the org's rules hear,
 * and the ticket's row as written (the command's answer; null for writes before it existed).
 */
export interface RecordedChange {
  rules: RuleInterest;
  ticket?: RecordedTicket | null;
  /** `unlessMailed` was written: the reply is on the timeline as not sent, and no mail goes out. */
  unmailed?: boolean;
  /** With `resolveSla`: the policy that covers the new ticket. */
  sla?: AppliedSla | null;
  /** With `triage`: the facts stored, or absent when the predictions could not be made. */
  triaged?: { facts: AiFacts };
  /** For a change that solves the ticket: whether the org has a mailbox that could send its survey. */
  surveyable?: boolean;
}

const AGENT_ROLES = ['owner', 'admin', 'agent'];


/**
 * The ticket workflow's writes. Each is one transaction keyed by the change's sequence number,
 * so an activity retried after a worker died writes nothing twice.
 */
export function createTicketRecordActivities(db: Db, triager: TicketTriager = createTicketTriager(), notifications: NotificationStoreOptions = {}) {
  const ruleInterest = createRuleInterestCache();
  return {
    async createTicketRecord(input: CreateTicketRecordInput): Promise<RecordedChange> {
      const { ticket } = input;
      return withTenant(db, { orgId: ticket.orgId }, async (trx) => {
        const rules = await ruleInterest(trx, ticket.orgId);
        const created = await insertTicket(trx, input);
        const sla = input.resolveSla ? { sla: await resolveSlaIn(trx, ticket.orgId, ticket.number) } : {};
        // In the write rather than an activity of its own: a ticket's triage costs a millisecond
        // of CPU and two statements, where its own activity cost a task through the server, a
        // transaction and one more workflow task (bench/README, stop 18).
        const facts = input.triage ? await triager.triageIn(trx, ticket) : null;
        const recorded = await readRecordedTicket(trx, ticket.orgId, ticket.number);
        if (created) await appendTicketEvents(trx, ticket.orgId, [{ ...ticket, seq: 1, occurredAt: input.occurredAt, events: [created], state: { ...ticket, status: 'new', assigneeId: null, teamId: null } }]);
        return { rules, ticket: recorded, ...sla, ...(facts && { triaged: { facts } }) };
      });
    },

    async recordTicketChange(input: RecordTicketChangeInput): Promise<RecordedChange> {
      const { orgId, number } = input;
      return withTenant(db, { orgId }, async (trx) => {
        await refuseChange(trx, input);
        const written = await writeChange(trx, input);
        const rules = await ruleInterest(trx, orgId);
        const unmailed = input.unlessMailed ? await recordUnmailed(trx, input, input.unlessMailed) : undefined;
        // Read with the solve so that an org with no way to send mail costs its workflow no survey activity.
        const surveyable = input.events.some(isSolve) ? await hasSendingMailbox(trx, orgId) : undefined;
        const recorded = await readRecordedTicket(trx, orgId, number);
        // A retry finds both changes written by the attempt that committed them (and their events and notifications).
        if (written) {
          const { seq, actorId, events, state } = input;
          const { followerCount } = written;
          const notified = await storeTicketNotifications(trx, orgId, { number, seq, subject: state.subject, actorId, assigneeId: state.assigneeId, events, followerCount }, input.occurredAt, notifications);
          await appendTicketEvents(trx, orgId, [input, ...(unmailed && input.unlessMailed ? [{ ...input, ...input.unlessMailed, actorId: null }] : [])], notified);
        }
        return { rules, ticket: recorded, ...(unmailed !== undefined && { unmailed }), ...(surveyable !== undefined && { surveyable }) };
      });
    },
  };
}

export type TicketRecordActivities = ReturnType<typeof createTicketRecordActivities>;

/** Inserts a new ticket's row, its `created` entry (returned) and its audit; nothing (null) if an earlier attempt did. */
async function insertTicket(trx: Knex.Transaction, { ticket, occurredAt }: CreateTicketRecordInput): Promise<TicketEvent | null> {
  const existing = await trx('tickets').where({ org_id: ticket.orgId, number: ticket.number }).first('number');
  if (existing) return null;
  const requester = await findOrCreateContact(trx, ticket.orgId, ticket.requester);
  await trx('tickets').insert({
    org_id: ticket.orgId,
    number: ticket.number,
    subject: ticket.subject,
    description: ticket.description,
    status: 'new',
    priority: ticket.priority,
    channel: ticket.channel,
    requester_id: requester.id,
    tags: ticket.tags,
    fields: JSON.stringify(ticket.fields),
    version: 1,
    search: trx.raw(`to_tsvector('simple', ?)`, [`${ticket.subject} ${ticket.description}`]),
    created_at: occurredAt,
    updated_at: occurredAt,
  });
  const created: TicketEvent = {
    type: 'created',
    data: { subject: ticket.subject, priority: ticket.priority, channel: ticket.channel },
  };
  await insertTimelineEvents(trx, TICKET_TIMELINE, { orgId: ticket.orgId, number: ticket.number, seq: 1, actorId: ticket.actorId, occurredAt }, [created]);
  await rememberTags(trx, ticket.orgId, ticket.tags);
  // The domain join (if any) goes in the ticket's own audit write: one statement either way.
  await recordAudit(trx, [{
    orgId: ticket.orgId,
    actorId: ticket.actorId,
    action: 'ticket.created',
    entityType: 'ticket',
    entityId: ticket.number,
    data: { subject: ticket.subject },
  }, ...(requester.joined ? [requester.joined] : [])]);
  return created;
}

type ChangeWrite = Pick<RecordTicketChangeInput, 'orgId' | 'number' | 'seq' | 'actorId' | 'events' | 'state' | 'occurredAt'>;

/**
 * One change: the row, its timeline entries and its audit. Null when an earlier attempt wrote
 * it; else the ticket's follower count, which the row's UPDATE returns at no extra round trip
 * (so a ticket nobody follows reads no followers: db/ticket-followers.ts).
 */
async function writeChange(trx: Knex.Transaction, input: ChangeWrite): Promise<{ followerCount: number } | null> {
  const { orgId, number, seq, state, events, occurredAt } = input;
  // Replies and a renamed subject join what the queue's text search finds (an old subject stays findable).
  const replies = events.flatMap((event) => {
    if (event.type === 'replied' || event.type === 'customer_replied') return [event.data.body];
    if (event.type === 'call_logged') return [`${event.data.phoneNumber} ${event.data.notes}`];
    return event.type === 'subject_changed' ? [event.data.to] : [];
  });
  const statusChange = events.find((event) => event.type === 'status_changed');
  const updated = await trx('tickets')
    .where({ org_id: orgId, number })
    .andWhere('version', '<', seq)
    .update({
      subject: state.subject,
      status: state.status,
      priority: state.priority,
      tags: state.tags,
      fields: JSON.stringify(state.fields),
      assignee_id: state.assigneeId,
      team_id: state.teamId,
      version: seq,
      updated_at: occurredAt,
      ...(replies.length > 0 && {
        search: trx.raw(`search || to_tsvector('simple', ?)`, [replies.join('\n')]),
      }),
      ...(statusChange?.data.to === 'solved' && { solved_at: occurredAt }),
      ...(statusChange?.data.to === 'closed' && { closed_at: occurredAt }),
    })
    .returning<{ follower_count: number }[]>('follower_count');
  // Already written by an earlier attempt of this same change.
  if (updated.length === 0) return null;
  await insertTimelineEvents(trx, TICKET_TIMELINE, { orgId, number, seq, actorId: input.actorId, occurredAt }, events);
  await attachToReply(trx, orgId, number, seq, events);
  await writeRelationEvents(trx, orgId, number, events);
  const tagsChanged = events.find((event) => event.type === 'tags_changed');
  if (tagsChanged) await rememberTags(trx, orgId, tagsChanged.data.added);
  await recordAudit(
    trx,
    events.map((event) => ({
      orgId,
      actorId: input.actorId,
      action: `ticket.${event.type}`,
      entityType: 'ticket',
      entityId: number,
      data: event.type === 'replied' ? { visibility: event.data.visibility, ...(event.data.attachmentIds && { attachmentIds: event.data.attachmentIds }) } : event.data,
    })),
  );
  return { followerCount: updated[0]!.follower_count };
}

/**
 * Writes the reply's "not sent" follow-up when the org has no mailbox to send from (the
 * delivery activity would find exactly that), and says whether it is written. Retried after
 * the follow-up was written, it answers the same even if a mailbox was added meanwhile.
 */
async function recordUnmailed(trx: Knex.Transaction, change: RecordTicketChangeInput, followUp: FollowUpChange): Promise<boolean> {
  const { orgId, number } = change;
  const mailbox = await trx('mailboxes').where({ org_id: orgId }).first('id');
  if (!mailbox) {
    await writeChange(trx, { ...change, ...followUp, actorId: null });
    return true;
  }
  const row = await trx('tickets').where({ org_id: orgId, number }).first<{ version: number }>('version');
  return row.version >= followUp.seq;
}

/**
 * Links the uploads a reply or note sends to it, in its own transaction: each upload belongs
 * to this ticket and goes with one reply only. One that cannot be linked refuses the change
 * (and the transaction, so nothing of it is written).
 */
async function attachToReply(trx: Knex.Transaction, orgId: string, number: number, seq: number, events: readonly TicketEvent[]): Promise<void> {
  for (const event of events) {
    if (event.type !== 'replied' || !event.data.attachmentIds?.length) continue;
    const unlinked = await linkAttachments(trx, orgId, number, seq, event.data.attachmentIds);
    if (unlinked.length > 0) {
      throw ApplicationFailure.nonRetryable(`Attachment ${unlinked.join(', ')} is not an upload of ticket #${number} waiting to be sent.`, TICKET_FAILURES.unknown_attachment);
    }
  }
}

/**
 * The requester as a contact: created on first contact, joining the company whose domain their
 * address is on (the lookup rides in the same statement: no round trip more), and answered
 * with the audit line of that join when it happened, for the ticket's own audit write.
 */
async function findOrCreateContact(
  trx: Knex.Transaction,
  orgId: string,
  requester: { email: string; name: string | null },
): Promise<{ id: string; joined: AuditRecord | null }> {
  const [row] = await trx('contacts')
    .insert({ org_id: orgId, id: crypto.randomUUID(), email: requester.email, name: requester.name, company_id: companyByDomain(trx, orgId, requester.email) })
    .onConflict(['org_id', 'email'])
    .merge({ name: trx.raw('COALESCE(contacts.name, EXCLUDED.name)') })
    .returning(['id', 'company_id', trx.raw(INSERTED)]);
  const contact = row as { id: string; company_id: string | null; inserted: boolean };
  const joined = contact.inserted && contact.company_id !== null ? joinedByDomain(orgId, { id: contact.id, email: requester.email, company_id: contact.company_id }) : null;
  return { id: contact.id, joined };
}

/**
 * What the write refuses: an assignee who is not an active agent, an unknown team, and (here,
 * in the write, not in an activity of its own) a solve while required fields are empty. A
 * refusal holds for a change not yet written: a retry of one an earlier attempt committed (its
 * worker died before the workflow heard) answers as that attempt did, whatever changed since.
 */
async function refuseChange(trx: Knex.Transaction, input: RecordTicketChangeInput): Promise<void> {
  try {
    await checkAssignment(trx, input.orgId, input.events);
    await refuseSolveWithEmptyRequiredFields(trx, input);
  } catch (error) {
    if (!(error instanceof ApplicationFailure) || !(await writtenBefore(trx, input))) throw error;
  }
}

/** Whether an earlier attempt of this change committed it: the ticket's version reached its sequence number. */
async function writtenBefore(trx: Knex.Transaction, { orgId, number, seq }: Pick<RecordTicketChangeInput, 'orgId' | 'number' | 'seq'>): Promise<boolean> {
  const row = await trx('tickets').where({ org_id: orgId, number }).first<{ version: number } | undefined>('version');
  return row !== undefined && row.version >= seq;
}

async function checkAssignment(trx: Knex.Transaction, orgId: string, events: TicketEvent[]): Promise<void> {
  for (const event of events) {
    if (event.type !== 'assigned') continue;
    const { assigneeId, teamId } = event.data.to;
    if (assigneeId !== null && assigneeId !== event.data.from.assigneeId) {
      const member = await trx('memberships').where({ org_id: orgId, user_id: assigneeId }).whereIn('role', AGENT_ROLES).whereNull('deactivated_at').first('user_id');
      if (!member) {
        throw ApplicationFailure.nonRetryable(`No agent ${assigneeId} in this organization.`, TICKET_FAILURES.unknown_assignee);
      }
    }
    if (teamId !== null && teamId !== event.data.from.teamId) {
      const team = await trx('teams').where({ org_id: orgId, id: teamId }).whereNull('deleted_at').first('id');
      if (!team) throw ApplicationFailure.nonRetryable(`No team ${teamId} in this organization.`, TICKET_FAILURES.unknown_team);
    }
  }
}

async function rememberTags(trx: Knex.Transaction, orgId: string, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  await trx('tags').insert(tags.map((name) => ({ org_id: orgId, name }))).onConflict(['org_id', 'name']).ignore();
}
