import { ref, watch } from 'vue';

/** The queue's optional columns, in the order they are shown; number and subject are always there. */
export const QUEUE_COLUMNS = [
  { key: 'requester', label: 'Requester' },
  { key: 'status', label: 'Status' },
  { key: 'priority', label: 'Priority' },
  { key: 'sla', label: 'SLA' },
  { key: 'assignee', label: 'Assignee' },
  { key: 'channel', label: 'Channel' },
  { key: 'created', label: 'Created' },
  { key: 'updated', label: 'Updated' },
] as const;
export type QueueColumn = (typeof QUEUE_COLUMNS)[number]['key'];

const DEFAULT: QueueColumn[] = ['requester', 'status', 'priority', 'sla', 'assignee', 'updated'];
const STORAGE_KEY = 'keel.queue.columns';
const KNOWN = new Set<string>(QUEUE_COLUMNS.map((column) => column.key));

function stored(): QueueColumn[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(saved)) return saved.filter((key): key is QueueColumn => typeof key === 'string' && KNOWN.has(key));
  } catch {
    // a damaged entry falls back to the default columns
  }
  return DEFAULT;
}

/** Which columns this browser shows in the queue, remembered across visits. */
export function useQueueColumns() {
  const shown = ref<QueueColumn[]>(stored());
  watch(shown, (columns) => localStorage.setItem(STORAGE_KEY, JSON.stringify(columns)), { deep: true });
  const isShown = (key: QueueColumn) => shown.value.includes(key);
  function toggle(key: QueueColumn): void {
    // Kept in QUEUE_COLUMNS' order, whatever order they are ticked in.
    const next = isShown(key) ? shown.value.filter((k) => k !== key) : [...shown.value, key];
    shown.value = QUEUE_COLUMNS.map((column) => column.key).filter((k) => next.includes(k));
  }
  return { shown, isShown, toggle, reset: () => { shown.value = [...DEFAULT]; } };
}
