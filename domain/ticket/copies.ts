import type { TicketEvent } from './events';

/**
 * CCs: people copied on a ticket's public replies besides its requester. Held in Postgres
 * (merges add them too), so a command states the change and the write makes it idempotent.
 */
export type CopyCommand =
  | { kind: 'addCc'; actorId: string | null; email: string; name?: string | null }
  | { kind: 'removeCc'; actorId: string | null; email: string };

export type CopyDecision = { ok: true; events: TicketEvent[] } | { ok: false; message: string };

/** An address as CCs are matched: trimmed and lower-cased. */
export const normaliseAddress = (email: string): string => email.trim().toLowerCase();

const ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function decideCopy(command: CopyCommand): CopyDecision {
  const email = normaliseAddress(command.email);
  if (!ADDRESS.test(email)) return { ok: false, message: `${command.email} is not an email address.` };
  if (command.kind === 'addCc') return { ok: true, events: [{ type: 'cc_added', data: { email, name: command.name?.trim() || null } }] };
  return { ok: true, events: [{ type: 'cc_removed', data: { email } }] };
}
