import type { Knex } from 'knex';
import type { FieldCondition, FieldDefinition, FieldType, TicketForm } from '../domain/fields/index';
import { FieldDefinition as FieldDefinitionModel, TicketForm as TicketFormModel, TicketFormChoice } from './models';

/**
 * Custom-field definitions and ticket forms (configuration, plain CRUD), and the form chosen
 * for a ticket. Definitions are never deleted: archiving keeps the values tickets hold.
 */
const definitionOf = (row: FieldDefinitionModel): FieldDefinition => ({
  id: row.id, key: row.key, label: row.label, type: row.type, options: (row.options as string[] | null) ?? [],
  requiredOnSolve: row.required_on_solve, condition: (row.condition as FieldCondition | null) ?? null, position: row.position, archived: row.archived_at !== null,
});

const formOf = (row: TicketFormModel): TicketForm => ({ id: row.id, name: row.name, fieldKeys: row.field_keys, isDefault: row.is_default });

/** The org's fields by position (archived ones too: their values still show on old tickets). */
export async function listFieldDefinitions(trx: Knex.Transaction, orgId: string): Promise<FieldDefinition[]> {
  return (await FieldDefinitionModel.query(trx).where({ org_id: orgId }).orderBy(['position', 'key'])).map(definitionOf);
}

export async function findFieldDefinitionForUpdate(trx: Knex.Transaction, orgId: string, id: string): Promise<FieldDefinition | undefined> {
  const row = await FieldDefinitionModel.query(trx).where({ org_id: orgId, id }).forUpdate().first();
  return row && definitionOf(row);
}

export interface FieldDefinitionInput {
  key: string;
  label: string;
  type: FieldType;
  options: string[];
  requiredOnSolve: boolean;
  condition: FieldCondition | null;
  position: number;
}

export async function insertFieldDefinition(trx: Knex.Transaction, orgId: string, id: string, input: FieldDefinitionInput): Promise<void> {
  await FieldDefinitionModel.query(trx).insert({
    org_id: orgId, id, key: input.key, label: input.label, type: input.type, options: input.options,
    required_on_solve: input.requiredOnSolve, condition: input.condition, position: input.position,
  });
}

/** Changes what may change of a field (never its key or type). */
export async function updateFieldDefinition(
  trx: Knex.Transaction, orgId: string, id: string,
  next: Pick<FieldDefinition, 'label' | 'options' | 'requiredOnSolve' | 'condition' | 'position' | 'archived'>,
): Promise<void> {
  await FieldDefinitionModel.query(trx).where({ org_id: orgId, id }).patch({
    label: next.label, options: next.options, required_on_solve: next.requiredOnSolve, condition: next.condition, position: next.position,
    archived_at: next.archived ? trx.raw('coalesce(archived_at, now())') as unknown as Date : null, updated_at: trx.fn.now() as unknown as Date,
  });
}

/** The next position after every field's: a new field goes last unless told otherwise. */
export async function nextFieldPosition(trx: Knex.Transaction, orgId: string): Promise<number> {
  const row = await trx('field_definitions').where({ org_id: orgId }).max<{ max: number | null }>('position as max').first();
  return (row?.max ?? -1) + 1;
}

export async function listTicketForms(trx: Knex.Transaction, orgId: string): Promise<TicketForm[]> {
  return (await TicketFormModel.query(trx).where({ org_id: orgId }).orderBy('name')).map(formOf);
}

export async function findTicketFormForUpdate(trx: Knex.Transaction, orgId: string, id: string): Promise<TicketForm | undefined> {
  const row = await TicketFormModel.query(trx).where({ org_id: orgId, id }).forUpdate().first();
  return row && formOf(row);
}

/** Only one form is the default: making one the default makes the previous one not. */
async function clearDefault(trx: Knex.Transaction, orgId: string, except: string): Promise<void> {
  await TicketFormModel.query(trx).where({ org_id: orgId, is_default: true }).whereNot('id', except).patch({ is_default: false });
}

export async function insertTicketForm(trx: Knex.Transaction, orgId: string, form: TicketForm): Promise<void> {
  if (form.isDefault) await clearDefault(trx, orgId, form.id);
  await TicketFormModel.query(trx).insert({ org_id: orgId, id: form.id, name: form.name, field_keys: form.fieldKeys, is_default: form.isDefault });
}

export async function updateTicketForm(trx: Knex.Transaction, orgId: string, form: TicketForm): Promise<void> {
  if (form.isDefault) await clearDefault(trx, orgId, form.id);
  await TicketFormModel.query(trx).where({ org_id: orgId, id: form.id })
    .patch({ name: form.name, field_keys: form.fieldKeys, is_default: form.isDefault, updated_at: trx.fn.now() as unknown as Date });
}

/** Deletes a form; the tickets that had chosen it fall back to the default form. False: no such form. */
export async function deleteTicketForm(trx: Knex.Transaction, orgId: string, id: string): Promise<boolean> {
  return (await TicketFormModel.query(trx).where({ org_id: orgId, id }).delete()) > 0;
}

/** The form chosen for the ticket; null when it has none (it then uses the default form). */
export async function chosenFormId(trx: Knex.Transaction, orgId: string, ticketNumber: number): Promise<string | null> {
  const row = await TicketFormChoice.query(trx).where({ org_id: orgId, ticket_number: ticketNumber }).first();
  return row?.form_id ?? null;
}

/** Chooses the ticket's form (null: back to the default form). */
export async function chooseForm(trx: Knex.Transaction, orgId: string, ticketNumber: number, formId: string | null, userId: string): Promise<void> {
  if (formId === null) {
    await TicketFormChoice.query(trx).where({ org_id: orgId, ticket_number: ticketNumber }).delete();
    return;
  }
  await TicketFormChoice.query(trx).insert({ org_id: orgId, ticket_number: ticketNumber, form_id: formId, chosen_by: userId })
    .onConflict(['org_id', 'ticket_number']).merge(['form_id', 'chosen_by']);
}
