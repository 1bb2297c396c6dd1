import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import {
  chooseForm, chosenFormId, deleteTicketForm, findFieldDefinitionForUpdate, findTicketFormForUpdate, insertFieldDefinition, insertTicketForm,
  listFieldDefinitions, listTicketForms, nextFieldPosition, updateFieldDefinition, updateTicketForm,
} from '../../db/custom-fields';
import { isUniqueViolation } from '../../db/failure-classes';
import { withTenant } from '../../db/tenant';
import { findTicketRow } from '../../db/ticket-read-model';
import { definitionErrors, effectiveForm, type FieldDefinition, type TicketForm } from '../../domain/fields/index';
import { ACCESS } from '../auth/roles';
import { auditCaller } from '../caller-audit';
import type { ApiDeps } from '../deps';
import { Problem, found, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { ProblemSchema } from '../schemas/common';
import {
  ChooseFormBody, CreateFieldBody, CreateFormBody, FieldDefinitionSchema, FieldParams, TicketFormChoiceSchema, TicketFormSchema, UpdateFieldBody, UpdateFormBody,
} from '../schemas/fields';
import { TicketNumberParams } from '../schemas/tickets';

const fields = routeGroup({ tag: 'fields', access: ACCESS.readTickets });
const manage = ACCESS.manageMembers;

const invalid = (errors: { pointer: string; message: string }[]) =>
  new Problem(422, 'invalid-field-definition', 'The field definition does not hold together', { detail: errors.map((error) => error.message).join(' '), errors });

/** Field keys are unique in an org: a clash is a 409 pointing at the key. */
async function uniqueKey<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new Problem(409, 'field-key-taken', 'A field with that key exists', { errors: [{ pointer: '/key', message: 'Another field has this key (archived ones too); choose another.' }] });
  }
}

async function uniqueFormName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new Problem(409, 'form-name-taken', 'A form of that name exists', { errors: [{ pointer: '/name', message: 'Another form has this name; choose another.' }] });
  }
}

/** A form names only fields the org defined. */
async function checkFormKeys(trx: Knex.Transaction, orgId: string, keys: readonly string[]): Promise<void> {
  const defined = new Set((await listFieldDefinitions(trx, orgId)).map((definition) => definition.key));
  const unknown = keys.map((key, index) => ({ key, index })).filter(({ key }) => !defined.has(key));
  if (unknown.length > 0) {
    throw new Problem(422, 'unknown-field', 'No such field', {
      detail: `No field ${unknown.map(({ key }) => `“${key}”`).join(', ')} is defined.`,
      errors: unknown.map(({ key, index }) => ({ pointer: `/fieldKeys/${index}`, message: `There is no field “${key}”.` })),
    });
  }
}

/** What changed between two versions of a record, as `{ field: { from, to } }` for the audit log. */
function changesOf<T extends object>(before: T, after: T, keys: readonly (keyof T)[]): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map((key) => [key, { from: before[key], to: after[key] }]));
}

const definitionProblems = {
  404: { description: 'No such field in this organization', schema: ProblemSchema },
  422: { description: '`invalid-field-definition`: options missing for a select (or given for another type), or a condition on a field that does not exist', schema: ProblemSchema },
};

/**
 * Custom fields (definitions, admin CRUD; never deleted, archived instead), ticket forms, and
 * the form chosen for a ticket. Agents read definitions and forms to show a ticket's fields.
 */
export function fieldRoutes({ db }: ApiDeps) {
  const list = fields.get('/fields', {
    operationId: 'listFields', summary: "The organization's custom fields by position, archived ones included",
    responses: { 200: { description: 'Fields', schema: z.object({ data: z.array(FieldDefinitionSchema) }) } },
    async handler({ auth }) {
      return { status: 200, body: { data: await withTenant(db, auth, (trx) => listFieldDefinitions(trx, auth.orgId)) } };
    },
  });

  const create = fields.post('/fields', {
    access: manage, operationId: 'createField', summary: 'Define a custom field (its key and type never change afterwards)',
    body: CreateFieldBody,
    responses: { 201: { description: 'Created', schema: FieldDefinitionSchema }, 409: { description: 'Another field has that key', schema: ProblemSchema }, 422: definitionProblems[422] },
    async handler({ auth, body }) {
      const definition = await withTenant(db, auth, async (trx) => {
        const others = await listFieldDefinitions(trx, auth.orgId);
        const errors = definitionErrors(body, others);
        if (errors.length > 0) throw invalid(errors);
        const created: FieldDefinition = { id: randomUUID(), ...body, position: body.position ?? await nextFieldPosition(trx, auth.orgId), archived: false };
        await uniqueKey(insertFieldDefinition(trx, auth.orgId, created.id, created));
        await auditCaller(trx, auth, { action: 'field.created', entityType: 'field', entityId: created.id, data: { key: created.key, label: created.label, type: created.type, options: created.options, requiredOnSolve: created.requiredOnSolve, condition: created.condition } });
        return created;
      });
      return { status: 201, body: definition };
    },
  });

  const update = fields.patch('/fields/{id}', {
    access: manage, operationId: 'updateField', summary: "Change a field's label, options, required-on-solve, condition or position, or archive it (archived: true) or bring it back",
    params: FieldParams, body: UpdateFieldBody,
    responses: { 200: { description: 'The field', schema: FieldDefinitionSchema }, ...definitionProblems },
    async handler({ auth, params, body }) {
      const definition = await withTenant(db, auth, async (trx) => {
        const before = found(await findFieldDefinitionForUpdate(trx, auth.orgId, params.id), 'Field');
        const next: FieldDefinition = {
          ...before,
          label: body.label ?? before.label, options: body.options ?? before.options, requiredOnSolve: body.requiredOnSolve ?? before.requiredOnSolve,
          condition: body.condition === undefined ? before.condition : body.condition, position: body.position ?? before.position, archived: body.archived ?? before.archived,
        };
        const errors = definitionErrors(next, (await listFieldDefinitions(trx, auth.orgId)).filter((other) => other.id !== before.id));
        if (errors.length > 0) throw invalid(errors);
        const changes = changesOf(before, next, ['label', 'options', 'requiredOnSolve', 'condition', 'position', 'archived']);
        if (Object.keys(changes).length === 0) return before;
        await updateFieldDefinition(trx, auth.orgId, before.id, next);
        await auditCaller(trx, auth, { action: 'field.updated', entityType: 'field', entityId: before.id, data: { key: before.key, ...changes } });
        return next;
      });
      return { status: 200, body: definition };
    },
  });

  const listForms = fields.get('/ticket-forms', {
    operationId: 'listTicketForms', summary: "The organization's ticket forms by name",
    responses: { 200: { description: 'Forms', schema: z.object({ data: z.array(TicketFormSchema) }) } },
    async handler({ auth }) {
      return { status: 200, body: { data: await withTenant(db, auth, (trx) => listTicketForms(trx, auth.orgId)) } };
    },
  });

  const formProblems = {
    404: { description: 'No such form in this organization', schema: ProblemSchema },
    409: { description: 'Another form has that name', schema: ProblemSchema },
    422: { description: '`unknown-field`: the form names a field that is not defined', schema: ProblemSchema },
  };

  const createForm = fields.post('/ticket-forms', {
    access: manage, operationId: 'createTicketForm', summary: 'Create a ticket form: the fields a kind of ticket shows, in order (isDefault: the form of tickets with none chosen)',
    body: CreateFormBody,
    responses: { 201: { description: 'Created', schema: TicketFormSchema }, 409: formProblems[409], 422: formProblems[422] },
    async handler({ auth, body }) {
      const form: TicketForm = { id: randomUUID(), ...body };
      await withTenant(db, auth, async (trx) => {
        await checkFormKeys(trx, auth.orgId, form.fieldKeys);
        await uniqueFormName(insertTicketForm(trx, auth.orgId, form));
        await auditCaller(trx, auth, { action: 'ticket_form.created', entityType: 'ticket_form', entityId: form.id, data: { name: form.name, fieldKeys: form.fieldKeys, isDefault: form.isDefault } });
      });
      return { status: 201, body: form };
    },
  });

  const updateForm = fields.patch('/ticket-forms/{id}', {
    access: manage, operationId: 'updateTicketForm', summary: "Rename a form, change its fields or their order, or make it the default",
    params: FieldParams, body: UpdateFormBody,
    responses: { 200: { description: 'The form', schema: TicketFormSchema }, ...formProblems },
    async handler({ auth, params, body }) {
      const form = await withTenant(db, auth, async (trx) => {
        const before = found(await findTicketFormForUpdate(trx, auth.orgId, params.id), 'Form');
        const next: TicketForm = { ...before, name: body.name ?? before.name, fieldKeys: body.fieldKeys ?? before.fieldKeys, isDefault: body.isDefault ?? before.isDefault };
        if (body.fieldKeys) await checkFormKeys(trx, auth.orgId, body.fieldKeys);
        const changes = changesOf(before, next, ['name', 'fieldKeys', 'isDefault']);
        if (Object.keys(changes).length === 0) return before;
        await uniqueFormName(updateTicketForm(trx, auth.orgId, next));
        await auditCaller(trx, auth, { action: 'ticket_form.updated', entityType: 'ticket_form', entityId: before.id, data: changes });
        return next;
      });
      return { status: 200, body: form };
    },
  });

  const removeForm = fields.delete('/ticket-forms/{id}', {
    access: manage, operationId: 'deleteTicketForm', summary: 'Delete a form; tickets that had chosen it show the default form',
    params: FieldParams,
    responses: { 204: { description: 'Deleted' }, 404: formProblems[404] },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        const form = found(await findTicketFormForUpdate(trx, auth.orgId, params.id), 'Form');
        await deleteTicketForm(trx, auth.orgId, form.id);
        await auditCaller(trx, auth, { action: 'ticket_form.deleted', entityType: 'ticket_form', entityId: form.id, data: { name: form.name, fieldKeys: form.fieldKeys } });
      });
      return { status: 204 };
    },
  });

  const ticketForm = fields.get('/tickets/{number}/form', {
    operationId: 'getTicketForm', summary: 'The form chosen for a ticket, and the one it shows',
    params: TicketNumberParams,
    responses: { 200: { description: 'The choice', schema: TicketFormChoiceSchema } },
    async handler({ auth, params }) {
      const body = await withTenant(db, auth, async (trx) => {
        if (!(await findTicketRow(trx, auth.orgId, params.number))) throw notFound(`Ticket #${params.number}`);
        const formId = await chosenFormId(trx, auth.orgId, params.number);
        return { formId, effectiveFormId: effectiveForm(await listTicketForms(trx, auth.orgId), formId)?.id ?? null };
      });
      return { status: 200, body };
    },
  });

  const chooseTicketForm = fields.put('/tickets/{number}/form', {
    access: ACCESS.workTickets, operationId: 'chooseTicketForm', summary: "Choose the ticket's form (null: the default form)",
    params: TicketNumberParams, body: ChooseFormBody,
    responses: { 200: { description: 'The choice', schema: TicketFormChoiceSchema }, 422: { description: '`unknown-form`: not a form of this organization', schema: ProblemSchema } },
    async handler({ auth, params, body }) {
      const answer = await withTenant(db, auth, async (trx) => {
        if (!(await findTicketRow(trx, auth.orgId, params.number))) throw notFound(`Ticket #${params.number}`);
        const forms = await listTicketForms(trx, auth.orgId);
        if (body.formId !== null && !forms.some((form) => form.id === body.formId)) {
          throw new Problem(422, 'unknown-form', 'No such form', { errors: [{ pointer: '/formId', message: 'Not a form of this organization.' }] });
        }
        const before = await chosenFormId(trx, auth.orgId, params.number);
        if (before !== body.formId) {
          await chooseForm(trx, auth.orgId, params.number, body.formId, auth.userId);
          await auditCaller(trx, auth, { action: 'ticket.form_chosen', entityType: 'ticket', entityId: String(params.number), data: { from: before, to: body.formId } });
        }
        return { formId: body.formId, effectiveFormId: effectiveForm(forms, body.formId)?.id ?? null };
      });
      return { status: 200, body: answer };
    },
  });

  return [list, create, update, listForms, createForm, updateForm, removeForm, ticketForm, chooseTicketForm];
}
