import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { StockLevel } from '../api/types';

/** Stock levels per part and location, and the counted quantities a stock take sets. */
export const useInventoryStore = defineStore('inventory', () => {
  const stock = ref<StockLevel[]>([]);

  async function loadStock(): Promise<void> {
    stock.value = (await ok(http.GET('/api/v1/inventory/stock'))).data;
  }

  async function setQuantity(row: Pick<StockLevel, 'itemId' | 'locationId'>, quantity: number): Promise<void> {
    await ok(http.PUT('/api/v1/inventory/stock', { body: { itemId: row.itemId, locationId: row.locationId, quantity } }));
    await loadStock();
  }

  return { stock, loadStock, setQuantity };
});
