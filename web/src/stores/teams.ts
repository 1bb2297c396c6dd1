import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Team } from '../api/types';
import { writeThenReload } from './write-then-reload';

/** What the teams settings page edits: a team without its id. */
export type TeamDraft = Omit<Team, 'id'>;

/** The org's teams (what SLA policies and rules can name), loaded once a session unless asked again; admins edit them. */
export const useTeamsStore = defineStore('teams', () => {
  const teams = ref<Team[]>([]);

  async function load(): Promise<void> {
    teams.value = (await ok(http.GET('/api/v1/teams'))).data;
  }
  const nameOf = (id: string) => teams.value.find((team) => team.id === id)?.name;

  /**
   * Creates a team (no id), or changes a saved one: its name, description and calendar, then its
   * members when they differ from `before`'s. Answers the team as the server has it.
   */
  async function save(id: string | null, draft: TeamDraft, before?: Team): Promise<Team> {
    if (id === null) return writeThenReload(ok(http.POST('/api/v1/teams', { body: draft })), load);
    const path = { params: { path: { id } } };
    return writeThenReload((async () => {
      let team = await ok(http.PATCH('/api/v1/teams/{id}', { ...path, body: { name: draft.name, description: draft.description, calendarId: draft.calendarId } }));
      const sameMembers = before !== undefined && before.memberIds.length === draft.memberIds.length && draft.memberIds.every((member) => before.memberIds.includes(member));
      if (!sameMembers) team = await ok(http.PUT('/api/v1/teams/{id}/members', { ...path, body: { memberIds: draft.memberIds } }));
      return team;
    })(), load);
  }

  /** Deletes a team; the API refuses (409, saying why) while tickets, policies, rules or macros count on it. */
  const remove = (id: string): Promise<void> => writeThenReload(ok(http.DELETE('/api/v1/teams/{id}', { params: { path: { id } } })), load);

  return { teams, load, nameOf, save, remove };
});
