import type { Knex } from 'knex';
import { DISPATCH, QUEUE, notificationsTopic, type TopicReader } from '../domain/realtime/topics';

/** A where clause on `event_log.topic`, for `readEvents` (db/event-log.ts). */
export type TopicClause = (builder: Knex.QueryBuilder) => void;

/** `mayRead` (domain/realtime/topics.ts) as a where clause on `event_log.topic`. */
export function readableTopics(reader: TopicReader): TopicClause {
  return (builder) => {
    builder.where('topic', notificationsTopic(reader.userId));
    if (reader.readsTickets) builder.orWhere('topic', 'like', 'ticket:%');
    if (reader.readsDispatch) builder.orWhere('topic', DISPATCH).orWhere('topic', 'like', 'work-order:%');
  };
}

/** A subscription's topics as a where clause: exact topics, and the `queue` and `dispatch` families. */
export function subscribedTopics(topics: readonly string[]): TopicClause {
  return (builder) => {
    builder.whereIn('topic', topics);
    if (topics.includes(QUEUE)) builder.orWhere('topic', 'like', 'ticket:%');
    if (topics.includes(DISPATCH)) builder.orWhere('topic', 'like', 'work-order:%');
  };
}

/** Events after `after` up to `bound` of the subscription's topics: one page of a socket's replay. */
export function subscribedUpTo(topics: readonly string[], bound: number): TopicClause {
  const filter = subscribedTopics(topics);
  return (builder) => builder.where('seq', '<=', bound).andWhere(filter);
}
