import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { Asset, AssetHistory, NewAsset } from '../api/types';

/** The assets list (searched by name, model or serial), an asset's maintenance history, new assets. */
export const useAssetsStore = defineStore('assets', () => {
  const assets = ref<Asset[]>([]);

  async function load(q = ''): Promise<void> {
    assets.value = (await ok(http.GET('/api/v1/assets', { params: { query: { limit: 200, ...(q && { q }) } } }))).data;
  }
  const history = (id: string): Promise<AssetHistory> => ok(http.GET('/api/v1/assets/{id}/history', { params: { path: { id } } }));

  async function create(asset: NewAsset): Promise<void> {
    await ok(http.POST('/api/v1/assets', { body: asset }));
  }

  return { assets, load, history, create };
});
