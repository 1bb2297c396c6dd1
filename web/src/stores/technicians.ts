import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok } from '../api/client';
import type { StockLocation, Technician } from '../api/types';
import type { TechnicianBody } from '../domain/technician-draft';

/**
 * The org's technicians: the field-service list, names for the ids plans and work orders
 * carry, and a dispatcher's edits of their records (each saved record replaces the listed one).
 */
export const useTechniciansStore = defineStore('technicians', () => {
  const technicians = ref<Technician[]>([]);
  const vans = ref<StockLocation[]>([]);
  const names = computed<Record<string, string>>(() => Object.fromEntries(technicians.value.map((tech) => [tech.id, tech.user.name])));

  async function load(): Promise<void> {
    technicians.value = (await ok(http.GET('/api/v1/technicians'))).data;
  }

  async function loadVans(): Promise<void> {
    vans.value = (await ok(http.GET('/api/v1/inventory/locations'))).data.filter((location) => location.kind === 'van');
  }

  function replace(saved: Technician): Technician {
    const at = technicians.value.findIndex((tech) => tech.id === saved.id);
    if (at >= 0) technicians.value.splice(at, 1, saved);
    else technicians.value.push(saved);
    return saved;
  }

  /** Makes a member (role technician) a technician. */
  async function create(userId: string, body: TechnicianBody): Promise<Technician> {
    const { active: _active, ...record } = body;
    return replace(await ok(http.POST('/api/v1/technicians', { body: { userId, ...record } })));
  }

  async function update(id: string, body: TechnicianBody): Promise<Technician> {
    return replace(await ok(http.PATCH('/api/v1/technicians/{id}', { params: { path: { id } }, body })));
  }

  return { technicians, vans, names, load, loadVans, create, update };
});
