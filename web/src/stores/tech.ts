import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { http, ok, sendRequest } from '../api/client';
import type { InventoryItem, Technician, WorkOrder } from '../api/types';
import { cacheGet, cachePut, enqueue, entries, reject, remove, type OutboxEntry } from './tech-outbox';

function newKey(): string {
  return crypto.randomUUID();
}

/**
 * The technician app's data: today's jobs and their details, cached in IndexedDB so the app
 * works without a network, and an outbox of changes sent in order with Idempotency-Keys once
 * the network is back. A change the server refuses stays in the outbox, marked and shown.
 */
export const useTechStore = defineStore('tech', () => {
  const me = ref<Technician | null>(null);
  const jobs = ref<WorkOrder[]>([]);
  const details = ref<Record<number, WorkOrder>>({});
  const history = ref<Record<string, WorkOrder[]>>({});
  const items = ref<InventoryItem[]>([]);
  const outbox = ref<OutboxEntry[]>([]);
  const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine);
  const syncing = ref(false);
  const fromCache = ref(false);
  const pending = computed(() => outbox.value.filter((entry) => entry.state === 'pending'));
  const rejected = computed(() => outbox.value.filter((entry) => entry.state === 'rejected'));

  async function refreshOutbox(): Promise<void> {
    outbox.value = await entries();
  }

  /** A read from the server, kept for offline use; offline (or the network failing), the kept copy. */
  async function fetchOrCache<T>(key: string, read: () => Promise<T>): Promise<T | null> {
    if (online.value) {
      try {
        const value = await read();
        await cachePut(key, value);
        return value;
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
      }
    }
    fromCache.value = true;
    return cacheGet<T>(key);
  }

  async function load(): Promise<void> {
    fromCache.value = false;
    me.value = await fetchOrCache<Technician>('me', () => ok(http.GET('/api/v1/technicians/me')));
    items.value = (await fetchOrCache<{ data: InventoryItem[] }>('items', () => ok(http.GET('/api/v1/inventory/items'))))?.data ?? [];
    const today = (await fetchOrCache<{ data: WorkOrder[] }>('jobs', () => ok(http.GET('/api/v1/technicians/me/jobs'))))?.data ?? [];
    // Local changes not yet sent stay visible over the server's copy.
    jobs.value = today.map((job) => (hasPending(job.number) && details.value[job.number]) || job);
    for (const job of today) if (!details.value[job.number]) details.value[job.number] = job;
    await refreshOutbox();
  }

  async function loadJob(number: number): Promise<void> {
    const job = hasPending(number) ? null : await fetchOrCache<WorkOrder>(`wo:${number}`, () => ok(http.GET('/api/v1/work-orders/{number}', { params: { path: { number } } })));
    if (job) details.value[number] = job;
    else if (!details.value[number]) {
      const cached = await cacheGet<WorkOrder>(`wo:${number}`);
      if (cached) details.value[number] = cached;
    }
    const assetId = details.value[number]?.asset?.id;
    if (assetId) {
      const past = await fetchOrCache<{ workOrders: WorkOrder[] }>(`asset:${assetId}`, () => ok(http.GET('/api/v1/assets/{id}/history', { params: { path: { id: assetId } } }))).catch(() => null);
      history.value[assetId] = (past?.workOrders ?? []).filter((entry) => entry.number !== number);
    }
  }

  function hasPending(number: number): boolean {
    return outbox.value.some((entry) => entry.workOrder === number && entry.state === 'pending');
  }

  function keep(job: WorkOrder): void {
    details.value[job.number] = job;
    jobs.value = jobs.value.map((entry) => (entry.number === job.number ? job : entry));
    void cachePut(`wo:${job.number}`, job);
    void cachePut('jobs', { data: jobs.value });
  }

  /** Records a change: shown at once, queued, and sent now if the network allows. */
  async function change(number: number, path: string, body: unknown, label: string, optimistic: (job: WorkOrder) => WorkOrder): Promise<void> {
    await enqueue({ key: newKey(), workOrder: number, method: 'POST', path, body, label });
    const job = details.value[number];
    if (job) keep(optimistic(JSON.parse(JSON.stringify(job)) as WorkOrder));
    await refreshOutbox();
    void flush();
  }

  /**
   * One outbox entry through the console's fetch (its token and refresh), with the entry's
   * Idempotency-Key. Entries are kept (in IndexedDB, across app versions) as the resolved
   * path and body they were recorded with, so they are sent as such rather than re-typed.
   */
  function send(entry: OutboxEntry): Promise<Response> {
    return sendRequest(entry.method, entry.path, entry.body, { 'Idempotency-Key': entry.key });
  }

  /** Sends pending changes in order. Stops at the first network failure; a refusal is kept and shown. */
  async function flush(): Promise<void> {
    if (syncing.value || !online.value) return;
    syncing.value = true;
    let sent = 0;
    try {
      for (const entry of await entries()) {
        if (entry.state !== 'pending' || entry.id === undefined) continue;
        let response: Response;
        try {
          response = await send(entry);
        } catch {
          break; // offline again: keep it for later
        }
        if (response.status >= 500) break;
        const payload = response.status === 204 ? null : await response.json().catch(() => null);
        if (response.ok) {
          await remove(entry.id);
          if (payload && typeof payload === 'object' && 'number' in payload) keep(payload as WorkOrder);
          sent++;
        } else {
          const problem = payload as { title?: string; detail?: string } | null;
          await reject(entry, { status: response.status, title: problem?.title ?? response.statusText, ...(problem?.detail && { detail: problem.detail }) });
        }
        await refreshOutbox();
      }
    } finally {
      syncing.value = false;
      await refreshOutbox();
    }
    if (sent > 0) await load().catch(() => undefined);
  }

  async function discard(entry: OutboxEntry): Promise<void> {
    if (entry.id !== undefined) await remove(entry.id);
    await refreshOutbox();
    if (entry.workOrder !== null) await loadJob(entry.workOrder).catch(() => undefined);
  }

  function setOnline(value: boolean): void {
    online.value = value;
    if (value) void flush();
  }

  // Location: pings are batched and sent through the outbox like any other change.
  let pings: { lat: number; lng: number; accuracy: number | null; recordedAt: string }[] = [];
  let watch: number | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  function startTracking(intervalMs = 60_000): void {
    if (watch !== null || typeof navigator === 'undefined' || !navigator.geolocation) return;
    watch = navigator.geolocation.watchPosition(
      (position) => {
        pings.push({ lat: position.coords.latitude, lng: position.coords.longitude, accuracy: position.coords.accuracy ?? null, recordedAt: new Date(position.timestamp).toISOString() });
      },
      () => undefined,
      { enableHighAccuracy: true, maximumAge: 30_000 },
    );
    timer = setInterval(() => void sendPings(), intervalMs);
  }

  async function sendPings(): Promise<void> {
    if (pings.length === 0) return;
    const batch = pings.splice(0, 500);
    await enqueue({ key: newKey(), workOrder: null, method: 'POST', path: '/technicians/me/positions', body: { pings: batch }, label: `Location (${batch.length})` });
    await refreshOutbox();
    void flush();
  }

  function stopTracking(): void {
    if (watch !== null) navigator.geolocation.clearWatch(watch);
    if (timer !== null) clearInterval(timer);
    watch = timer = null;
    pings = [];
  }

  return {
    me, jobs, details, history, items, outbox, pending, rejected, online, syncing, fromCache,
    load, loadJob, change, flush, discard, setOnline, startTracking, stopTracking, sendPings, refreshOutbox,
  };
});
