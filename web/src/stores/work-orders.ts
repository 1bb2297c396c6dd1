import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { NewWorkOrder, WorkOrder, WorkOrderStatus } from '../api/types';

/** The work-order list the dispatcher filters by status, and new work orders. */
export const useWorkOrdersStore = defineStore('work-orders', () => {
  const workOrders = ref<WorkOrder[]>([]);
  const loading = ref(false);

  async function load(statuses: WorkOrderStatus[] = []): Promise<void> {
    loading.value = true;
    try {
      const status = statuses.join(',');
      workOrders.value = (await ok(http.GET('/api/v1/work-orders', { params: { query: { limit: 200, ...(status && { status }) } } }))).data;
    } finally {
      loading.value = false;
    }
  }

  const create = (workOrder: NewWorkOrder): Promise<WorkOrder> => ok(http.POST('/api/v1/work-orders', { body: workOrder }));

  return { workOrders, loading, load, create };
});
