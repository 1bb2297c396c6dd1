import type { SlaTargetKind } from '../sla/policy';
import type { TicketEvent } from '../ticket/events';
import type { NotificationKind } from './kinds';
import { mentionedMembers, type MentionableMember } from './mentions';

/** A notification a ticket change asks for, before the recipient's preferences are applied. */
export interface WantedNotification {
  userId: string;
  kind: Exclude<NotificationKind, 'rule'>;
  /** Names the change that produced it: with the user and channel, its unique key. */
  sourceKey: string;
  message: string;
}

export interface NotifiedChange {
  number: number;
  /** The change's sequence number on the ticket. */
  seq: number;
  subject: string;
  /** Who made the change (null: automation, a customer, the system). */
  actorId: string | null;
  actorName: string | null;
  /** The assignee after the change. */
  assigneeId: string | null;
  events: readonly TicketEvent[];
}

const TARGET_LABEL: Record<SlaTargetKind, string> = { first_response: 'First response', next_response: 'Next response', resolution: 'Resolution' };

/** The key of an SLA warning: the same whether the clock or the ticket records it. */
export const slaWarningKey = (number: number, target: SlaTargetKind, dueAt: string | null) => `ticket:${number}:sla_warning:${target}:${dueAt ?? 'none'}`;

/**
 * Whether a change could notify anyone (so a write reads the members and preferences only then).
 * `followerCount` is what the change's own write of the ticket row answered: 0 (or absent)
 * means no follower is read at all.
 */
export function mayNotify(change: Pick<NotifiedChange, 'events' | 'assigneeId'> & { followerCount?: number }): boolean {
  if ((change.followerCount ?? 0) > 0 && followersHear(change.events)) return true;
  return change.events.some((event) =>
    event.type === 'assigned'
    || (event.type === 'replied' && event.data.visibility === 'internal' && event.data.body.includes('@'))
    || ((event.type === 'customer_replied' || event.type === 'sla_warning') && change.assigneeId !== null));
}

/** Whether a change has an internal note that may mention someone (so the members are read). */
export const mayMention = (events: readonly TicketEvent[]) =>
  events.some((event) => event.type === 'replied' && event.data.visibility === 'internal' && event.data.body.includes('@'));

/** The changes a ticket's followers hear of, the most telling first: a message, then its status, then its assignment. */
const FOLLOWED_RANK: Partial<Record<TicketEvent['type'], number>> = { replied: 0, customer_replied: 0, status_changed: 1, assigned: 2 };

/** Whether a change is one a ticket's followers hear of (so the write reads its followers only then). */
export const followersHear = (events: readonly TicketEvent[]) => events.some((event) => FOLLOWED_RANK[event.type] !== undefined);

const STATUS_WORDS: Record<string, string> = { on_hold: 'on hold' };

/** What a follower is told of a change: one line, for its most telling event; null when followers hear nothing of it. */
export function followedMessage(events: readonly TicketEvent[], by: string, title: string): string | null {
  const event = events.filter((e) => FOLLOWED_RANK[e.type] !== undefined).sort((a, b) => FOLLOWED_RANK[a.type]! - FOLLOWED_RANK[b.type]!)[0];
  switch (event?.type) {
    case 'replied': return event.data.visibility === 'internal' ? `${by} added an internal note on ${title}` : `${by} replied on ${title}`;
    case 'customer_replied': return `The customer replied on ${title}`;
    case 'status_changed': return `${by} set ${title} to ${STATUS_WORDS[event.data.to] ?? event.data.to}`;
    case 'assigned': return `${by} changed who ${title} is assigned to`;
    default: return null;
  }
}

/**
 * The notifications one ticket change produces: the new assignee (someone else assigned it),
 * the members an internal note mentions, the assignee when the customer replied or an SLA
 * target is close, and the ticket's `followers` of a message, status or assignment change.
 * Nobody is notified of their own change; one notification per member, kind and change, and a
 * follower told of the change otherwise (as its assignee, or mentioned) is not told again.
 */
export function ticketNotifications(change: NotifiedChange, members: readonly MentionableMember[], followers: readonly string[] = []): WantedNotification[] {
  const { number, seq, actorId } = change;
  const title = `#${number} “${change.subject}”`;
  const by = change.actorName ?? 'Automation';
  const wanted: WantedNotification[] = [];
  const add = (notification: WantedNotification) => {
    if (notification.userId === actorId) return;
    if (wanted.some((w) => w.userId === notification.userId && w.sourceKey === notification.sourceKey)) return;
    wanted.push(notification);
  };
  for (const event of change.events) {
    if (event.type === 'assigned') {
      const to = event.data.to.assigneeId;
      if (to !== null && to !== event.data.from.assigneeId) {
        add({ userId: to, kind: 'assigned', sourceKey: `ticket:${number}:${seq}:assigned`, message: `${by} assigned ${title} to you` });
      }
    } else if (event.type === 'replied' && event.data.visibility === 'internal') {
      for (const userId of mentionedMembers(event.data.body, members)) {
        add({ userId, kind: 'mentioned', sourceKey: `ticket:${number}:${seq}:mentioned`, message: `${by} mentioned you on ${title}` });
      }
    } else if (event.type === 'customer_replied' && change.assigneeId !== null) {
      add({ userId: change.assigneeId, kind: 'customer_replied', sourceKey: `ticket:${number}:${seq}:customer_replied`, message: `The customer replied on ${title}` });
    } else if (event.type === 'sla_warning' && change.assigneeId !== null) {
      const { target, dueAt } = event.data;
      add({ userId: change.assigneeId, kind: 'sla_warning', sourceKey: slaWarningKey(number, target, dueAt), message: `${TARGET_LABEL[target]} on ${title} is close to its SLA target` });
    }
  }
  const followed = followers.length > 0 ? followedMessage(change.events, by, title) : null;
  if (followed) {
    const told = new Set(wanted.map((w) => w.userId));
    for (const userId of followers) {
      if (!told.has(userId)) add({ userId, kind: 'followed', sourceKey: `ticket:${number}:${seq}:followed`, message: followed });
    }
  }
  return wanted;
}
