import type { Knex } from 'knex';
import { assignmentDirectory } from '../../db/assignment-directory';
import { recentTicketNumbers, ticketEventRows, ticketStateOf, type TicketEventRow } from '../../db/ticket-history';
import { loadTicketSnapshot } from '../../db/ticket-snapshot';
import {
  factsFor,
  ruleEventsOf,
  type ChangeActor,
  type ResolvedAction,
  type RuleDefinition,
  type RuleEvent,
  type RuleEventType,
  type TicketSnapshot,
  type VersionedRule,
} from '../../domain/rules/index';
import { applyEvent, undoEvent, type TicketFacets } from '../../domain/ticket/history';
import type { TicketEvent, TicketState } from '../../domain/ticket/index';
import { RuleEngines, type ConditionOutcome } from '../../rules/evaluate';
import { resolveActions } from '../../rules/resolve-actions';
import { notFound } from '../problem';

type EventRow = TicketEventRow;

const asEvent = (row: EventRow) => ({ type: row.type, data: row.data }) as TicketEvent;
const actorOf = (group: EventRow[]): ChangeActor =>
  group.some((row) => row.type === 'customer_replied') ? 'customer' : group[0]?.actor_id ? 'agent' : 'system';

function draftRule(definition: RuleDefinition, id = 'draft'): VersionedRule {
  return { id, version: 0, position: 0, definition };
}

/** The most recent event of a type on the ticket, as rules would have seen it. */
function latestEvent(rows: EventRow[], type: RuleEventType, ruleId: string): RuleEvent {
  if (type === 'ticket.time_elapsed') return { type, changes: {}, timerRuleId: ruleId };
  const groups = groupBySeq(rows);
  for (const group of [...groups].reverse()) {
    const found = ruleEventsOf(group.map(asEvent), actorOf(group)).find((event) => event.type === type);
    if (found) return found;
  }
  return { type, changes: {}, ...(type.startsWith('sla.') && { sla: { target: 'first_response' as const } }) };
}

function groupBySeq(rows: EventRow[]): EventRow[][] {
  const groups: EventRow[][] = [];
  for (const row of rows) {
    const last = groups.at(-1);
    if (last && last[0]?.seq === row.seq) last.push(row);
    else groups.push([row]);
  }
  return groups;
}

export interface RuleTestResult {
  matched: boolean;
  event: RuleEventType;
  conditions: ConditionOutcome;
  actions: ResolvedAction[];
}

/** Evaluates one rule (saved or draft) against a ticket as it is now, applying nothing. */
export async function testRule(trx: Knex.Transaction, orgId: string, number: number, definition: RuleDefinition, options: { ruleId?: string; event?: RuleEventType }): Promise<RuleTestResult> {
  const state = await ticketStateOf(trx, orgId, number);
  const snapshot = state && (await loadTicketSnapshot(trx, state, Date.now()));
  if (!state || !snapshot) throw notFound(`Ticket #${number}`);
  const rule = draftRule(definition, options.ruleId);
  const type = options.event ?? definition.events[0] ?? 'ticket.updated';
  const event = latestEvent(await ticketEventRows(trx, orgId, number), type, rule.id);
  const facts = factsFor(snapshot, event);
  const [verdict] = await new RuleEngines().evaluate({ ruleSet: { orgId, version: -1, rules: [{ ...rule, definition: { ...definition, events: [type] } }] }, event: type, facts, ...(event.timerRuleId && { timerRuleId: event.timerRuleId }) });
  const actions = await resolveActions(definition.actions, facts, assignmentDirectory(trx, orgId, { dryRun: true }), { ruleId: rule.id, ruleName: definition.name, event: type });
  return { matched: verdict?.matched ?? false, event: type, conditions: verdict?.conditions ?? { all: [], result: null }, actions };
}

export interface BacktestMatch {
  ticketNumber: number;
  subject: string;
  event: RuleEventType;
  at: string;
  actions: ResolvedAction[];
}

export interface BacktestResult {
  ticketsScanned: number;
  eventsReplayed: number;
  matches: BacktestMatch[];
}

/**
 * Replays a draft rule over the recorded timelines of the org's most recent tickets: each
 * ticket's first state is recovered by undoing its timeline from the current row, then every
 * recorded change is replayed and the rule evaluated on the facts of that moment. Nothing is
 * applied. Time-based triggers are not replayed (their timers were never recorded).
 */
export async function backtestRule(trx: Knex.Transaction, orgId: string, definition: RuleDefinition, tickets: number): Promise<BacktestResult> {
  const rule = draftRule(definition);
  const engines = new RuleEngines();
  const directory = assignmentDirectory(trx, orgId, { dryRun: true });
  const numbers = await recentTicketNumbers(trx, orgId, tickets);
  const result: BacktestResult = { ticketsScanned: 0, eventsReplayed: 0, matches: [] };
  for (const number of numbers) {
    const current = await ticketStateOf(trx, orgId, number);
    const base = current && (await loadTicketSnapshot(trx, current, Date.now()));
    if (!current || !base) continue;
    result.ticketsScanned += 1;
    const rows = await ticketEventRows(trx, orgId, number);
    const createdAt = rows[0]?.created_at.getTime() ?? Date.now();
    let facets = [...rows].reverse().map(asEvent).reduce(undoEvent, facetsOf(current));
    for (const group of groupBySeq(rows)) {
      facets = group.map(asEvent).reduce(applyEvent, facets);
      const at = group[0]?.created_at ?? new Date();
      for (const event of ruleEventsOf(group.map(asEvent), actorOf(group))) {
        if (!definition.events.includes(event.type)) continue;
        result.eventsReplayed += 1;
        const facts = factsFor(atMoment(base, facets, (at.getTime() - createdAt) / 1000), event);
        const [verdict] = await engines.evaluate({ ruleSet: { orgId, version: -1, rules: [rule] }, event: event.type, facts });
        if (!verdict?.matched) continue;
        const actions = await resolveActions(definition.actions, facts, directory, { ruleId: rule.id, ruleName: definition.name, event: event.type });
        result.matches.push({ ticketNumber: number, subject: current.subject, event: event.type, at: at.toISOString(), actions });
      }
    }
  }
  return result;
}

const facetsOf = (state: TicketState): TicketFacets => ({ status: state.status, priority: state.priority, tags: state.tags, assigneeId: state.assigneeId, teamId: state.teamId, fields: state.fields });

function atMoment(base: TicketSnapshot, facets: TicketFacets, ageSeconds: number): TicketSnapshot {
  return { ...base, ticket: { ...base.ticket, ...facets, ageSeconds: Math.max(0, Math.round(ageSeconds)) } };
}
