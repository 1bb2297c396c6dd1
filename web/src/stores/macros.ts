import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { AppliedMacro, Macro } from '../api/types';

/** The macros the signed-in agent may apply (the org's and their own), most used first. */
export const useMacrosStore = defineStore('macros', () => {
  const macros = ref<Macro[]>([]);

  async function load(): Promise<void> {
    macros.value = (await ok(http.GET('/api/v1/macros'))).data;
  }

  /** Applies one to a ticket: the server runs its actions as ticket commands and renders its reply. */
  async function apply(number: number, id: string): Promise<AppliedMacro> {
    const applied = await ok(http.POST('/api/v1/tickets/{number}/macros/{id}/apply', { params: { path: { number, id } } }));
    void load();
    return applied;
  }

  return { macros, load, apply };
});
