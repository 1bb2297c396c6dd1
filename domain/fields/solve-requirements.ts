import { conditionHolds, formFields, isEmptyValue, type FieldDefinition, type FieldValues, type TicketForm } from './definitions';

/** A field a ticket's form requires to solve it; its condition says when it shows. */
export type RequiredField = Pick<FieldDefinition, 'key' | 'label' | 'condition'>;

/**
 * What solving a ticket asks of its field values: the required fields of its form (or of every
 * active field, with no form), conditions not yet applied. Read from the org's configuration
 * when the ticket is about to be solved; the ticket's own values decide the rest.
 */
export interface SolveRequirements {
  fields: RequiredField[];
}

export function solveRequirements(definitions: readonly FieldDefinition[], form: TicketForm | null): SolveRequirements {
  return { fields: formFields(definitions, form).filter((definition) => definition.requiredOnSolve).map(({ key, label, condition }) => ({ key, label, condition })) };
}

/** The required fields that show on these values and are empty: what keeps the ticket from being solved. */
export function missingToSolve(requirements: SolveRequirements, values: FieldValues): RequiredField[] {
  return requirements.fields.filter((field) => conditionHolds(field.condition, values) && isEmptyValue(values[field.key]));
}
