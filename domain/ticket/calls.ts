import type { TicketEvent } from './events';

export type CallDirection = 'inbound' | 'outbound';

/** A phone call an agent logs on the ticket: who called whom, how long, what was said. */
export interface LoggedCall {
  direction: CallDirection;
  phoneNumber: string;
  durationSeconds: number;
  notes: string;
}

/** Longest call a ticket records: a day (anything longer is a typo). */
export const MAX_CALL_SECONDS = 86_400;

export function decideCall(call: LoggedCall): { ok: true; events: TicketEvent[] } | { ok: false; message: string } {
  if (!/^\+?[0-9 ()./-]{3,32}$/.test(call.phoneNumber.trim())) return { ok: false, message: `${call.phoneNumber} is not a phone number.` };
  if (!Number.isInteger(call.durationSeconds) || call.durationSeconds < 0 || call.durationSeconds > MAX_CALL_SECONDS) {
    return { ok: false, message: `A call lasts 0 to ${MAX_CALL_SECONDS} whole seconds.` };
  }
  return { ok: true, events: [{ type: 'call_logged', data: { ...call, phoneNumber: call.phoneNumber.trim(), notes: call.notes.trim() } }] };
}
