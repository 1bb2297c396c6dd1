import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { NewEvent } from '../domain/realtime/event';
import { appendEvents } from './event-log';
import { notificationEvent, notificationsReadEvent } from '../domain/realtime/notification-events';
import {
  NOTIFICATION_CHANNELS, followersHear, mayMention, mayNotify, ticketNotifications,
  type MentionableMember, type NotificationChannel, type NotificationKind, type NotificationPreference, type NotifiedChange, type WantedNotification,
} from '../domain/notifications/index';
import type { NotificationsRow } from './table-rows.generated';
import { followerIds } from './ticket-followers';

/** The channel a write that stored email notifications NOTIFYs on; the payload is the org's id. */
export const NOTIFICATION_MAIL_CHANNEL = 'keel_notification_mail';

export interface NotificationStoreOptions {
  /** Whether email copies wait for the worker's mailer (`pending`); without a relay they are `skipped`. */
  mail?: boolean;
}

/** Roles whose members can be mentioned and notified of tickets (those who work them). */
const TICKET_ROLES = ['owner', 'admin', 'agent'];

/** The switches a member turned off (or on again) of `kinds` among `userIds`. */
async function switchesOf(trx: Knex.Transaction, orgId: string, userIds: readonly string[], kinds: readonly NotificationKind[]) {
  return trx('notification_preferences').where({ org_id: orgId }).whereIn('user_id', userIds).whereIn('kind', kinds)
    .select<{ user_id: string; kind: NotificationKind; channel: NotificationChannel; enabled: boolean }[]>('user_id', 'kind', 'channel', 'enabled');
}

/** Which of `userIds` are active members of the org who work tickets. */
async function activeTicketMembers(trx: Knex.Transaction, orgId: string, userIds: readonly string[]): Promise<Set<string>> {
  const rows: { user_id: string }[] = await trx('memberships').where({ org_id: orgId }).whereIn('user_id', userIds)
    .whereIn('role', TICKET_ROLES).whereNull('deactivated_at').select('user_id');
  return new Set(rows.map((row) => row.user_id));
}

/**
 * Stores what a ticket change notifies (see domain/notifications) in the change's own
 * transaction: the recipients' preferences applied, one row per member and channel, keyed by
 * the change so that a retried write stores nothing twice. An email copy is `pending` for the
 * worker's mailer (workers/notification-mailer.ts), or `skipped` when no SMTP relay is set.
 * Answers the event-log rows of the in-app notifications it stored, for the caller to append
 * with its own events (the append comes last in a write).
 *
 * `followerCount` is the ticket row's count as the change's own UPDATE returned it: the
 * followers are read only when it is above 0 and the change is one they hear of, so a ticket
 * nobody follows costs its changes no statement more than before followers existed.
 */
export async function storeTicketNotifications(
  trx: Knex.Transaction,
  orgId: string,
  change: Omit<NotifiedChange, 'actorName'> & { followerCount?: number },
  at: string,
  options: NotificationStoreOptions = {},
): Promise<NewEvent[]> {
  if (!mayNotify(change)) return [];
  const members: MentionableMember[] = mayMention(change.events)
    ? await trx('memberships as m').join('users as u', 'u.id', 'm.user_id').where('m.org_id', orgId).whereIn('m.role', TICKET_ROLES).whereNull('m.deactivated_at').select('u.id', 'u.name', 'u.email')
    : [];
  const followers = (change.followerCount ?? 0) > 0 && followersHear(change.events) ? await followerIds(trx, orgId, change.number) : [];
  const actorName = change.actorId
    ? (members.find((m) => m.id === change.actorId)?.name ?? (await trx('users').where({ id: change.actorId }).first<{ name: string } | undefined>('name'))?.name ?? null)
    : null;
  const wanted = ticketNotifications({ ...change, actorName }, members, followers);
  return storeWanted(trx, orgId, wanted, { ticketNumber: change.number, actorId: change.actorId, at, mail: options.mail ?? false });
}

async function storeWanted(trx: Knex.Transaction, orgId: string, wanted: readonly WantedNotification[], context: { ticketNumber: number; actorId: string | null; at: string; mail: boolean }): Promise<NewEvent[]> {
  if (wanted.length === 0) return [];
  const userIds = [...new Set(wanted.map((w) => w.userId))];
  const active = await activeTicketMembers(trx, orgId, userIds);
  const switches = await switchesOf(trx, orgId, userIds, [...new Set(wanted.map((w) => w.kind))]);
  const on = (w: WantedNotification, channel: NotificationChannel) => !switches.some((s) => s.user_id === w.userId && s.kind === w.kind && s.channel === channel && !s.enabled);
  const rows = wanted.filter((w) => active.has(w.userId)).flatMap((w) => NOTIFICATION_CHANNELS.filter((channel) => on(w, channel)).map((channel) => ({
    org_id: orgId, id: randomUUID(), user_id: w.userId, channel, kind: w.kind, source_key: w.sourceKey, message: w.message,
    ticket_number: context.ticketNumber, actor_id: context.actorId, delivery: channel === 'in_app' ? 'stored' : context.mail ? 'pending' : 'skipped', created_at: context.at,
  })));
  if (rows.length === 0) return [];
  const inserted: Pick<NotificationsRow, 'id' | 'user_id' | 'channel' | 'kind' | 'message'>[] = await trx('notifications').insert(rows)
    .onConflict(['org_id', 'source_key', 'user_id', 'channel']).ignore()
    .returning(['id', 'user_id', 'channel', 'kind', 'message']);
  // Delivered with the commit: the worker's mailer then sends this org's waiting mail.
  if (context.mail && inserted.some((row) => row.channel === 'email')) await trx.raw('SELECT pg_notify(?, ?)', [NOTIFICATION_MAIL_CHANNEL, orgId]);
  return inserted.filter((row) => row.channel === 'in_app').map((row) => notificationEvent(
    { id: row.id, userId: row.user_id, channel: row.channel, message: row.message, ticketNumber: context.ticketNumber, kind: row.kind }, context.at,
  ));
}

/** Of `userIds`, those who keep `kind` on for `channel`. */
export async function usersWanting(trx: Knex.Transaction, orgId: string, userIds: readonly string[], kind: NotificationKind, channel: NotificationChannel): Promise<string[]> {
  if (userIds.length === 0) return [];
  const off = new Set((await switchesOf(trx, orgId, userIds, [kind])).filter((s) => s.channel === channel && !s.enabled).map((s) => s.user_id));
  return userIds.filter((id) => !off.has(id));
}

export type NotificationListRow = Pick<NotificationsRow, 'id' | 'kind' | 'message' | 'ticket_number' | 'actor_id' | 'read_at' | 'created_at'>;
const LIST_COLUMNS = ['id', 'kind', 'message', 'ticket_number', 'actor_id', 'read_at', 'created_at'] as const;

/** A member's own in-app notifications, newest first, keyed by (created_at, id); one row more than asked shows there are more. */
export async function listNotifications(
  trx: Knex.Transaction,
  orgId: string,
  userId: string,
  page: { unread: boolean; before: { createdAt: string; id: string } | null; limit: number },
): Promise<NotificationListRow[]> {
  const builder = trx('notifications').where({ org_id: orgId, user_id: userId, channel: 'in_app' });
  if (page.unread) builder.whereNull('read_at');
  if (page.before) builder.whereRaw('(created_at, id) < (?::timestamptz, ?::uuid)', [page.before.createdAt, page.before.id]);
  return builder.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(page.limit + 1).select(LIST_COLUMNS);
}

export async function unreadNotificationCount(trx: Knex.Transaction, orgId: string, userId: string): Promise<number> {
  const row = await trx('notifications').where({ org_id: orgId, user_id: userId, channel: 'in_app' }).whereNull('read_at').count<{ count: string }[]>('* as count').first();
  return Number(row?.count ?? 0);
}

/** Marks one of the member's notifications read (once: reading it again keeps the first time); null when it is not theirs. */
export async function markNotificationRead(trx: Knex.Transaction, orgId: string, userId: string, id: string): Promise<NotificationListRow | null> {
  const [updated] = await trx('notifications').where({ org_id: orgId, user_id: userId, channel: 'in_app', id }).whereNull('read_at')
    .update({ read_at: trx.fn.now() }).returning(LIST_COLUMNS);
  if (updated) {
    await appendEvents(trx, orgId, [notificationsReadEvent(userId, { ids: [id] }, new Date().toISOString())]);
    return updated as NotificationListRow;
  }
  return (await trx('notifications').where({ org_id: orgId, user_id: userId, channel: 'in_app', id }).first(LIST_COLUMNS)) ?? null;
}

/** Marks every unread notification of the member read; answers how many were. */
export async function markAllNotificationsRead(trx: Knex.Transaction, orgId: string, userId: string): Promise<number> {
  const updated = await trx('notifications').where({ org_id: orgId, user_id: userId, channel: 'in_app' }).whereNull('read_at').update({ read_at: trx.fn.now() });
  if (updated > 0) await appendEvents(trx, orgId, [notificationsReadEvent(userId, { all: true }, new Date().toISOString())]);
  return updated;
}

/** The switches a member set (kinds and channels not listed are on). */
export async function readNotificationPreferences(trx: Knex.Transaction, orgId: string, userId: string): Promise<NotificationPreference[]> {
  return trx('notification_preferences').where({ org_id: orgId, user_id: userId }).select('kind', 'channel', 'enabled');
}

export async function writeNotificationPreferences(trx: Knex.Transaction, orgId: string, userId: string, switches: readonly NotificationPreference[]): Promise<void> {
  if (switches.length === 0) return;
  await trx('notification_preferences')
    .insert(switches.map((s) => ({ org_id: orgId, user_id: userId, kind: s.kind, channel: s.channel, enabled: s.enabled, updated_at: trx.fn.now() })))
    .onConflict(['org_id', 'user_id', 'kind', 'channel']).merge(['enabled', 'updated_at']);
}

/** The orgs that have email notifications waiting (across tenants, through the owner's function). */
export async function orgsWithPendingMail(db: Knex): Promise<string[]> {
  const { rows } = await db.raw<{ rows: { org_id: string }[] }>('SELECT notification_mail_orgs() AS org_id');
  return rows.map((row) => row.org_id);
}

export interface PendingMail { id: string; email: string; message: string; ticket_number: number | null }

/**
 * Up to `limit` of the org's waiting email notifications, oldest first, locked until the
 * transaction ends (another mailer skips them), with their recipient's address.
 */
export async function claimPendingMail(trx: Knex.Transaction, orgId: string, limit: number): Promise<PendingMail[]> {
  return trx('notifications as n').join('users as u', 'u.id', 'n.user_id')
    .where({ 'n.org_id': orgId, 'n.delivery': 'pending', 'n.channel': 'email' })
    .orderBy('n.created_at').limit(limit).forUpdate('n').skipLocked()
    .select('n.id', 'u.email', 'n.message', 'n.ticket_number');
}

export async function markMailSent(trx: Knex.Transaction, orgId: string, ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await trx('notifications').where({ org_id: orgId }).whereIn('id', ids).update({ delivery: 'sent' });
}

/** Who approves dispatch plans: told when a plan waits past its approval timeout. */
const DISPATCH_ROLES = ['owner', 'admin', 'dispatcher'];

/**
 * A dispatch plan that escalated at its approval timeout tells every active owner, admin and
 * dispatcher in the console, in the plan event's own transaction and keyed by it (a retried
 * write stores nothing twice). Answers the event-log rows for the caller to append.
 */
export async function storeDispatchEscalation(trx: Knex.Transaction, orgId: string, escalation: { sourceKey: string; message: string; at: string }): Promise<NewEvent[]> {
  const members: string[] = await trx('memberships').where({ org_id: orgId }).whereIn('role', DISPATCH_ROLES).whereNull('deactivated_at').pluck('user_id');
  if (members.length === 0) return [];
  const inserted: Pick<NotificationsRow, 'id' | 'user_id' | 'message'>[] = await trx('notifications')
    .insert(members.map((userId) => ({
      org_id: orgId, id: randomUUID(), user_id: userId, channel: 'in_app', kind: 'dispatch', source_key: escalation.sourceKey,
      message: escalation.message, ticket_number: null, actor_id: null, delivery: 'stored', created_at: escalation.at,
    })))
    .onConflict(['org_id', 'source_key', 'user_id', 'channel']).ignore()
    .returning(['id', 'user_id', 'message']);
  return inserted.map((row) => notificationEvent({ id: row.id, userId: row.user_id, channel: 'in_app', message: row.message, ticketNumber: null, kind: 'dispatch' }, escalation.at));
}
