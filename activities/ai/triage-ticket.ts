import type { Db } from '../../db/connection';
import { withTenant } from '../../db/tenant';
import { ticketText } from '../../db/ticket-triage';
import type { AiFacts } from '../../domain/ai/index';
import { createTicketTriager, type TicketTriager } from './ticket-triager';

export interface TriageTicketInput {
  orgId: string;
  number: number;
}

/** Null when the ticket has no row (nothing to triage) or its predictions could not be made. */
export type TriageTicketResult = { facts: AiFacts } | null;

/**
 * Triage of a new ticket as an activity of its own, run once by its workflow after the
 * creation answered. New tickets are triaged in their creation's write instead (see
 * `createTicketRecord`); this runs for tickets whose creation predates that, on replay, and
 * when the creation's triage could not run (a model that would not load).
 */
export function createTriageActivities(db: Db, triager: TicketTriager = createTicketTriager()) {
  return {
    async triageTicket({ orgId, number }: TriageTicketInput): Promise<TriageTicketResult> {
      return withTenant(db, { orgId }, async (trx) => {
        const ticket = await ticketText(trx, orgId, number);
        if (!ticket) return null;
        const facts = await triager.triageIn(trx, { orgId, number, ...ticket });
        return facts && { facts };
      });
    },
  };
}

export type TriageActivities = ReturnType<typeof createTriageActivities>;
