import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { AppliedMacro, Macro, MacroBody } from '../api/types';
import { writeThenReload } from './write-then-reload';

/** The macros the signed-in agent may apply (the org's and their own), most used first. */
export const useMacrosStore = defineStore('macros', () => {
  const macros = ref<Macro[]>([]);

  async function load(): Promise<void> {
    macros.value = (await ok(http.GET('/api/v1/macros'))).data;
  }

  /** Creates (no id) or rewrites a macro: the org's (owners and admins) or the caller's own. */
  const save = (id: string | null, macro: MacroBody): Promise<Macro> =>
    writeThenReload(ok(id ? http.PUT('/api/v1/macros/{id}', { params: { path: { id } }, body: macro }) : http.POST('/api/v1/macros', { body: macro })), load);
  const remove = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/macros/{id}', { params: { path: { id } } })), load);

  /** Applies one to a ticket: the server runs its actions as ticket commands and renders its reply. */
  async function apply(number: number, id: string): Promise<AppliedMacro> {
    const applied = await ok(http.POST('/api/v1/tickets/{number}/macros/{id}/apply', { params: { path: { number, id } } }));
    void load();
    return applied;
  }

  return { macros, load, save, remove, apply };
});
