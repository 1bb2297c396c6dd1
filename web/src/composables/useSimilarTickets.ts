import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { SimilarTicket } from '../api/types';

/** Suggested replies: solved tickets like this one, with the reply that answered each. */
export function useSimilarTickets(number: () => number) {
  const similar = ref<SimilarTicket[]>([]);
  const error = ref<Error | null>(null);

  async function load(): Promise<void> {
    try {
      error.value = null;
      similar.value = (await ok(http.GET('/api/v1/tickets/{number}/similar', { params: { path: { number: number() }, query: { limit: 3 } } }))).data;
    } catch (e) {
      error.value = e as Error;
    }
  }

  return { similar, error, load };
}
