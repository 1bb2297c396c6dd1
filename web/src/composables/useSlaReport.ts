import { ref } from 'vue';
import { http, ok } from '../api/client';
import type { SlaReport } from '../api/types';

/** SLA compliance over [from, to) in the reader's time zone (dates as YYYY-MM-DD). */
export function useSlaReport() {
  const report = ref<SlaReport | null>(null);
  const loading = ref(false);
  const error = ref<Error | null>(null);

  async function load(from: string, to: string, timeZone: string): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      report.value = await ok(http.GET('/api/v1/reports/sla', { params: { query: { from, to, timeZone } } }));
    } catch (e) {
      error.value = e as Error;
    } finally {
      loading.value = false;
    }
  }

  return { report, loading, error, load };
}
