import { z } from 'zod';
import { NOTIFICATION_CHANNELS, NOTIFICATION_KINDS } from '../../domain/notifications/kinds';
import { PageQuery, Timestamp, Uuid, page } from './common';

export const NotificationKindSchema = z.enum([...NOTIFICATION_KINDS, 'dispatch']).meta({ id: 'NotificationKind' });

export const NotificationSchema = z.object({
  id: Uuid,
  kind: NotificationKindSchema,
  message: z.string(),
  ticketNumber: z.number().int().nullable(),
  actorId: Uuid.nullable(),
  readAt: Timestamp.nullable(),
  createdAt: Timestamp,
}).meta({ id: 'Notification' });

export const NotificationPage = page(NotificationSchema).meta({ id: 'NotificationPage' });

export const NotificationQuery = z.object({
  ...PageQuery,
  /** `true`: only the unread ones. */
  unread: z.enum(['true', 'false']).optional().transform((value) => value === 'true'),
});

export const NotificationIdParams = z.object({ id: Uuid });

export const UnreadCountSchema = z.object({ count: z.number().int().min(0) }).meta({ id: 'UnreadNotificationCount' });
export const ReadAllSchema = z.object({ read: z.number().int().min(0) });

const Channels = z.object(Object.fromEntries(NOTIFICATION_CHANNELS.map((channel) => [channel, z.boolean()])) as Record<(typeof NOTIFICATION_CHANNELS)[number], z.ZodBoolean>);

export const NotificationPreferencesSchema = z.object({
  data: z.array(z.object({ kind: z.enum(NOTIFICATION_KINDS), channels: Channels })),
}).meta({ id: 'NotificationPreferences' });

/** Kinds and channels to switch; those left out keep their setting. */
export const NotificationPreferencesBody = z.strictObject({
  data: z.array(z.strictObject({ kind: z.enum(NOTIFICATION_KINDS), channels: Channels.partial().strict() })).min(1).max(NOTIFICATION_KINDS.length),
});
