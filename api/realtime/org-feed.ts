import type { Db } from '../../db/connection';
import { latestSeq, readEvents } from '../../db/event-log';
import { withTenant } from '../../db/tenant';
import type { LoggedEvent } from '../../domain/realtime/event';

const PAGE = 500;

/** What a feed hands live events to: a subscribed socket (subscriber.ts). */
export interface LiveReader {
  /** Events after the reader's cursor, in `seq` order, all of the org: the reader filters by topic. */
  deliver(events: readonly LoggedEvent[]): void;
}

/**
 * One org's live events in this process, read once per notification for all its sockets. The
 * rows are read in a tenant transaction, so row-level security keeps them to this org whatever
 * a notification said. `cursor` is the newest `seq` read; reads never overlap, so each event is
 * handed over once, in order.
 */
export class OrgFeed {
  readonly readers = new Set<LiveReader>();
  cursor = 0;
  readonly ready: Promise<void>;
  private reading: Promise<void> | null = null;
  private again = false;

  constructor(private readonly db: Db, readonly orgId: string) {
    this.ready = withTenant(db, { orgId }, (trx) => latestSeq(trx, orgId)).then((seq) => {
      this.cursor = seq;
    });
    // Awaited by every reader that joins; this keeps a failure from also being an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  /** Something was appended (a notification, a reconnect of the listener): read up to the head. */
  poke(): Promise<void> {
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.reading = this.drain().finally(() => {
      this.reading = null;
    });
    return this.reading;
  }

  private async drain(): Promise<void> {
    await this.ready;
    do {
      this.again = false;
      let page: LoggedEvent[];
      do {
        page = await withTenant(this.db, { orgId: this.orgId }, (trx) => readEvents(trx, this.orgId, this.cursor, PAGE));
        if (page.length === 0) break;
        this.cursor = page.at(-1)!.seq;
        for (const reader of this.readers) reader.deliver(page);
      } while (page.length === PAGE);
    } while (this.again);
  }
}

/** The feeds of the orgs that have sockets in this process. */
export class OrgFeeds {
  private readonly feeds = new Map<string, OrgFeed>();

  constructor(private readonly db: Db, private readonly onError: (error: unknown, orgId: string) => void) {}

  /** The org's feed, with `reader` among its readers (it is handed events once it is live). */
  join(orgId: string, reader: LiveReader): OrgFeed {
    let feed = this.feeds.get(orgId);
    if (!feed) {
      feed = new OrgFeed(this.db, orgId);
      this.feeds.set(orgId, feed);
    }
    feed.readers.add(reader);
    return feed;
  }

  release(feed: OrgFeed, reader: LiveReader): void {
    feed.readers.delete(reader);
    if (feed.readers.size === 0 && this.feeds.get(feed.orgId) === feed) this.feeds.delete(feed.orgId);
  }

  /** A notification `{orgId}:{seq}`: only orgs with sockets here are read. */
  notified(orgId: string): void {
    const feed = this.feeds.get(orgId);
    if (feed) feed.poke().catch((error) => this.onError(error, orgId));
  }

  /** The listener reconnected (notifications may have been missed) or a periodic check: read every feed. */
  pokeAll(): void {
    for (const feed of this.feeds.values()) feed.poke().catch((error) => this.onError(error, feed.orgId));
  }
}
