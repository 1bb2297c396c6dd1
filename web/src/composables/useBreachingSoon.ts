import { ref, type Ref } from 'vue';
import { http, ok } from '../api/client';
import type { Ticket } from '../api/types';
import { bySoonestDue } from '../domain/sla';

const UNSOLVED = 'new,open,pending,on_hold';

/** The unsolved tickets an SLA already caught, and those it will catch within `within` seconds, soonest first. */
export function useBreachingSoon(within: Ref<number>) {
  const breached = ref<Ticket[]>([]);
  const soon = ref<Ticket[]>([]);
  const loading = ref(true);
  const error = ref<Error | null>(null);

  const fetchTickets = async (sla: string) =>
    (await ok(http.GET('/api/v1/tickets', { params: { query: { sla, status: UNSOLVED, limit: 200 } } }))).data;

  async function load(): Promise<void> {
    error.value = null;
    try {
      const [late, due] = await Promise.all([fetchTickets('breached'), fetchTickets(`due_within:${within.value}`)]);
      breached.value = bySoonestDue(late);
      soon.value = bySoonestDue(due);
    } catch (e) {
      error.value = e as Error;
    } finally {
      loading.value = false;
    }
  }

  return { breached, soon, loading, error, load };
}
