import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok } from '../api/client';
import type { FieldDefinition, RequestBody, TicketForm } from '../api/types';
import { writeThenReload } from './write-then-reload';

export type FieldDraft = RequestBody<'createField'>;
export type FormDraft = Omit<TicketForm, 'id'>;

/**
 * The org's custom fields and ticket forms: what the ticket page shows, the queue offers as
 * columns and filters, and admins edit under Settings → Fields. Loaded once a session unless
 * asked again.
 */
export const useCustomFieldsStore = defineStore('custom-fields', () => {
  const fields = ref<FieldDefinition[]>([]);
  const forms = ref<TicketForm[]>([]);
  const loaded = ref(false);
  const active = computed(() => fields.value.filter((field) => !field.archived));

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return;
    const [definitions, ticketForms] = await Promise.all([ok(http.GET('/api/v1/fields')), ok(http.GET('/api/v1/ticket-forms'))]);
    fields.value = definitions.data;
    forms.value = ticketForms.data;
    loaded.value = true;
  }
  const reload = () => load(true);
  const byKey = (key: string) => fields.value.find((field) => field.key === key);

  /** Defines a field (no id), or changes a saved one (never its key or type). */
  function saveField(id: string | null, draft: FieldDraft): Promise<FieldDefinition> {
    if (id === null) return writeThenReload(ok(http.POST('/api/v1/fields', { body: draft })), reload);
    const { label, options, requiredOnSolve, condition, position } = draft;
    return writeThenReload(ok(http.PATCH('/api/v1/fields/{id}', { params: { path: { id } }, body: { label, options, requiredOnSolve, condition, position } })), reload);
  }
  const setArchived = (id: string, archived: boolean) =>
    writeThenReload(ok(http.PATCH('/api/v1/fields/{id}', { params: { path: { id } }, body: { archived } })), reload);

  function saveForm(id: string | null, draft: FormDraft): Promise<TicketForm> {
    if (id === null) return writeThenReload(ok(http.POST('/api/v1/ticket-forms', { body: draft })), reload);
    return writeThenReload(ok(http.PATCH('/api/v1/ticket-forms/{id}', { params: { path: { id } }, body: draft })), reload);
  }
  const removeForm = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/ticket-forms/{id}', { params: { path: { id } } })), reload);

  /** The form chosen for a ticket (null: it shows the default form). */
  const chosenForm = async (number: number): Promise<string | null> =>
    (await ok(http.GET('/api/v1/tickets/{number}/form', { params: { path: { number } } }))).formId;
  const chooseForm = async (number: number, formId: string | null): Promise<string | null> =>
    (await ok(http.PUT('/api/v1/tickets/{number}/form', { params: { path: { number } }, body: { formId } }))).formId;

  return { fields, forms, active, loaded, load, byKey, saveField, setArchived, saveForm, removeForm, chosenForm, chooseForm };
});
