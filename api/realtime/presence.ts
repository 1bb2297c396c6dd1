import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PRESENCE_TTL_MS, TYPING_TTL_MS, type ControlMessage, type PresenceMessage, type PresentMember } from '../../domain/realtime/messages';

/** The NOTIFY channel presence goes out on, between API processes; it never reaches the log. */
export const PRESENCE_CHANNEL = 'keel_presence';

/** A socket that announced itself on tickets: where the rosters of those tickets are sent. */
export interface PresenceViewer {
  readonly orgId: string;
  readonly userId: string;
  tell(message: ControlMessage): void;
}

/** One member's announcement on one ticket, from this process or another. */
interface Entry {
  userId: string;
  viewingUntil: number;
  typingUntil: number;
}

/** What a process tells the others: who, on which ticket of which org, doing what. */
const Notice = z.object({
  process: z.string(),
  socket: z.string(),
  orgId: z.uuid(),
  ticket: z.number().int().positive(),
  userId: z.uuid(),
  activity: z.enum(['viewing', 'typing', 'left']),
});
type Notice = z.infer<typeof Notice>;

const keyOf = (orgId: string, ticket: number) => `${orgId}:${ticket}`;

/**
 * Who is viewing and typing on which ticket. Each process keeps the announcements it heard,
 * its own sockets' and those other processes sent through Postgres NOTIFY (`publish`), and
 * tells its own viewers of a ticket the roster whenever it changes. A roster is keyed by org
 * and ticket and sent only to viewers of that org, so no tenant hears of another's agents.
 * Announcements expire (a crashed process's agents go away with them); `sweep` drops them.
 */
export class PresenceHub {
  readonly process = randomUUID();
  /** Per ticket: entries by `{process}:{socket id}`. */
  private readonly tickets = new Map<string, Map<string, Entry>>();
  private readonly viewers = new Map<string, Set<PresenceViewer>>();
  private readonly ids = new WeakMap<PresenceViewer, string>();
  private readonly joined = new Map<PresenceViewer, Set<number>>();
  /** The roster last told per ticket, so a sweep tells only changes (a typing that stopped). */
  private readonly told = new Map<string, string>();

  constructor(private readonly publish: (payload: string) => void, private readonly now: () => number = Date.now) {}

  /** A local socket's announcement: applied here, then told to the other processes. */
  announce(viewer: PresenceViewer, message: PresenceMessage): void {
    const tickets = this.joined.get(viewer) ?? new Set<number>();
    this.joined.set(viewer, tickets);
    const key = keyOf(viewer.orgId, message.ticket);
    if (message.activity === 'left') {
      tickets.delete(message.ticket);
      this.viewers.get(key)?.delete(viewer);
    } else {
      tickets.add(message.ticket);
      let set = this.viewers.get(key);
      if (!set) this.viewers.set(key, (set = new Set()));
      set.add(viewer);
    }
    const socket = this.idOf(viewer);
    this.apply(key, `${this.process}:${socket}`, viewer.userId, message.activity);
    this.publish(JSON.stringify({ process: this.process, socket, orgId: viewer.orgId, ticket: message.ticket, userId: viewer.userId, activity: message.activity } satisfies Notice));
  }

  /** The socket closed: it leaves every ticket it was on. */
  disconnect(viewer: PresenceViewer): void {
    for (const ticket of [...(this.joined.get(viewer) ?? [])]) this.announce(viewer, { type: 'presence', ticket, activity: 'left' });
    this.joined.delete(viewer);
  }

  /** Another process's notice (this process's own come back too, and are skipped). */
  heard(payload: string): void {
    let notice: Notice;
    try {
      notice = Notice.parse(JSON.parse(payload));
    } catch {
      return;
    }
    if (notice.process === this.process) return;
    this.apply(keyOf(notice.orgId, notice.ticket), `${notice.process}:${notice.socket}`, notice.userId, notice.activity);
  }

  /** Drops expired announcements and tells the viewers of tickets whose roster changed. */
  sweep(): void {
    const now = this.now();
    for (const [key, entries] of this.tickets) {
      for (const [id, entry] of entries) if (entry.viewingUntil <= now) entries.delete(id);
      if (rosterKey(roster(entries, now)) !== this.told.get(key)) this.tell(key);
      if (entries.size === 0) {
        this.tickets.delete(key);
        this.told.delete(key);
      }
    }
  }

  /** Who is on the ticket now. */
  members(orgId: string, ticket: number): PresentMember[] {
    return roster(this.tickets.get(keyOf(orgId, ticket)) ?? new Map(), this.now());
  }

  private apply(key: string, id: string, userId: string, activity: PresenceMessage['activity']): void {
    const now = this.now();
    let entries = this.tickets.get(key);
    if (!entries) this.tickets.set(key, (entries = new Map()));
    if (activity === 'left') entries.delete(id);
    else {
      const previous = entries.get(id);
      const typingUntil = activity === 'typing' ? now + TYPING_TTL_MS : (previous?.typingUntil ?? 0);
      entries.set(id, { userId, viewingUntil: now + PRESENCE_TTL_MS, typingUntil });
    }
    this.tell(key);
  }

  private tell(key: string): void {
    const [orgId, ticket] = [key.slice(0, key.lastIndexOf(':')), Number(key.slice(key.lastIndexOf(':') + 1))];
    const members = this.members(orgId, ticket);
    this.told.set(key, rosterKey(members));
    for (const viewer of this.viewers.get(key) ?? []) {
      // Keyed by org already; checked again so a viewer can only ever hear its own org.
      if (viewer.orgId === orgId) viewer.tell({ type: 'presence', ticket, members });
    }
  }

  private idOf(viewer: PresenceViewer): string {
    let id = this.ids.get(viewer);
    if (!id) this.ids.set(viewer, (id = randomUUID()));
    return id;
  }
}

/** One line per member (several sockets of one member are one), sorted; typing if any socket types. */
function roster(entries: Map<string, Entry>, now: number): PresentMember[] {
  const members = new Map<string, boolean>();
  for (const entry of entries.values()) {
    if (entry.viewingUntil <= now) continue;
    members.set(entry.userId, (members.get(entry.userId) ?? false) || entry.typingUntil > now);
  }
  return [...members].map(([userId, typing]) => ({ userId, typing })).sort((a, b) => a.userId.localeCompare(b.userId));
}

const rosterKey = (members: PresentMember[]) => members.map((m) => `${m.userId}${m.typing ? '*' : ''}`).join(',');
