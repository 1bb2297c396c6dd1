import { ticketClient } from '../../clients/ticket-client';
import { countMacroUse, findMacro } from '../../db/macro-store';
import { userContact } from '../../db/user-store';
import { loadTicketSnapshot } from '../../db/ticket-snapshot';
import { withTenant } from '../../db/tenant';
import { planMacro, type MacroAction, type MacroPlan } from '../../domain/macros/index';
import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import type { TicketView } from '../schemas/tickets';
import { commandTicket } from '../tickets/commands';
import { getTicket } from '../tickets/read-model';

export interface AppliedMacro {
  ticket: TicketView;
  reply: MacroPlan['reply'];
}

/**
 * Applies a macro to a ticket: its actions become the ticket's ordinary command Updates (so
 * the workflow validates them, and the timeline, SLA clocks and rules see them), and its reply
 * comes back rendered for the composer, where the agent reads it before sending. The use is
 * counted once the commands are in.
 */
export async function applyMacro(deps: ApiDeps, auth: Auth, number: number, macroId: string): Promise<AppliedMacro> {
  const macro = await withTenant(deps.db, auth, (trx) => findMacro(trx, auth.orgId, auth.userId, macroId));
  if (!macro) throw notFound('Macro');
  const state = await ticketClient(deps).state(auth.orgId, number);
  if (!state) {
    const exists = await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, number));
    throw exists ? new Problem(409, 'ticket-closed', 'The ticket is closed', { detail: `Ticket #${number} is closed and cannot change.` }) : notFound(`Ticket #${number}`);
  }
  const facts = await withTenant(deps.db, auth, async (trx) => ({
    ...(await loadTicketSnapshot(trx, state, Date.now())),
    agent: (await userContact(trx, auth.userId)) ?? null,
  }));
  const plan = planMacro({ reply: { body: macro.reply_body, visibility: macro.reply_visibility }, actions: macro.actions as MacroAction[] }, { actorId: auth.userId, facts });

  let ticket: TicketView | null = null;
  const actor = { actorId: auth.userId };
  if (plan.patch) ticket = await commandTicket(deps, auth, number, 'patch', { ...actor, ...plan.patch }, undefined);
  if (plan.assign) ticket = await commandTicket(deps, auth, number, 'assign', { ...actor, ...plan.assign }, undefined);
  if (plan.status) ticket = await commandTicket(deps, auth, number, 'setStatus', { ...actor, status: plan.status }, undefined);
  await withTenant(deps.db, auth, (trx) => countMacroUse(trx, auth.orgId, macro.id));
  ticket ??= await withTenant(deps.db, auth, (trx) => getTicket(trx, auth.orgId, number));
  if (!ticket) throw notFound(`Ticket #${number}`);
  return { ticket, reply: plan.reply };
}
