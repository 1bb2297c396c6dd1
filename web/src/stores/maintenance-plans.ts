import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { MaintenancePlan, NewMaintenancePlan } from '../api/types';

/** The maintenance plans of the asset open in the assets page: create, pause, resume, delete. */
export const useMaintenancePlansStore = defineStore('maintenance-plans', () => {
  const plans = ref<MaintenancePlan[]>([]);
  const assetId = ref<string | null>(null);

  /** Plans as listed carry no next runs: each is read once to show when it runs next. */
  async function load(asset: string): Promise<void> {
    assetId.value = asset;
    const listed = (await ok(http.GET('/api/v1/maintenance-plans', { params: { query: { assetId: asset } } }))).data;
    const detailed = await Promise.all(listed.map((plan) => ok(http.GET('/api/v1/maintenance-plans/{id}', { params: { path: { id: plan.id } } }))));
    if (assetId.value === asset) plans.value = detailed;
  }

  function replace(saved: MaintenancePlan): MaintenancePlan {
    const at = plans.value.findIndex((plan) => plan.id === saved.id);
    if (at >= 0) plans.value.splice(at, 1, saved);
    else plans.value.push(saved);
    return saved;
  }

  const create = async (body: NewMaintenancePlan) => replace(await ok(http.POST('/api/v1/maintenance-plans', { body })));

  async function setPaused(id: string, paused: boolean): Promise<MaintenancePlan> {
    const params = { params: { path: { id } } };
    return replace(await ok(paused ? http.POST('/api/v1/maintenance-plans/{id}/pause', params) : http.POST('/api/v1/maintenance-plans/{id}/resume', params)));
  }

  async function remove(id: string): Promise<void> {
    await ok(http.DELETE('/api/v1/maintenance-plans/{id}', { params: { path: { id } } }));
    plans.value = plans.value.filter((plan) => plan.id !== id);
  }

  return { plans, load, create, setPaused, remove };
});
