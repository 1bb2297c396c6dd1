import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok } from '../api/client';
import type { Technician } from '../api/types';

/** The org's technicians: the field-service list, and names for the ids plans and work orders carry. */
export const useTechniciansStore = defineStore('technicians', () => {
  const technicians = ref<Technician[]>([]);
  const names = computed<Record<string, string>>(() => Object.fromEntries(technicians.value.map((tech) => [tech.id, tech.user.name])));

  async function load(): Promise<void> {
    technicians.value = (await ok(http.GET('/api/v1/technicians'))).data;
  }

  return { technicians, names, load };
});
