/** What a notification is about; `rule` is a rule's `notify` action, `followed` a change to a ticket the member follows. */
export const NOTIFICATION_KINDS = ['assigned', 'mentioned', 'customer_replied', 'sla_warning', 'followed', 'rule'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
/** What a stored notification may be: the kinds above, and a technician's dispatched route. */
export type StoredNotificationKind = NotificationKind | 'dispatch';

/** How a notification reaches its member: the console's notification centre, or email. */
export const NOTIFICATION_CHANNELS = ['in_app', 'email'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A member's switch for one kind on one channel; a missing switch is on. */
export interface NotificationPreference {
  kind: NotificationKind;
  channel: NotificationChannel;
  enabled: boolean;
}

/** Every kind with both channels, on unless `switches` says otherwise. */
export function preferenceMatrix(switches: readonly NotificationPreference[]): { kind: NotificationKind; channels: Record<NotificationChannel, boolean> }[] {
  const off = (kind: NotificationKind, channel: NotificationChannel) => switches.some((s) => s.kind === kind && s.channel === channel && !s.enabled);
  return NOTIFICATION_KINDS.map((kind) => ({ kind, channels: { in_app: !off(kind, 'in_app'), email: !off(kind, 'email') } }));
}
