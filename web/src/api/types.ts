import type { Weekday } from '../domain/sla';
import type { Priority, Status } from '../domain/lifecycle';
import type { RuleFiring } from './rule-types';
import type { EmailDelivery } from './email-types';

export type Role = 'owner' | 'admin' | 'agent' | 'dispatcher' | 'technician' | 'customer';

export interface User { id: string; email: string; name: string; role: Role }
export interface Organization { id: string; name: string; slug: string }
/** What login and sign-up answer, as the console uses it: the refresh token stays in its HttpOnly cookie. */
export interface Session { accessToken: string; user: User; organization: Organization }
export interface Page<T> { data: T[]; nextCursor: string | null }

export interface Ticket {
  number: number;
  subject: string;
  description: string;
  status: Status;
  priority: Priority;
  channel: string;
  tags: string[];
  assigneeId: string | null;
  assignee: { id: string; name: string } | null;
  teamId: string | null;
  requester: { id: string; email: string; name: string | null };
  fields: Record<string, string | number | boolean | null>;
  createdAt: string;
  updatedAt: string;
  /** The open SLA clock nearest its deadline (or furthest past it). */
  sla: SlaClock | null;
}

export type SlaTarget = 'first_response' | 'next_response' | 'resolution';
export interface SlaClock {
  target: SlaTarget;
  targetSeconds: number;
  state: 'running' | 'paused' | 'met' | 'breached' | 'cancelled';
  dueAt: string | null;
  remainingSeconds: number;
  elapsedBusinessSeconds: number;
  breachedAt: string | null;
}

export type TimelineEvent =
  | EventOf<'created', { subject: string; priority: Priority; channel: string }>
  | EventOf<'replied', { body: string; visibility: 'public' | 'internal' }>
  | EventOf<'assigned', { from: Assignment; to: Assignment }>
  | EventOf<'status_changed', { from: Status; to: Status }>
  | EventOf<'priority_changed', { from: Priority; to: Priority }>
  | EventOf<'tags_changed', { added: string[]; removed: string[] }>
  | EventOf<'fields_changed', { changes: Record<string, { from: unknown; to: unknown }> }>
  | EventOf<'customer_replied', { body: string; email?: { messageId: string; from: string } }>
  | EventOf<'email_delivery', EmailDelivery>
  | EventOf<'sla_warning', { target: SlaTarget; dueAt: string | null }>
  | EventOf<'sla_breached', { target: SlaTarget; breachedAt: string }>
  | EventOf<'rule_fired', RuleFiring>;

interface Assignment { assigneeId: string | null; teamId: string | null }
interface EventOf<T extends string, D> { id: string; type: T; actor: { id: string; name: string } | null; data: D; createdAt: string }

export interface TicketFilters { status?: string; assigneeId?: string; priority?: string; tag?: string; q?: string; sla?: string }
export interface SavedView { id: string; name: string; filters: TicketFilters }
export type StatusCounts = Record<Status, number>;

export interface Hours { start: string; end: string }
export interface Holiday { date: string; yearly: boolean; name?: string }
export interface BusinessCalendar { id: string; name: string; timeZone: string; week: Record<Weekday, Hours[]>; holidays: Holiday[] }

export interface SlaConditions { priorities?: Priority[]; channels?: string[]; tags?: string[]; teamIds?: string[]; companyIds?: string[] }
export type SlaTargets = Partial<Record<Priority, Partial<Record<SlaTarget, number>>>>;
export interface SlaPolicy {
  id: string;
  name: string;
  position: number;
  conditions: SlaConditions;
  targets: SlaTargets;
  hours: 'business' | 'calendar';
  calendarId: string | null;
  pauseStatuses: Status[];
  warnAt: number;
}
export interface PolicyPreview { matches: boolean; openedAt: string; targets: { target: SlaTarget; seconds: number; dueAt: string }[] }

export interface ComplianceTally { met: number; breached: number; open: number; compliance: number | null }
export interface ComplianceGroup extends ComplianceTally { key: string | null; label: string }
export interface SlaReport {
  from: string;
  to: string;
  timeZone: string;
  totals: ComplianceTally;
  byPolicy: ComplianceGroup[];
  byPriority: ComplianceGroup[];
  byTeam: ComplianceGroup[];
  byTarget: ComplianceGroup[];
  daily: (ComplianceTally & { date: string })[];
}
