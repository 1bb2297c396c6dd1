import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../db/audit';
import { INSERTED, companyByDomain, joinedByDomain } from '../db/company-domains';
import { mergeDestination } from '../db/ticket-relations';
import type { ThreadReferences } from './inbound-message';

/**
 * The ticket a message belongs to: the one that sent or received a message id it answers;
 * else the ticket number it names, if the sender already wrote on that ticket or is a
 * designated contact of the requester's company (a guessed number must not let a stranger
 * post to someone else's ticket). Closed tickets take no more messages.
 */
export async function findThread(trx: Knex.Transaction, orgId: string, thread: ThreadReferences, sender: string): Promise<number | null> {
  const found = (await answeredTicket(trx, orgId, thread.answers)) ?? (await namedTicket(trx, orgId, thread.ticketNumber, sender));
  if (found === null) return null;
  // A merged ticket's conversation goes on where it was merged.
  const number = await mergeDestination(trx, orgId, found);
  const ticket = await trx('tickets').where({ org_id: orgId, number }).first<{ status: string } | undefined>('status');
  return ticket && ticket.status !== 'closed' ? number : null;
}

async function answeredTicket(trx: Knex.Transaction, orgId: string, answers: readonly string[]): Promise<number | null> {
  if (answers.length === 0) return null;
  const rows: { message_id: string; ticket_number: number }[] = await trx('email_messages')
    .where('org_id', orgId)
    .whereIn('message_id', answers)
    .whereNotNull('ticket_number')
    .select('message_id', 'ticket_number');
  for (const id of answers) {
    const row = rows.find((candidate) => candidate.message_id === id);
    if (row) return row.ticket_number;
  }
  return null;
}

async function namedTicket(trx: Knex.Transaction, orgId: string, token: number | null, sender: string): Promise<number | null> {
  if (token === null) return null;
  const known = await trx('tickets as t')
    .join('contacts as c', function () { this.on('c.org_id', 't.org_id').andOn('c.id', 't.requester_id'); })
    .where({ 't.org_id': orgId, 't.number': token })
    .andWhere((where) => where.where('c.email', sender)
      .orWhereExists(trx('email_messages').where({ org_id: orgId, ticket_number: token, from_address: sender }).select(trx.raw('1')))
      .orWhereExists(trx('contacts as d').where({ 'd.org_id': orgId, 'd.email': sender, 'd.designated': true }).whereRaw('d.company_id = c.company_id').select(trx.raw('1'))))
    .first('t.number');
  return known ? token : null;
}

/**
 * The sender as a contact (created on first contact, as the ticket's requester would be; a
 * name learnt later fills a missing one), and whether mail to the address bounces. A new
 * contact whose address is on a company's domain joins that company in the same statement;
 * only then is there a second one, its audit line.
 */
export async function findOrCreateContact(
  trx: Knex.Transaction, orgId: string, sender: { address: string; name: string | null },
): Promise<{ id: string; bouncing: boolean }> {
  const [row] = await trx('contacts')
    .insert({ org_id: orgId, id: randomUUID(), email: sender.address, name: sender.name, company_id: companyByDomain(trx, orgId, sender.address) })
    .onConflict(['org_id', 'email'])
    .merge({ name: trx.raw('COALESCE(contacts.name, EXCLUDED.name)') })
    .returning(['id', 'bouncing_since', 'company_id', trx.raw(INSERTED)]);
  const contact = row as { id: string; bouncing_since: Date | null; company_id: string | null; inserted: boolean };
  if (contact.inserted && contact.company_id !== null) {
    await recordAudit(trx, joinedByDomain(orgId, { id: contact.id, email: sender.address, company_id: contact.company_id }));
  }
  return { id: contact.id, bouncing: contact.bouncing_since !== null };
}
