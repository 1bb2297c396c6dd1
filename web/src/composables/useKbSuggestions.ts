import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { KbSuggestion } from '../api/kb-types';

/** Articles that may answer a ticket, and what the reply composer inserts from one. */
export function useKbSuggestions(number: () => number) {
  const suggestions = ref<KbSuggestion[]>([]);
  const error = ref<Error | null>(null);

  async function load(): Promise<void> {
    try {
      error.value = null;
      suggestions.value = (await ok(http.GET('/api/v1/tickets/{number}/kb-suggestions', { params: { path: { number: number() }, query: { limit: 5 } } }))).data;
    } catch (e) {
      error.value = e as Error;
    }
  }

  /** The article's Markdown, as the reply's text. */
  async function articleText(suggestion: KbSuggestion): Promise<string> {
    const article = await ok(http.GET('/api/v1/kb/articles/{id}', { params: { path: { id: suggestion.id }, query: { locale: suggestion.locale } } }));
    return article.body;
  }

  return { suggestions, error, load, articleText };
}

/** A suggestion as a line of the reply: its title and its public help-centre link. */
export function articleLink(suggestion: KbSuggestion): string {
  return `${suggestion.title}: ${suggestion.url}`;
}
