import type { Knex } from 'knex';
import { DISPATCH, QUEUE, notificationsTopic, type TopicReader } from '../../domain/realtime/topics';
import { ACCESS, type Auth } from '../auth/roles';

/** What a member's role lets them read of the event log. */
export function topicReader(auth: Auth): TopicReader {
  return {
    userId: auth.userId,
    readsTickets: (ACCESS.readTickets as readonly string[]).includes(auth.role),
    readsDispatch: (ACCESS.dispatch as readonly string[]).includes(auth.role),
  };
}

/** `mayRead` (domain/realtime/topics.ts) as a where clause on `event_log.topic`. */
export function readableTopics(reader: TopicReader): (builder: Knex.QueryBuilder) => void {
  return (builder) => {
    builder.where('topic', notificationsTopic(reader.userId));
    if (reader.readsTickets) builder.orWhere('topic', 'like', 'ticket:%');
    if (reader.readsDispatch) builder.orWhere('topic', DISPATCH).orWhere('topic', 'like', 'work-order:%');
  };
}

/** A subscription's topics as a where clause: exact topics, and the `queue` and `dispatch` families. */
export function subscribedTopics(topics: readonly string[]): (builder: Knex.QueryBuilder) => void {
  return (builder) => {
    builder.whereIn('topic', topics);
    if (topics.includes(QUEUE)) builder.orWhere('topic', 'like', 'ticket:%');
    if (topics.includes(DISPATCH)) builder.orWhere('topic', 'like', 'work-order:%');
  };
}
