import { ref, watch, type Ref } from 'vue';

/**
 * A list read page by page that follows a search box: `reload` reads the first page again (or
 * the one `cursor` names) and keeps a failure for the page to show, and typing in `query`
 * reloads a quarter-second after the last keystroke.
 */
export function useSearchedList(query: Ref<string>, load: (cursor: string | null) => Promise<unknown>) {
  const loadFailure = ref<Error | null>(null);
  async function reload(cursor: string | null = null): Promise<void> {
    loadFailure.value = null;
    try {
      await load(cursor);
    } catch (e) {
      loadFailure.value = e instanceof Error ? e : new Error(String(e));
    }
  }
  let typing: ReturnType<typeof setTimeout> | undefined;
  watch(query, () => {
    clearTimeout(typing);
    typing = setTimeout(() => void reload(), 250);
  });
  return { loadFailure, reload };
}
