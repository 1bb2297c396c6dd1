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

/** A custom field's column: `field:<key>`, shown after the built-in columns in the order ticked. */
export type FieldColumn = `field:${string}`;
export const fieldColumn = (key: string): FieldColumn => `field:${key}`;
const isFieldColumn = (key: string): key is FieldColumn => /^field:[a-z][a-z0-9_]{0,62}$/.test(key);

const DEFAULT: (QueueColumn | FieldColumn)[] = ['requester', 'status', 'priority', 'sla', 'assignee', 'updated'];
const STORAGE_KEY = 'keel.queue.columns';
const KNOWN = new Set<string>(QUEUE_COLUMNS.map((column) => column.key));

function stored(): (QueueColumn | FieldColumn)[] {
  try {
    const saved: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(saved)) return saved.filter((key): key is QueueColumn | FieldColumn => typeof key === 'string' && (KNOWN.has(key) || isFieldColumn(key)));
  } catch {
    // a damaged entry falls back to the default columns
  }
  return DEFAULT;
}

/** Which columns this browser shows in the queue, remembered across visits. */
export function useQueueColumns() {
  const shown = ref<(QueueColumn | FieldColumn)[]>(stored());
  watch(shown, (columns) => localStorage.setItem(STORAGE_KEY, JSON.stringify(columns)), { deep: true });
  const isShown = (key: QueueColumn | FieldColumn) => shown.value.includes(key);
  function toggle(key: QueueColumn | FieldColumn): void {
    // Built-in columns keep QUEUE_COLUMNS' order, whatever order they are ticked in; field columns follow, as ticked.
    const next = isShown(key) ? shown.value.filter((k) => k !== key) : [...shown.value, key];
    shown.value = [...QUEUE_COLUMNS.map((column) => column.key).filter((k) => next.includes(k)), ...next.filter(isFieldColumn)];
  }
  /** The custom fields shown as columns, by key, in their order. */
  const fieldKeys = () => shown.value.filter(isFieldColumn).map((column) => column.slice('field:'.length));
  return { shown, isShown, toggle, fieldKeys, reset: () => { shown.value = [...DEFAULT]; } };
}
