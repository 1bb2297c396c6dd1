import type { Priority, Status } from '../domain/lifecycle';

export type Role = 'owner' | 'admin' | 'agent' | 'dispatcher' | 'technician' | 'customer';

export interface User { id: string; email: string; name: string; role: Role }
export interface Organization { id: string; name: string; slug: string }
export interface Session { accessToken: string; refreshToken: string; user: User; organization: Organization }
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
}

export type TimelineEvent =
  | EventOf<'created', { subject: string; priority: Priority; channel: string }>
  | EventOf<'replied', { body: string; visibility: 'public' | 'internal' }>
  | EventOf<'assigned', { from: Assignment; to: Assignment }>
  | EventOf<'status_changed', { from: Status; to: Status }>
  | EventOf<'priority_changed', { from: Priority; to: Priority }>
  | EventOf<'tags_changed', { added: string[]; removed: string[] }>
  | EventOf<'fields_changed', { changes: Record<string, { from: unknown; to: unknown }> }>;

interface Assignment { assigneeId: string | null; teamId: string | null }
interface EventOf<T extends string, D> { id: string; type: T; actor: { id: string; name: string } | null; data: D; createdAt: string }

export interface TicketFilters { status?: string; assigneeId?: string; priority?: string; tag?: string; q?: string }
export interface SavedView { id: string; name: string; filters: TicketFilters }
export type StatusCounts = Record<Status, number>;
