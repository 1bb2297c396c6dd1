import type { ConditionGroup } from '../../api/types';

/** Conditions the designer's tests build on: a tree with a leaf, an any group and a not. */
export const subject = { fact: 'ticket.subject', operator: 'contains', value: 'refund' };
export const priority = { fact: 'ticket.priority', operator: 'equal', value: 'high' };
export const tags = { fact: 'ticket.tags', operator: 'contains', value: 'vip' };

export const tree = (): ConditionGroup => ({ all: [subject, { any: [priority, { not: tags }] }] });
