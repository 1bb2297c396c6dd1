import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok } from '../api/client';
import type { Page, User } from '../api/types';

const AGENT_ROLES = new Set(['owner', 'admin', 'agent']);

/** The org's members, loaded once: who can be assigned, and names for ids. */
export const useMembersStore = defineStore('members', () => {
  const members = ref<User[]>([]);
  const loaded = ref(false);
  const agents = computed(() => members.value.filter((member) => AGENT_ROLES.has(member.role)));

  async function load(force = false): Promise<void> {
    if (loaded.value && !force) return;
    const all: User[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<User> = await ok(http.GET('/api/v1/users', { params: { query: { limit: 200, ...(cursor && { cursor }) } } }));
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    members.value = all;
    loaded.value = true;
  }

  return { members, agents, load };
});
