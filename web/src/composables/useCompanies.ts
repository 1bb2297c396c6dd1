import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Company } from '../api/types';

/** What the company form edits. Domains are one string per domain; the API lower-cases and checks them. */
export interface CompanyDraft { name: string; domains: string[]; notes: string }

/** The org's companies, searched and a page at a time, with their create, edit and delete. */
export function useCompanies() {
  const companies = ref<Company[]>([]);
  const nextCursor = ref<string | null>(null);
  const query = ref('');

  /** The first page for the search (no cursor), or the next one appended. */
  async function load(cursor: string | null = null): Promise<void> {
    const q = query.value.trim();
    const page = await ok(http.GET('/api/v1/companies', { params: { query: { ...(q && { q }), ...(cursor && { cursor }) } } }));
    companies.value = cursor ? [...companies.value, ...page.data] : page.data;
    nextCursor.value = page.nextCursor;
  }

  /** Creates a company (no id) or changes one; answers it as saved and puts it in the list. */
  async function save(id: string | null, draft: CompanyDraft): Promise<Company> {
    const body = { name: draft.name, domains: draft.domains, notes: draft.notes };
    const saved = id === null
      ? await ok(http.POST('/api/v1/companies', { body }))
      : await ok(http.PATCH('/api/v1/companies/{id}', { params: { path: { id } }, body }));
    const at = companies.value.findIndex((company) => company.id === saved.id);
    companies.value = at < 0 ? [saved, ...companies.value] : companies.value.map((company) => (company.id === saved.id ? saved : company));
    return saved;
  }

  /** Deletes a company; the API refuses (409, saying why) while contacts or open tickets name it. */
  async function remove(id: string): Promise<void> {
    await ok(http.DELETE('/api/v1/companies/{id}', { params: { path: { id } } }));
    companies.value = companies.value.filter((company) => company.id !== id);
  }

  return { companies, nextCursor, query, load, save, remove };
}
