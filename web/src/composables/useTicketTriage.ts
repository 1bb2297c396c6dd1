import { ref } from 'vue';
import { ApiError, http, ok } from '../api/client';
import type { TicketTriage, TriageLabelBody } from '../api/types';

/** A ticket's AI triage (null until it has run) and an agent's corrections of it. */
export function useTicketTriage(number: () => number) {
  const triage = ref<TicketTriage | null>(null);

  /** Reads it again; a ticket not yet triaged (404) shows none, any other failure too. */
  async function load(): Promise<void> {
    triage.value = await ok(http.GET('/api/v1/tickets/{number}/triage', { params: { path: { number: number() } } }))
      .catch((e: unknown) => { if (!(e instanceof ApiError)) throw e; return null; });
  }

  /** Stores the ticket's true label for the task; retraining learns from it. */
  async function correct(label: TriageLabelBody): Promise<void> {
    await ok(http.POST('/api/v1/tickets/{number}/triage/labels', { params: { path: { number: number() } }, body: label }));
    await load();
  }

  return { triage, load, correct };
}
