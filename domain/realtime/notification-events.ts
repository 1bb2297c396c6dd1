import type { NewEvent } from './event';
import { notificationsTopic } from './topics';

/** A stored notification, as its recipient's `notifications:{userId}` topic announces it. */
export interface StoredNotification {
  id: string;
  userId: string;
  channel: 'in_app' | 'email';
  message: string;
  ticketNumber: number | null;
}

export function notificationEvent(notification: StoredNotification, at: string): NewEvent {
  const { id, channel, message, ticketNumber } = notification;
  return { type: 'notification.created', topic: notificationsTopic(notification.userId), at, data: { id, channel, message, ticketNumber } };
}
