import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

/** A change made in the technician app, waiting to reach the server (or refused by it). */
export interface OutboxEntry {
  id?: number;
  /** Sent as the Idempotency-Key: a change re-sent after a lost response is applied once. */
  key: string;
  workOrder: number | null;
  method: 'POST';
  path: string;
  body: unknown;
  label: string;
  createdAt: string;
  state: 'pending' | 'rejected';
  problem?: { title: string; detail?: string; status: number };
}

interface TechDb extends DBSchema {
  outbox: { key: number; value: OutboxEntry; indexes: { state: string } };
  cache: { key: string; value: { key: string; value: unknown; savedAt: string } };
}

let db: Promise<IDBPDatabase<TechDb>> | null = null;

function open(): Promise<IDBPDatabase<TechDb>> {
  db ??= openDB<TechDb>('keel-tech', 1, {
    upgrade(database) {
      const outbox = database.createObjectStore('outbox', { keyPath: 'id', autoIncrement: true });
      outbox.createIndex('state', 'state');
      database.createObjectStore('cache', { keyPath: 'key' });
    },
  });
  return db;
}

export async function enqueue(entry: Omit<OutboxEntry, 'id' | 'state' | 'createdAt'>): Promise<void> {
  await (await open()).add('outbox', { ...entry, state: 'pending', createdAt: new Date().toISOString() });
}

/** Every entry, oldest first: pending ones are sent in this order. */
export async function entries(): Promise<OutboxEntry[]> {
  return (await open()).getAll('outbox');
}

export async function remove(id: number): Promise<void> {
  await (await open()).delete('outbox', id);
}

export async function reject(entry: OutboxEntry, problem: NonNullable<OutboxEntry['problem']>): Promise<void> {
  await (await open()).put('outbox', { ...entry, state: 'rejected', problem });
}

export async function cachePut(key: string, value: unknown): Promise<void> {
  // Reactive proxies cannot be stored: keep a plain copy.
  await (await open()).put('cache', { key, value: JSON.parse(JSON.stringify(value)) as unknown, savedAt: new Date().toISOString() });
}

export async function cacheGet<T>(key: string): Promise<T | null> {
  const row = await (await open()).get('cache', key);
  return row ? (row.value as T) : null;
}
