import type { Knex } from 'knex';
import { listFieldDefinitions } from '../../db/custom-fields';
import { knownIds } from '../../db/known-ids';
import { membersAmong } from '../../db/member-directory';
import { referencedIds, validateFieldValues, type FieldValues } from '../../domain/fields/index';
import { Problem } from '../problem';

/**
 * The edge checks of custom-field values: every path that sets fields (PATCH, macros, bulk,
 * a new ticket) goes through `commandTicket`/`createTicket`, which call these before the
 * workflow hears of the command.
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
 * The 422 `required-fields-missing` a solve gets while the ticket's form shows required fields
 * that are empty: the ticket workflow's write of the solve refuses it (`required_fields_missing`,
 * its details naming the fields), and this is how the API says so.
 */
export function requiredFieldsProblem(detail: string, details: readonly unknown[]): Problem {
  const missing = (details[0] as { missingFields?: { key: string; label: string }[] } | undefined)?.missingFields ?? [];
  return new Problem(422, 'required-fields-missing', 'Required fields are empty', {
    detail,
    fields: missing.map((field) => field.key),
    errors: missing.map((field) => ({ pointer: `/fields/${field.key}`, message: `“${field.label}” is required to solve the ticket.` })),
  });
}
