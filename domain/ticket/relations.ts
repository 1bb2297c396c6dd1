import type { TicketEvent, TicketLink, TicketLinkKind } from './events';
import type { TicketState } from './state';

/**
 * Merge, split and links: how one ticket's conversation comes to sit on another. Each is a
 * command on one ticket's workflow; the other ticket hears of a merge by a signal from the
 * merged one and records it as its own change.
 */
export type RelationCommand =
  | { kind: 'mergeInto'; actorId: string | null; into: number }
  | { kind: 'mergedFrom'; actorId: string | null; from: number; subject: string }
  | { kind: 'recordSplit'; actorId: string | null; seq: number; number: number }
  | { kind: 'link'; actorId: string | null; number: number; linkKind: TicketLinkKind }
  | { kind: 'unlink'; actorId: string | null; number: number };

/** What a relation command does: events and the state's changes, or why it is refused. */
export type RelationDecision =
  | { ok: true; events: TicketEvent[]; changes: Partial<TicketState> }
  | { ok: false; message: string };

const refuse = (message: string): RelationDecision => ({ ok: false, message });
const NOTHING: RelationDecision = { ok: true, events: [], changes: {} };

export function decideRelation(state: TicketState, command: RelationCommand): RelationDecision {
  switch (command.kind) {
    case 'mergeInto':
      if (command.into === state.number) return refuse(`Ticket #${state.number} cannot be merged into itself.`);
      // Whatever its status, a merged ticket closes: its conversation continues on the target.
      return {
        ok: true,
        events: [
          { type: 'merged_into', data: { number: command.into } },
          { type: 'status_changed', data: { from: state.status, to: 'closed' } },
        ],
        changes: { mergedInto: command.into, status: 'closed' },
      };
    case 'mergedFrom':
      if (command.from === state.number) return refuse(`Ticket #${state.number} cannot absorb itself.`);
      return { ok: true, events: [{ type: 'merged_from', data: { number: command.from, subject: command.subject } }], changes: {} };
    case 'recordSplit':
      if (command.number === state.number) return refuse('A message is split out into a new ticket, not into its own.');
      if (!Number.isInteger(command.seq) || command.seq < 1 || command.seq > state.version) {
        return refuse(`Ticket #${state.number} has no change ${command.seq}.`);
      }
      return {
        ok: true,
        events: [{ type: 'split_out', data: { seq: command.seq, number: command.number } }, { type: 'linked', data: { number: command.number, kind: 'related' } }],
        changes: { links: withLink(state.links, { number: command.number, kind: 'related' }) },
      };
    case 'link': {
      if (command.number === state.number) return refuse('A ticket cannot be linked to itself.');
      const link: TicketLink = { number: command.number, kind: command.linkKind };
      const existing = state.links?.find((candidate) => candidate.number === link.number);
      if (existing?.kind === link.kind) return NOTHING;
      const events: TicketEvent[] = existing ? [{ type: 'unlinked', data: existing }] : [];
      events.push({ type: 'linked', data: link });
      return { ok: true, events, changes: { links: withLink(state.links, link) } };
    }
    case 'unlink': {
      const existing = state.links?.find((candidate) => candidate.number === command.number);
      // A link the other ticket made is removed through that ticket, which holds it.
      if (!existing) return NOTHING;
      return { ok: true, events: [{ type: 'unlinked', data: existing }], changes: { links: (state.links ?? []).filter((link) => link !== existing) } };
    }
  }
}

function withLink(links: readonly TicketLink[] | undefined, link: TicketLink): TicketLink[] {
  return [...(links ?? []).filter((candidate) => candidate.number !== link.number), link];
}

/** The same link seen from the other ticket: a parent's child, a child's parent. */
export function reverseLinkKind(kind: TicketLinkKind): TicketLinkKind {
  if (kind === 'parent') return 'child';
  if (kind === 'child') return 'parent';
  return 'related';
}
