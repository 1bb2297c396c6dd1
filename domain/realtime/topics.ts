/**
 * Topics of the event log. An event has one topic; a subscription names topics, some of which
 * are families: `queue` is every ticket's topic, `dispatch` the dispatch board's own events
 * (plans, technician positions) and every work order's topic.
 */
export const QUEUE = 'queue';
export const DISPATCH = 'dispatch';

export const ticketTopic = (number: number) => `ticket:${number}`;
export const workOrderTopic = (number: number) => `work-order:${number}`;
export const notificationsTopic = (userId: string) => `notifications:${userId}`;

/** Who reads which topics: the roles that read tickets, the ones that dispatch, and the person. */
export interface TopicReader {
  userId: string;
  readsTickets: boolean;
  readsDispatch: boolean;
}

const TICKET = /^ticket:[1-9][0-9]{0,9}$/;
const WORK_ORDER = /^work-order:[1-9][0-9]{0,9}$/;
const NOTIFICATIONS = /^notifications:[0-9a-f-]{36}$/;

/** Whether an event's topic is one a subscription to `subscription` receives. */
export function covers(subscription: string, topic: string): boolean {
  if (subscription === topic) return true;
  if (subscription === QUEUE) return topic.startsWith('ticket:');
  if (subscription === DISPATCH) return topic.startsWith('work-order:');
  return false;
}

/** Whether `reader` may subscribe to `subscription`; unknown topics are refused too. */
export function maySubscribe(reader: TopicReader, subscription: string): boolean {
  if (subscription === QUEUE || TICKET.test(subscription)) return reader.readsTickets;
  if (subscription === DISPATCH || WORK_ORDER.test(subscription)) return reader.readsDispatch;
  if (NOTIFICATIONS.test(subscription)) return subscription === notificationsTopic(reader.userId);
  return false;
}

/** Whether `reader` may read an event of `topic` (what `GET /events` filters by). */
export function mayRead(reader: TopicReader, topic: string): boolean {
  if (topic.startsWith('ticket:')) return reader.readsTickets;
  if (topic === DISPATCH || topic.startsWith('work-order:')) return reader.readsDispatch;
  return topic === notificationsTopic(reader.userId);
}
