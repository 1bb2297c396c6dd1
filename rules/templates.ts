import type { RuleDefinition } from '../domain/rules/index';

export interface RuleTemplate {
  id: string;
  name: string;
  description: string;
  definition: RuleDefinition;
}

/** Starter rules an admin can begin from; placeholders like the team are theirs to fill. */
export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  {
    id: 'auto-assign-by-keyword',
    name: 'Auto-assign by keyword',
    description: 'Route new tickets that mention billing words to a team, round-robin.',
    definition: {
      name: 'Route billing questions',
      description: 'New tickets about refunds or invoices go to the billing team.',
      events: ['ticket.created'],
      timeTrigger: null,
      conditions: { any: [
        { fact: 'ticket.subject', operator: 'matches', value: '\\b(refund|invoice|charge[ds]?)\\b' },
        { fact: 'ticket.description', operator: 'matches', value: '\\b(refund|invoice|charge[ds]?)\\b' },
      ] },
      actions: [{ type: 'add_tags', tags: ['billing'] }],
      stopProcessing: false,
    },
  },
  {
    id: 'escalate-on-breach',
    name: 'Escalate on SLA breach',
    description: 'When a resolution target is breached, raise the priority and leave a note.',
    definition: {
      name: 'Escalate breached tickets',
      description: '',
      events: ['sla.breached'],
      timeTrigger: null,
      conditions: { all: [{ fact: 'sla.target', operator: 'equal', value: 'resolution' }] },
      actions: [
        { type: 'escalate', priority: 'urgent', note: 'Resolution SLA breached on #{{ticket.number}}: escalated.' },
        { type: 'notify', channel: 'in_app', recipient: { kind: 'assignee' }, message: 'Ticket #{{ticket.number}} breached its resolution SLA.' },
      ],
      stopProcessing: false,
    },
  },
  {
    id: 'auto-close-pending',
    name: 'Auto-close pending after 5 days',
    description: 'Solve tickets that have waited on the customer for five days.',
    definition: {
      name: 'Solve stale pending tickets',
      description: '',
      events: ['ticket.time_elapsed'],
      timeTrigger: { anchor: { kind: 'status', status: 'pending' }, afterSeconds: 5 * 24 * 3600, hours: 'calendar' },
      conditions: { all: [{ fact: 'ticket.status', operator: 'equal', value: 'pending' }] },
      actions: [
        { type: 'reply', body: 'Hi {{requester.name}}, we have not heard back, so we are closing this request. Reply to reopen it.' },
        { type: 'set_status', status: 'solved' },
      ],
      stopProcessing: false,
    },
  },
];
