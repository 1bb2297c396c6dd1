import { z } from 'zod';
import type { NotificationChannel, NotificationPreference } from '../../domain/notifications/kinds';
import { preferenceMatrix } from '../../domain/notifications/kinds';
import { recordAudit } from '../../db/audit';
import {
  listNotifications, markAllNotificationsRead, markNotificationRead, readNotificationPreferences, unreadNotificationCount, writeNotificationPreferences,
  type NotificationListRow,
} from '../../db/notifications';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { keysetPage } from '../keyset-page';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { decodeCursor } from '../schemas/common';
import {
  NotificationIdParams, NotificationPage, NotificationPreferencesBody, NotificationPreferencesSchema, NotificationQuery, NotificationSchema, ReadAllSchema, UnreadCountSchema,
} from '../schemas/notifications';

/** Newest first, keyed by (created_at, id). */
const Cursor = z.object({ c: z.iso.datetime({ offset: true }), i: z.uuid() });

function view(row: NotificationListRow): z.infer<typeof NotificationSchema> {
  return {
    id: row.id, kind: row.kind, message: row.message, ticketNumber: row.ticket_number, actorId: row.actor_id,
    readAt: row.read_at ? row.read_at.toISOString() : null, createdAt: row.created_at.toISOString(),
  };
}

// Everyone signed in to the console has their own notifications (a technician's dispatched route, too).
const notifications = routeGroup({ tag: 'notifications', access: ACCESS.staff });

/** The caller's own notification centre: only ever their own rows (the user filter), of their org only (RLS). */
export function notificationRoutes({ db }: ApiDeps) {
  const list = notifications.get('/notifications', {
    operationId: 'listNotifications', summary: "The caller's in-app notifications, newest first (`unread=true`: only unread ones)",
    query: NotificationQuery,
    responses: { 200: { description: 'Notifications', schema: NotificationPage } },
    async handler({ auth, query }) {
      const after = decodeCursor(query.cursor, Cursor);
      const rows = await withTenant(db, auth, (trx) => listNotifications(trx, auth.orgId, auth.userId, {
        unread: query.unread, before: after ? { createdAt: after.c, id: after.i } : null, limit: query.limit,
      }));
      return { status: 200, body: keysetPage(rows, query.limit, view, (last) => ({ c: last.created_at.toISOString(), i: last.id })) };
    },
  });

  const count = notifications.get('/notifications/unread-count', {
    operationId: 'countUnreadNotifications', summary: "How many of the caller's in-app notifications are unread",
    responses: { 200: { description: 'Unread count', schema: UnreadCountSchema } },
    async handler({ auth }) {
      return { status: 200, body: { count: await withTenant(db, auth, (trx) => unreadNotificationCount(trx, auth.orgId, auth.userId)) } };
    },
  });

  const readAll = notifications.post('/notifications/read-all', {
    operationId: 'markAllNotificationsRead', summary: "Mark every unread notification of the caller's read",
    responses: { 200: { description: 'How many were unread', schema: ReadAllSchema } },
    async handler({ auth }) {
      return { status: 200, body: { read: await withTenant(db, auth, (trx) => markAllNotificationsRead(trx, auth.orgId, auth.userId)) } };
    },
  });

  const readOne = notifications.post('/notifications/{id}/read', {
    operationId: 'markNotificationRead', summary: 'Mark one of the caller\'s notifications read (reading it again keeps the first time)',
    params: NotificationIdParams,
    responses: { 200: { description: 'The notification', schema: NotificationSchema } },
    async handler({ auth, params }) {
      const row = await withTenant(db, auth, (trx) => markNotificationRead(trx, auth.orgId, auth.userId, params.id));
      if (!row) throw notFound('Notification');
      return { status: 200, body: view(row) };
    },
  });

  const preferences = notifications.get('/me/notification-preferences', {
    operationId: 'getNotificationPreferences', summary: 'Which notifications the caller gets, per kind and channel (all on unless switched off)',
    responses: { 200: { description: 'Preferences', schema: NotificationPreferencesSchema } },
    async handler({ auth }) {
      const switches = await withTenant(db, auth, (trx) => readNotificationPreferences(trx, auth.orgId, auth.userId));
      return { status: 200, body: { data: preferenceMatrix(switches) } };
    },
  });

  const setPreferences = notifications.put('/me/notification-preferences', {
    operationId: 'setNotificationPreferences', summary: 'Switch kinds of notification on or off per channel; kinds and channels left out keep their setting',
    body: NotificationPreferencesBody,
    responses: { 200: { description: 'Preferences', schema: NotificationPreferencesSchema } },
    async handler({ auth, body }) {
      const switches: NotificationPreference[] = body.data.flatMap(({ kind, channels }) =>
        (Object.entries(channels) as [NotificationChannel, boolean | undefined][])
          .filter((entry): entry is [NotificationChannel, boolean] => entry[1] !== undefined)
          .map(([channel, enabled]) => ({ kind, channel, enabled })));
      const saved = await withTenant(db, auth, async (trx) => {
        await writeNotificationPreferences(trx, auth.orgId, auth.userId, switches);
        await recordAudit(trx, { orgId: auth.orgId, actorId: auth.userId, action: 'user.notification_preferences_changed', entityType: 'user', entityId: auth.userId, data: { switches } });
        return readNotificationPreferences(trx, auth.orgId, auth.userId);
      });
      return { status: 200, body: { data: preferenceMatrix(saved) } };
    },
  });

  return [list, count, readAll, readOne, preferences, setPreferences];
}
