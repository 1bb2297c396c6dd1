import { randomUUID } from 'node:crypto';

const RETRIES = 6;

/** A small client for the public HTTP API, as the demo seed uses it. */
export interface DemoApi {
  token: string;
  call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  expect<T = Record<string, unknown>>(status: number, method: string, path: string, body?: unknown): Promise<T>;
  as(token: string): DemoApi;
}

export function demoClient(baseUrl: string, token = ''): DemoApi {
  const api: DemoApi = {
    token,
    async call(method, path, body) {
      // A command the workflow service did not answer in time is sent again with the same key, so it applies once.
      const key = randomUUID();
      for (let attempt = 1; ; attempt++) {
        const response = await fetch(`${baseUrl}/api/v1${path}`, {
          method,
          headers: {
            'content-type': 'application/json', ...(api.token && { authorization: `Bearer ${api.token}` }), ...(method !== 'GET' && { 'idempotency-key': key }),
          },
          ...(body !== undefined && { body: JSON.stringify(body) }),
        });
        const text = await response.text();
        if (response.status === 503 && attempt < RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
          continue;
        }
        return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
      }
    },
    async expect<T>(status: number, method: string, path: string, body?: unknown): Promise<T> {
      const result = await api.call(method, path, body);
      if (result.status !== status) throw new Error(`demo seed: ${method} ${path} → ${result.status} ${JSON.stringify(result.body)}`);
      return result.body as T;
    },
    as: (other) => demoClient(baseUrl, other),
  };
  return api;
}

/** Runs `work` over `items` with at most `limit` in flight, keeping the results in order. */
export async function inPool<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(pick(items, index), index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** Polls `read` until `done` holds, or fails after `timeoutMs`. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`demo seed: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** `list[index % list.length]`, for the seed's round-robin picks from lists it knows are not empty. */
export function pick<T>(list: readonly T[], index: number): T {
  const item = list[index % list.length];
  if (item === undefined) throw new Error('demo seed: picked from an empty list');
  return item;
}
