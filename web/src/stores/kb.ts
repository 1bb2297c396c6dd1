import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { KbArticle, KbArticleChanges, KbArticleStatus, KbArticleSummary, KbCategory, KbSearchHit, KbSection, NewKbArticle } from '../api/kb-types';

export interface KbListFilters {
  q: string;
  status?: KbArticleStatus | undefined;
  categoryId?: string | undefined;
  sectionId?: string | undefined;
  tag?: string | undefined;
  locale?: string | undefined;
}

/** An article row as the list shows it: from the list, or from a search hit (with its snippet). */
export interface KbListRow {
  id: string;
  title: string;
  status: KbArticleStatus;
  locale: string;
  tags: string[];
  snippet: string | null;
  updatedAt: string | null;
}

const fromSummary = (article: KbArticleSummary): KbListRow => ({ id: article.id, title: article.title, status: article.status, locale: article.locale, tags: article.tags, snippet: null, updatedAt: article.updatedAt });
const fromHit = (hit: KbSearchHit): KbListRow => ({ id: hit.id, title: hit.title, status: hit.status, locale: hit.locale, tags: hit.tags, snippet: hit.snippet, updatedAt: null });
const defined = <T extends object>(value: T) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;

/** The knowledge base as agents edit it: the article list (or search), filing, one article's reads and saves. */
export const useKbStore = defineStore('kb', () => {
  const rows = ref<KbListRow[]>([]);
  const categories = ref<KbCategory[]>([]);
  const sections = ref<KbSection[]>([]);
  /** What a new article starts from when it is written from a ticket's reply; taken once. */
  const seed = ref<{ title: string; body: string } | null>(null);
  const takeSeed = () => { const value = seed.value; seed.value = null; return value; };

  /** The list, most recently changed first; with words typed, the search's best matches instead. */
  async function list(filters: KbListFilters): Promise<void> {
    const { q, ...rest } = filters;
    if (q.trim()) {
      const found = await ok(http.GET('/api/v1/kb/search', { params: { query: { q: q.trim(), limit: 50, ...defined(rest) } } }));
      rows.value = found.data.map(fromHit);
    } else {
      const found = await ok(http.GET('/api/v1/kb/articles', { params: { query: { limit: 200, offset: 0, ...defined(rest) } } }));
      rows.value = found.data.map(fromSummary);
    }
  }

  async function loadFiling(): Promise<void> {
    const [c, s] = await Promise.all([ok(http.GET('/api/v1/kb/categories')), ok(http.GET('/api/v1/kb/sections'))]);
    categories.value = c.data;
    sections.value = s.data;
  }

  const get = (id: string, locale: string) => ok(http.GET('/api/v1/kb/articles/{id}', { params: { path: { id }, query: { locale } } }));
  const create = (article: NewKbArticle): Promise<KbArticle> => ok(http.POST('/api/v1/kb/articles', { body: article }));
  const save = (id: string, changes: KbArticleChanges): Promise<KbArticle> => ok(http.PATCH('/api/v1/kb/articles/{id}', { params: { path: { id } }, body: changes }));
  const preview = async (body: string): Promise<string> => (await ok(http.POST('/api/v1/kb/preview', { body: { body } }))).html;

  return { rows, categories, sections, seed, takeSeed, list, loadFiling, get, create, save, preview };
});
