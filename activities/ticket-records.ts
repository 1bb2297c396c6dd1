import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import { TICKET_FAILURES, type NewTicket, type TicketEvent, type TicketState } from '../domain/ticket/index';
import { TICKET_TIMELINE, insertTimelineEvents } from './timeline-events';
import { createRuleInterestCache, type RuleInterest } from './rules/rule-interest';
import { recordAudit } from '../db/audit';

export interface CreateTicketRecordInput {
  ticket: NewTicket;
  occurredAt: string;
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
}

/** What a write answers: which rule events the org's rules hear, read in the same transaction. */
export interface RecordedChange {
  rules: RuleInterest;
}

const AGENT_ROLES = ['owner', 'admin', 'agent'];

/**
 * The ticket workflow's writes. Each is one transaction keyed by the change's sequence number,
 * so an activity retried after a worker died writes nothing twice.
 */
export function createTicketRecordActivities(db: Db) {
  const ruleInterest = createRuleInterestCache();
  return {
    async createTicketRecord({ ticket, occurredAt }: CreateTicketRecordInput): Promise<RecordedChange> {
      return withTenant(db, { orgId: ticket.orgId }, async (trx) => {
        const rules = await ruleInterest(trx, ticket.orgId);
        const existing = await trx('tickets').where({ org_id: ticket.orgId, number: ticket.number }).first('number');
        if (existing) return { rules };
        const requesterId = await findOrCreateContact(trx, ticket.orgId, ticket.requester);
        await trx('tickets').insert({
          org_id: ticket.orgId,
          number: ticket.number,
          subject: ticket.subject,
          description: ticket.description,
          status: 'new',
          priority: ticket.priority,
          channel: ticket.channel,
          requester_id: requesterId,
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
        await recordAudit(trx, {
          orgId: ticket.orgId,
          actorId: ticket.actorId,
          action: 'ticket.created',
          entityType: 'ticket',
          entityId: ticket.number,
          data: { subject: ticket.subject },
        });
        return { rules };
      });
    },

    async recordTicketChange(input: RecordTicketChangeInput): Promise<RecordedChange> {
      const { orgId, number, seq, state, events, occurredAt } = input;
      return withTenant(db, { orgId }, async (trx) => {
        await checkAssignment(trx, orgId, events);
        const replies = events.flatMap((event) => (event.type === 'replied' || event.type === 'customer_replied' ? [event.data.body] : []));
        const statusChange = events.find((event) => event.type === 'status_changed');
        const updated = await trx('tickets')
          .where({ org_id: orgId, number })
          .andWhere('version', '<', seq)
          .update({
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
          });
        const rules = await ruleInterest(trx, orgId);
        // Already written by an earlier attempt of this same change.
        if (updated === 0) return { rules };
        await insertTimelineEvents(trx, TICKET_TIMELINE, { orgId, number, seq, actorId: input.actorId, occurredAt }, events);
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
            data: event.type === 'replied' ? { visibility: event.data.visibility } : event.data,
          })),
        );
        return { rules };
      });
    },
  };
}

export type TicketRecordActivities = ReturnType<typeof createTicketRecordActivities>;

async function findOrCreateContact(
  trx: Knex.Transaction,
  orgId: string,
  requester: { email: string; name: string | null },
): Promise<string> {
  const [row] = await trx('contacts')
    .insert({ org_id: orgId, id: crypto.randomUUID(), email: requester.email, name: requester.name })
    .onConflict(['org_id', 'email'])
    .merge({ name: trx.raw('COALESCE(contacts.name, EXCLUDED.name)') })
    .returning('id');
  return (row as { id: string }).id;
}

async function checkAssignment(trx: Knex.Transaction, orgId: string, events: TicketEvent[]): Promise<void> {
  for (const event of events) {
    if (event.type !== 'assigned') continue;
    const { assigneeId, teamId } = event.data.to;
    if (assigneeId !== null && assigneeId !== event.data.from.assigneeId) {
      const member = await trx('memberships').where({ org_id: orgId, user_id: assigneeId }).whereIn('role', AGENT_ROLES).first('user_id');
      if (!member) {
        throw ApplicationFailure.nonRetryable(`No agent ${assigneeId} in this organization.`, TICKET_FAILURES.unknown_assignee);
      }
    }
    if (teamId !== null && teamId !== event.data.from.teamId) {
      const team = await trx('teams').where({ org_id: orgId, id: teamId }).first('id');
      if (!team) throw ApplicationFailure.nonRetryable(`No team ${teamId} in this organization.`, TICKET_FAILURES.unknown_team);
    }
  }
}

async function rememberTags(trx: Knex.Transaction, orgId: string, tags: readonly string[]): Promise<void> {
  if (tags.length === 0) return;
  await trx('tags').insert(tags.map((name) => ({ org_id: orgId, name }))).onConflict(['org_id', 'name']).ignore();
}
