import type { NotificationChannel, StoredNotificationKind } from '../notifications/kinds';
import type { NewEvent } from './event';
import { notificationsTopic } from './topics';

/** A stored notification, as its recipient's `notifications:{userId}` topic announces it. */
export interface StoredNotification {
  id: string;
  userId: string;
  channel: NotificationChannel;
  message: string;
  ticketNumber: number | null;
  /** Absent: a rule's notification. */
  kind?: StoredNotificationKind;
}

export function notificationEvent(notification: StoredNotification, at: string): NewEvent {
  const { id, channel, message, ticketNumber } = notification;
  return { type: 'notification.created', topic: notificationsTopic(notification.userId), at, data: { id, channel, message, ticketNumber, kind: notification.kind ?? 'rule', createdAt: at } };
}

/** The member read notifications (some, or all of them): their other consoles' counts follow. */
export function notificationsReadEvent(userId: string, read: { ids: readonly string[] } | { all: true }, at: string): NewEvent {
  return { type: 'notification.read', topic: notificationsTopic(userId), at, data: { ...read } };
}
