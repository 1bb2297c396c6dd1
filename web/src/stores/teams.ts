import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Team } from '../api/types';

/** The org's teams (what SLA policies and rules can name), loaded once a session unless asked again. */
export const useTeamsStore = defineStore('teams', () => {
  const teams = ref<Team[]>([]);

  async function load(): Promise<void> {
    teams.value = (await ok(http.GET('/api/v1/teams'))).data;
  }
  const nameOf = (id: string) => teams.value.find((team) => team.id === id)?.name;

  return { teams, load, nameOf };
});
