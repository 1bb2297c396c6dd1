import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { KbArticle, KbArticleDiff, KbArticleVersion } from '../api/kb-types';

/** One article translation's history: its versions, the diff of two, restoring one. */
export const useKbHistoryStore = defineStore('kb-history', () => {
  const versions = ref<KbArticleVersion[]>([]);
  const diff = ref<KbArticleDiff | null>(null);

  async function load(id: string, locale: string): Promise<void> {
    versions.value = (await ok(http.GET('/api/v1/kb/articles/{id}/versions', { params: { path: { id }, query: { locale } } }))).data;
    diff.value = null;
  }

  async function compare(id: string, locale: string, from: number, to: number): Promise<void> {
    diff.value = await ok(http.GET('/api/v1/kb/articles/{id}/diff', { params: { path: { id }, query: { locale, from, to } } }));
  }

  /** Restores a version as a new one, then reads the history again. */
  async function restore(id: string, locale: string, version: number): Promise<KbArticle> {
    const restored = await ok(http.POST('/api/v1/kb/articles/{id}/versions/{version}/restore', { params: { path: { id, version } }, body: { locale } }));
    await load(id, locale);
    return restored;
  }

  return { versions, diff, load, compare, restore };
});
