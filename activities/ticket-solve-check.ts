import { ApplicationFailure } from '@temporalio/activity';
import type { Knex } from 'knex';
import { chosenFormId, listFieldDefinitions, listTicketForms } from '../db/custom-fields';
import { effectiveForm, solveRequirements } from '../domain/fields/index';
import { TICKET_FAILURES, isSolve, requiredFieldsRejection, type TicketEvent, type TicketState } from '../domain/ticket/index';

/**
 * Refuses (non-retryable `RequiredFieldsMissing`, details `[{ missingFields }]`) a change that
 * solves the ticket while its form shows required fields that are empty. Asked by the ticket's
 * write, in its transaction and before anything is written, so the check costs the solve no
 * activity (nor workflow activation) of its own.
 *
 * No race: the ticket workflow serialises its commands and hands the write the state after
 * this change, so the values checked are the ones every earlier command left. A change that
 * empties a required field lands wholly before the solve (which is refused) or after it.
 */
export async function refuseSolveWithEmptyRequiredFields(
  trx: Knex.Transaction,
  change: { orgId: string; number: number; events: readonly TicketEvent[]; state: TicketState },
): Promise<void> {
  if (!change.events.some(isSolve)) return;
  const { orgId, number } = change;
  const definitions = await listFieldDefinitions(trx, orgId);
  // Most orgs require nothing: no form to read.
  if (!definitions.some((definition) => definition.requiredOnSolve)) return;
  const form = effectiveForm(await listTicketForms(trx, orgId), await chosenFormId(trx, orgId, number));
  const refusal = requiredFieldsRejection(change.state, solveRequirements(definitions, form));
  if (!refusal) return;
  throw ApplicationFailure.nonRetryable(refusal.message, TICKET_FAILURES.required_fields_missing, { missingFields: refusal.missingFields });
}
