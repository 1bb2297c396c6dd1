import { missingToSolve, type SolveRequirements } from '../fields/solve-requirements';
import type { Rejection } from './commands';
import type { TicketState } from './state';

/**
 * Refuses a solve while the ticket's form shows required fields that are empty, naming them.
 * The solve's write (activities/ticket-solve-check.ts) asks this on the state the solve would
 * leave, which the ticket workflow hands it from inside its serialised commands, so a change
 * that empties a field either lands before the solve (and stops it) or after it: no solve
 * lands with a required field empty.
 */
export function requiredFieldsRejection(state: TicketState, requirements: SolveRequirements): Rejection | null {
  const missing = missingToSolve(requirements, state.fields);
  if (missing.length === 0) return null;
  const names = missing.map((field) => `“${field.label}”`).join(', ');
  return {
    code: 'required_fields_missing',
    message: `Ticket #${state.number} cannot be solved while ${names} ${missing.length === 1 ? 'is' : 'are'} empty.`,
    missingFields: missing.map(({ key, label }) => ({ key, label })),
  };
}
