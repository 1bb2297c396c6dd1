import { ref, watch } from 'vue';
import { http, ok } from '../api/client';
import type { Contact, RequestBody } from '../api/types';

export type ContactChange = RequestBody<'updateContact'>;

/** The org's contacts, searched (and kept to one company when `companyId` is set), a page at a time, and their edits. */
export function useContacts(companyId: () => string | null = () => null) {
  const contacts = ref<Contact[]>([]);
  const nextCursor = ref<string | null>(null);
  const query = ref('');

  /** The first page for the search (no cursor), or the next one appended. */
  async function load(cursor: string | null = null): Promise<void> {
    const q = query.value.trim();
    const company = companyId();
    const page = await ok(http.GET('/api/v1/contacts', { params: { query: { ...(q && { q }), ...(company && { companyId: company }), ...(cursor && { cursor }) } } }));
    contacts.value = cursor ? [...contacts.value, ...page.data] : page.data;
    nextCursor.value = page.nextCursor;
  }

  /** Changes a contact; answers it as saved and puts it in the list. */
  async function save(id: string, change: ContactChange): Promise<Contact> {
    const saved = await ok(http.PATCH('/api/v1/contacts/{id}', { params: { path: { id } }, body: change }));
    contacts.value = contacts.value.map((contact) => (contact.id === saved.id ? saved : contact));
    return saved;
  }

  return { contacts, nextCursor, query, load, save };
}

/** One contact, read again whenever `id` changes; null while loading or when it cannot be read. */
export function useContact(id: () => string) {
  const contact = ref<Contact | null>(null);
  watch(id, async (current) => {
    contact.value = null;
    contact.value = await ok(http.GET('/api/v1/contacts/{id}', { params: { path: { id: current } } })).catch(() => null);
  }, { immediate: true });
  return { contact };
}
