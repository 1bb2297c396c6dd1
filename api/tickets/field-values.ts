import type { Knex } from 'knex';
import { chosenFormId, listFieldDefinitions, listTicketForms } from '../../db/custom-fields';
import { knownIds } from '../../db/known-ids';
import { membersAmong } from '../../db/member-directory';
import { findTicketRow } from '../../db/ticket-read-model';
import { effectiveForm, missingOnSolve, referencedIds, validateFieldValues, type FieldValues } from '../../domain/fields/index';
import { Problem } from '../problem';

/**
 * The edge checks of custom-field values: every path that sets fields (PATCH, macros, bulk,
 * a new ticket) and every solve goes through `commandTicket`/`createTicket`, which call these
 * before the workflow hears of the command.
 */

/** Refuses (422 `invalid-field-value`, one error per field) values that do not fit their definitions. */
export async function checkFieldValues(trx: Knex.Transaction, orgId: string, values: FieldValues): Promise<void> {
  if (Object.keys(values).length === 0) return;
  const definitions = await listFieldDefinitions(trx, orgId);
  const ids = referencedIds(definitions, values);
  const known = {
    users: new Set(ids.users.length > 0 ? await membersAmong(trx, orgId, ids.users) : []),
    companies: await knownIds(trx, 'companies', orgId, ids.companies),
  };
  const errors = validateFieldValues(definitions, values, known);
  if (errors.length === 0) return;
  throw new Problem(422, 'invalid-field-value', 'A custom field value does not fit its field', {
    detail: errors.map((error) => error.message).join(' '),
    errors: errors.map((error) => ({ pointer: `/fields/${error.key}`, message: error.message })),
  });
}

/**
 * Refuses (422 `required-fields-missing`) to solve a ticket whose form shows required fields
 * that are empty, naming them; the values are the ticket's as its last write recorded them.
 */
export async function checkSolvable(trx: Knex.Transaction, orgId: string, number: number): Promise<void> {
  const row = await findTicketRow(trx, orgId, number);
  if (!row || row.status === 'solved' || row.status === 'closed') return;
  const definitions = await listFieldDefinitions(trx, orgId);
  if (!definitions.some((definition) => definition.requiredOnSolve)) return;
  const form = effectiveForm(await listTicketForms(trx, orgId), await chosenFormId(trx, orgId, number));
  const missing = missingOnSolve(definitions, form, row.fields);
  if (missing.length === 0) return;
  const names = missing.map((definition) => `“${definition.label}”`).join(', ');
  throw new Problem(422, 'required-fields-missing', 'Required fields are empty', {
    detail: `Ticket #${number} cannot be solved while ${names} ${missing.length === 1 ? 'is' : 'are'} empty.`,
    fields: missing.map((definition) => definition.key),
    errors: missing.map((definition) => ({ pointer: `/fields/${definition.key}`, message: `“${definition.label}” is required to solve the ticket.` })),
  });
}
