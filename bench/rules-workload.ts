import { NO_AI_FACTS } from '../domain/ai/triage';
import type { RuleEvent, RuleFacts, VersionedRule } from '../domain/rules/index';
import { TICKET_PRIORITIES, TICKET_STATUSES } from '../domain/ticket/status';

/** A seeded PRNG (mulberry32): the same seed gives the same rules and events. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['refund', 'invoice', 'login', 'password', 'printer', 'outage', 'billing', 'upgrade', 'cancel', 'vpn', 'crash', 'slow', 'export', 'sso', 'api'];
const TAGS = ['vip', 'billing', 'hardware', 'trial', 'enterprise', 'bug', 'feature', 'urgent-review'];
const DOMAINS = ['acme.test', 'globex.test', 'initech.test', 'umbrella.test', 'hooli.test'];

/**
 * Rules of the shapes admins write: keyword routing (contains / matches on subject and
 * body), priority and tag filters, status transitions (changed to), requester domains, all
 * nested in all/any/not groups. Each holds for a small share of events.
 */
export function makeRules(count: number, random: () => number): VersionedRule[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => ({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    version: 1,
    position: i,
    definition: {
      name: `Rule ${i}`,
      description: '',
      events: [pick(['ticket.created', 'ticket.updated', 'ticket.customer_replied'] as const)],
      timeTrigger: null,
      conditions: {
        all: [
          { any: [
            { fact: 'ticket.subject', operator: 'contains', value: pick(WORDS) },
            { fact: 'message.body', operator: 'matches', value: `\\b(${pick(WORDS)}|${pick(WORDS)})\\b` },
          ] },
          { fact: 'ticket.priority', operator: 'in', value: [pick(TICKET_PRIORITIES), pick(TICKET_PRIORITIES)] },
          { not: { fact: 'ticket.tags', operator: 'contains', value: pick(TAGS) } },
          ...(random() < 0.3 ? [{ fact: 'change.status', operator: 'changedTo', value: pick(TICKET_STATUSES) }] : []),
          ...(random() < 0.3 ? [{ fact: 'requester.domain', operator: 'equal', value: pick(DOMAINS) }] : []),
        ],
      },
      actions: [{ type: 'add_tags', tags: [pick(TAGS)] }, { type: 'set_priority', priority: pick(TICKET_PRIORITIES) }],
      stopProcessing: false,
    },
  }));
}

export interface WorkloadEvent {
  event: RuleEvent;
  facts: RuleFacts;
}

export function makeEvents(count: number, random: () => number): WorkloadEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const type = pick(['ticket.created', 'ticket.updated', 'ticket.customer_replied'] as const);
    const body = `Hello, my ${pick(WORDS)} is ${pick(WORDS)} since the ${pick(WORDS)} yesterday. Thanks!`;
    const event: RuleEvent = type === 'ticket.updated'
      ? { type, changes: { status: { from: 'open', to: pick(TICKET_STATUSES) } } }
      : { type, changes: {}, ...(type === 'ticket.customer_replied' && { message: { body, visibility: 'customer' as const } }) };
    const email = `customer${i % 97}@${pick(DOMAINS)}`;
    const facts: RuleFacts = {
      ticket: {
        number: i + 1, subject: `${pick(WORDS)} ${pick(WORDS)} problem`, description: body, status: pick(TICKET_STATUSES), priority: pick(TICKET_PRIORITIES),
        channel: 'email', tags: [pick(TAGS)], assigneeId: null, teamId: null, ageSeconds: Math.floor(random() * 86_400), fields: {},
      },
      requester: { email, name: 'Casey', domain: email.split('@')[1] ?? '' },
      company: { name: null, domain: null },
      message: { body: event.message?.body ?? '' },
      change: event.type === 'ticket.updated' ? { status: event.changes.status } : {},
      sla: { target: null },
      calendar: { inBusinessHours: true },
      ai: NO_AI_FACTS,
    };
    return { event, facts };
  });
}
