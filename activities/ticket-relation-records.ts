import { randomUUID } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { recordAudit } from '../db/audit';
import { INSERTED, companyByDomain, joinedByDomain } from '../db/company-domains';
import { TICKET_FAILURES, type TicketEvent } from '../domain/ticket/index';
import { moveFollowers } from '../db/ticket-followers';

/**
 * What merge, split, link and CC events write beside the timeline, in the change's
 * transaction: the merged ticket's pointer, the links, and the CCs (added, removed, or brought
 * along by a merge).
 */
export async function writeRelationEvents(trx: Knex.Transaction, orgId: string, number: number, events: readonly TicketEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'merged_into':
        await mustExist(trx, orgId, event.data.number);
        await trx('tickets').where({ org_id: orgId, number }).update({ merged_into: event.data.number });
        break;
      case 'merged_from':
        await absorbMerged(trx, orgId, number, event.data.number);
        break;
      case 'linked':
        await mustExist(trx, orgId, event.data.number);
        await trx('ticket_links')
          .insert({ org_id: orgId, ticket_number: number, linked_number: event.data.number, kind: event.data.kind })
          .onConflict(['org_id', 'ticket_number', 'linked_number']).merge(['kind']);
        break;
      case 'unlinked':
        await trx('ticket_links').where({ org_id: orgId, ticket_number: number, linked_number: event.data.number }).delete();
        break;
      case 'cc_added': {
        // A CC new to the org joins the company of their domain, as a requester does.
        const [row] = await trx('contacts')
          .insert({ org_id: orgId, id: randomUUID(), email: event.data.email, name: event.data.name, company_id: companyByDomain(trx, orgId, event.data.email) })
          .onConflict(['org_id', 'email']).merge({ name: trx.raw('COALESCE(contacts.name, EXCLUDED.name)') })
          .returning(['id', 'company_id', trx.raw(INSERTED)]);
        const contact = row as { id: string; company_id: string | null; inserted: boolean };
        if (contact.inserted && contact.company_id !== null) await recordAudit(trx, joinedByDomain(orgId, { id: contact.id, email: event.data.email, company_id: contact.company_id }));
        await trx('ticket_ccs').insert({ org_id: orgId, ticket_number: number, contact_id: contact.id })
          .onConflict(['org_id', 'ticket_number', 'contact_id']).ignore();
        break;
      }
      case 'cc_removed':
        await trx('ticket_ccs').where({ org_id: orgId, ticket_number: number })
          .whereIn('contact_id', trx('contacts').where({ org_id: orgId }).whereRaw('lower(email) = ?', [event.data.email]).select('id'))
          .delete();
        break;
      default:
        break;
    }
  }
}

async function mustExist(trx: Knex.Transaction, orgId: string, number: number): Promise<void> {
  const row = await trx('tickets').where({ org_id: orgId, number }).first('number');
  if (!row) throw ApplicationFailure.nonRetryable(`No ticket #${number} in this organization.`, TICKET_FAILURES.unknown_ticket);
}

/**
 * The merged ticket's people and words come along: its requester and CCs are copied on this
 * ticket's replies from now on, its followers follow this ticket, and searching for its text
 * finds this ticket.
 */
async function absorbMerged(trx: Knex.Transaction, orgId: string, number: number, from: number): Promise<void> {
  const source = await trx('tickets').where({ org_id: orgId, number: from }).first<{ requester_id: string } | undefined>('requester_id');
  if (!source) return;
  const target = await trx('tickets').where({ org_id: orgId, number }).first<{ requester_id: string }>('requester_id');
  const sourceCcs: { contact_id: string }[] = await trx('ticket_ccs').where({ org_id: orgId, ticket_number: from }).select('contact_id');
  const people = new Set([source.requester_id, ...sourceCcs.map((row) => row.contact_id)]);
  people.delete(target.requester_id);
  if (people.size > 0) {
    await trx('ticket_ccs')
      .insert([...people].map((contactId) => ({ org_id: orgId, ticket_number: number, contact_id: contactId })))
      .onConflict(['org_id', 'ticket_number', 'contact_id']).ignore();
  }
  await moveFollowers(trx, orgId, from, number);
  await trx('tickets').where({ org_id: orgId, number }).update({
    search: trx.raw('search || (SELECT search FROM tickets WHERE org_id = ? AND number = ?)', [orgId, from]),
  });
}
