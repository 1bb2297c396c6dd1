import { defineStore } from 'pinia';
import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { KbReport } from '../api/kb-types';

/** The knowledge-base report over a period (the last 30 days by default). */
export const useKbReportStore = defineStore('kb-report', () => {
  const report = ref<KbReport | null>(null);

  async function load(period: { from?: string; to?: string } = {}): Promise<void> {
    report.value = await ok(http.GET('/api/v1/kb/report', { params: { query: period } }));
  }

  return { report, load };
});
