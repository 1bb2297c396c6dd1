import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { Db } from '../../db/connection';
import { readEvents } from '../../db/event-log';
import { subscribedUpTo } from '../../db/event-topics';
import { withTenant } from '../../db/tenant';
import type { LoggedEvent } from '../../domain/realtime/event';
import { CLOSE, type ControlMessage } from '../../domain/realtime/messages';
import { covers, maySubscribe, ticketTopic } from '../../domain/realtime/topics';
import type { OrgFeed, OrgFeeds } from './org-feed';
import type { PresenceHub, PresenceViewer } from './presence';
import type { SocketAuth } from './socket-auth';
import { topicReader } from './topic-reader';

const SubscribeMessage = z.object({
  type: z.literal('subscribe'),
  topics: z.array(z.string().max(100)).min(1).max(100),
  after: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

const PresenceMessage = z.object({
  type: z.literal('presence'),
  ticket: z.number().int().min(1).max(9_999_999_999),
  activity: z.enum(['viewing', 'typing', 'left']),
});

const REPLAY_PAGE = 500;
/** Past this much unsent data the socket is closed (CLOSE.tooSlow): the client resumes from its last seq. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

/**
 * One socket's subscription. After a `subscribe` it replays the log from `after` (reading only
 * its topics), then joins the org's live feed at the point its replay reached, so each event
 * reaches it once and in order whether it arrived during the replay or after.
 */
export class Subscriber {
  private topics: string[] = [];
  /** The newest `seq` this socket has been brought up to (sent or not of its topics). */
  private cursor = 0;
  private live = false;
  /** Bumped by every subscribe: a replay of an older one stops. */
  private generation = 0;
  /** The org's feed, joined at the first subscribe (an idle socket holds none). */
  private feed: OrgFeed | null = null;
  /** What the presence hub knows this socket by: its member, and how to tell it a roster. */
  readonly viewer: PresenceViewer;

  constructor(
    private readonly socket: WebSocket,
    private readonly auth: SocketAuth,
    private readonly db: Db,
    private readonly feeds: OrgFeeds,
    private readonly presence: PresenceHub,
  ) {
    this.viewer = { orgId: auth.orgId, userId: auth.userId, tell: (message) => this.control(message) };
  }

  async onMessage(text: string): Promise<void> {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.control({ type: 'error', error: 'invalid-message', detail: 'Messages are JSON.' });
    }
    const reader = topicReader(this.auth);
    const presence = PresenceMessage.safeParse(json);
    if (presence.success) {
      // Presence on a ticket is for those who may read it, as its events are.
      if (!maySubscribe(reader, ticketTopic(presence.data.ticket))) return this.control({ type: 'error', error: 'forbidden-topic', detail: 'Presence is for members who read tickets.' });
      return this.presence.announce(this.viewer, presence.data);
    }
    const parsed = SubscribeMessage.safeParse(json);
    if (!parsed.success) return this.control({ type: 'error', error: 'invalid-message', detail: 'Send {"type":"subscribe","topics":[…],"after":SEQ}.' });
    const refused = parsed.data.topics.filter((topic) => !maySubscribe(reader, topic));
    if (refused.length > 0) return this.control({ type: 'error', error: 'forbidden-topic', detail: `Not a topic this member may subscribe to: ${refused.join(', ')}.` });
    await this.subscribe([...new Set(parsed.data.topics)], parsed.data.after);
  }

  close(): void {
    this.generation += 1;
    this.presence.disconnect(this.viewer);
    if (this.feed) this.feeds.release(this.feed, this);
  }

  deliver(events: readonly LoggedEvent[]): void {
    if (!this.live) return;
    for (const event of events) if (event.seq > this.cursor) this.send(event);
    this.cursor = Math.max(this.cursor, events.at(-1)?.seq ?? 0);
  }

  private async subscribe(topics: string[], after: number | undefined): Promise<void> {
    const generation = ++this.generation;
    this.live = false;
    const feed = (this.feed ??= this.feeds.join(this.auth.orgId, this));
    await feed.ready;
    if (generation !== this.generation) return;
    this.topics = topics;
    this.cursor = after ?? feed.cursor;
    // Read up to where the feed is; the feed may move on meanwhile, so go again until caught up.
    while (this.cursor < feed.cursor) {
      const bound = feed.cursor;
      const page = await withTenant(this.db, { orgId: this.auth.orgId }, (trx) =>
        readEvents(trx, this.auth.orgId, this.cursor, REPLAY_PAGE, subscribedUpTo(topics, bound)),
      );
      if (generation !== this.generation) return;
      for (const event of page) this.send(event);
      this.cursor = page.length === REPLAY_PAGE ? page.at(-1)!.seq : bound;
    }
    this.live = true;
    this.control({ type: 'subscribed', topics, upTo: this.cursor });
  }

  private send(event: LoggedEvent): void {
    if (!this.topics.some((topic) => covers(topic, event.topic))) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.socket.close(CLOSE.tooSlow, 'too slow: resume from the last seq');
      return;
    }
    this.socket.send(JSON.stringify(event));
  }

  private control(message: ControlMessage): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(JSON.stringify(message));
  }
}
