import { withTenant } from '../../db/tenant';
import { ccAddress, linkHolder, messageAt, relatedTicket, ticketRelations, type RelatedTicket, type TicketRelations } from '../../db/ticket-relations';
import type { TicketLinkKind } from '../../domain/ticket/index';
import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { Problem, notFound } from '../problem';
import type { TicketView } from '../schemas/tickets';
import { commandTicket, createTicket, mergedProblem, type Created } from './commands';
import { getTicket } from './read-model';

/** A ticket a relation names, checked before any workflow hears of it: it exists here and can still change. */
function changeable(ticket: (RelatedTicket & { mergedInto: number | null }) | null, number: number, pointer: string): RelatedTicket {
  if (!ticket) throw new Problem(422, 'unknown-ticket', 'No such ticket', { detail: `No ticket #${number} in this organization.`, errors: [{ pointer, message: 'no such ticket' }] });
  if (ticket.mergedInto !== null) throw mergedProblem(number, ticket.mergedInto);
  if (ticket.status === 'closed') throw new Problem(409, 'ticket-closed', 'The ticket is closed', { detail: `Ticket #${number} is closed and cannot change.` });
  return ticket;
}

const selfRelation = (detail: string, pointer: string) => new Problem(422, 'invalid-command', 'The command cannot be applied', { detail, errors: [{ pointer, message: detail }] });

/**
 * Merges ticket `number` into `into`: the merged ticket's workflow closes it, points it at the
 * target and tells the target's workflow, which records the merge and takes its requester as
 * a CC. Answers with the merged (now closed) ticket.
 */
export async function mergeTicket(deps: ApiDeps, auth: Auth, number: number, into: number, key: string | undefined): Promise<TicketView> {
  if (into === number) throw selfRelation(`Ticket #${number} cannot be merged into itself.`, '/into');
  await withTenant(deps.db, auth, async (trx) => {
    const source = await relatedTicket(trx, auth.orgId, number);
    if (!source) throw notFound(`Ticket #${number}`);
    changeable(source, number, '');
    changeable(await relatedTicket(trx, auth.orgId, into), into, '/into');
  });
  return commandTicket(deps, auth, number, 'mergeInto', { actorId: auth.userId, into }, key);
}

/**
 * Splits the message of change `seq` out of ticket `number` into a new ticket: same
 * requester (the message's sender when it came by email), priority, channel and tags, the
 * message as its description; the old ticket records where it went and links the two.
 */
export async function splitTicket(deps: ApiDeps, auth: Auth, number: number, split: { seq: number; subject?: string | undefined }, key: string | undefined): Promise<Created> {
  const { source, message } = await withTenant(deps.db, auth, async (trx) => {
    const found = await getTicket(trx, auth.orgId, number);
    if (!found) throw notFound(`Ticket #${number}`);
    changeable({ number, subject: found.subject, status: found.status, mergedInto: null }, number, '');
    return { source: found, message: await messageAt(trx, auth.orgId, number, split.seq) };
  });
  if (!message) throw new Problem(422, 'invalid-command', 'The command cannot be applied', { detail: `Change ${split.seq} of ticket #${number} holds no message to split out.`, errors: [{ pointer: '/seq', message: 'no message at this change' }] });
  const requester = message.from && message.from !== source.requester.email
    ? { email: message.from }
    : { email: source.requester.email, ...(source.requester.name && { name: source.requester.name }) };
  const created = await createTicket(deps, auth, {
    subject: split.subject ?? `${source.subject} (split from #${number})`,
    description: message.body,
    priority: source.priority,
    channel: source.channel,
    tags: source.tags,
    fields: {},
    requester,
  }, key);
  // The key's own claim is the new ticket's; the old ticket's record of the split is keyed apart.
  await commandTicket(deps, auth, number, 'recordSplit', { actorId: auth.userId, seq: split.seq, number: created.ticket.number }, key && `${key}:split-record`);
  return created;
}

/** Links ticket `number` to `other` (in `number`'s terms), through `number`'s workflow. */
export async function linkTicket(deps: ApiDeps, auth: Auth, number: number, other: number, kind: TicketLinkKind, key: string | undefined): Promise<TicketRelations> {
  if (other === number) throw selfRelation('A ticket cannot be linked to itself.', '/number');
  await withTenant(deps.db, auth, async (trx) => {
    if (!(await relatedTicket(trx, auth.orgId, number))) throw notFound(`Ticket #${number}`);
    if (!(await relatedTicket(trx, auth.orgId, other))) throw new Problem(422, 'unknown-ticket', 'No such ticket', { detail: `No ticket #${other} in this organization.`, errors: [{ pointer: '/number', message: 'no such ticket' }] });
  });
  await commandTicket(deps, auth, number, 'link', { actorId: auth.userId, number: other, linkKind: kind }, key);
  return withTenant(deps.db, auth, (trx) => ticketRelations(trx, auth.orgId, number));
}

/** Removes the link between two tickets, through the workflow of whichever ticket made it. */
export async function unlinkTicket(deps: ApiDeps, auth: Auth, number: number, other: number): Promise<TicketRelations> {
  const holder = await withTenant(deps.db, auth, (trx) => linkHolder(trx, auth.orgId, number, other));
  if (holder === null) throw notFound(`A link between #${number} and #${other}`);
  await commandTicket(deps, auth, holder, 'unlink', { actorId: auth.userId, number: holder === number ? other : number }, undefined);
  return withTenant(deps.db, auth, (trx) => ticketRelations(trx, auth.orgId, number));
}

/** Copies `email` on the ticket's public replies (a contact is made for an address not yet known). */
export async function addCc(deps: ApiDeps, auth: Auth, number: number, cc: { email: string; name?: string | undefined }, key: string | undefined): Promise<TicketRelations> {
  await commandTicket(deps, auth, number, 'addCc', { actorId: auth.userId, email: cc.email, name: cc.name ?? null }, key);
  return withTenant(deps.db, auth, (trx) => ticketRelations(trx, auth.orgId, number));
}

export async function removeCc(deps: ApiDeps, auth: Auth, number: number, contactId: string): Promise<TicketRelations> {
  const email = await withTenant(deps.db, auth, (trx) => ccAddress(trx, auth.orgId, number, contactId));
  if (email === null) throw notFound(`CC ${contactId} on ticket #${number}`);
  await commandTicket(deps, auth, number, 'removeCc', { actorId: auth.userId, email }, undefined);
  return withTenant(deps.db, auth, (trx) => ticketRelations(trx, auth.orgId, number));
}
