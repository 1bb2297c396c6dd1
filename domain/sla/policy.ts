import type { BusinessCalendar } from '../calendar/calendar';
import type { TicketChannel, TicketPriority, TicketStatus } from '../ticket/status';
import type { CustomFieldValue } from '../ticket/state';

export const SLA_TARGETS = ['first_response', 'next_response', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGETS)[number];

/** Which tickets a policy covers; an empty or missing list matches everything. */
export interface SlaConditions {
  priorities?: TicketPriority[];
  channels?: TicketChannel[];
  /** Matches when the ticket has any of these tags. */
  tags?: string[];
  teamIds?: string[];
  companyIds?: string[];
  /** Custom fields the ticket must hold these values in, all of them (a multi-select: includes it). */
  fields?: SlaFieldCondition[];
}

export interface SlaFieldCondition {
  key: string;
  equals: string | number | boolean;
}

export interface SlaPolicy {
  id: string;
  name: string;
  /** Policies are tried in ascending position; the first that matches applies. */
  position: number;
  conditions: SlaConditions;
  /** Target durations in seconds, per priority and target. */
  targets: Partial<Record<TicketPriority, Partial<Record<SlaTargetKind, number>>>>;
  /** Business hours count only the calendar's opening hours; calendar hours count every second. */
  hours: 'business' | 'calendar';
  calendarId: string | null;
  pauseStatuses: TicketStatus[];
  /** Share of the target after which the clock warns, in (0, 1). */
  warnAt: number;
}

/** What a policy looks at on a ticket. */
export interface SlaTicketFacts {
  priority: TicketPriority;
  channel: TicketChannel;
  tags: string[];
  teamId: string | null;
  companyId: string | null;
  /** The ticket's custom-field values; missing: none. */
  fields?: Readonly<Record<string, CustomFieldValue>>;
}

function fieldHolds(condition: SlaFieldCondition, fields: Readonly<Record<string, CustomFieldValue>>): boolean {
  const value = fields[condition.key];
  return Array.isArray(value) ? value.includes(String(condition.equals)) : value === condition.equals;
}

const matches = <T>(allowed: readonly T[] | undefined, value: T | null): boolean =>
  !allowed || allowed.length === 0 || (value !== null && allowed.includes(value));

export function policyMatches(policy: SlaPolicy, ticket: SlaTicketFacts): boolean {
  const { priorities, channels, tags, teamIds, companyIds, fields } = policy.conditions;
  return (
    matches(priorities, ticket.priority) &&
    matches(channels, ticket.channel) &&
    (!tags || tags.length === 0 || tags.some((tag) => ticket.tags.includes(tag))) &&
    matches(teamIds, ticket.teamId) &&
    matches(companyIds, ticket.companyId) &&
    (fields ?? []).every((condition) => fieldHolds(condition, ticket.fields ?? {}))
  );
}

/** The first policy, by position, that covers the ticket. */
export function choosePolicy(policies: readonly SlaPolicy[], ticket: SlaTicketFacts): SlaPolicy | null {
  return [...policies].sort((a, b) => a.position - b.position).find((policy) => policyMatches(policy, ticket)) ?? null;
}

/** A policy resolved for one ticket: what the ticket workflow needs to run its clocks. */
export interface AppliedSla {
  policyId: string;
  targets: Partial<Record<SlaTargetKind, number>>;
  calendar: BusinessCalendar;
  pauseStatuses: TicketStatus[];
  warnAt: number;
}

/** Calendar hours are business hours on a calendar that never closes. */
export const ALWAYS_OPEN_UTC: BusinessCalendar = {
  timeZone: 'UTC',
  week: { mon: [{ start: '00:00', end: '24:00' }], tue: [{ start: '00:00', end: '24:00' }], wed: [{ start: '00:00', end: '24:00' }], thu: [{ start: '00:00', end: '24:00' }], fri: [{ start: '00:00', end: '24:00' }], sat: [{ start: '00:00', end: '24:00' }], sun: [{ start: '00:00', end: '24:00' }] },
  holidays: [],
};

export function applyPolicy(policy: SlaPolicy, priority: TicketPriority, calendar: BusinessCalendar | null): AppliedSla {
  return {
    policyId: policy.id,
    targets: policy.targets[priority] ?? {},
    calendar: policy.hours === 'business' && calendar ? calendar : ALWAYS_OPEN_UTC,
    pauseStatuses: policy.pauseStatuses,
    warnAt: policy.warnAt,
  };
}
