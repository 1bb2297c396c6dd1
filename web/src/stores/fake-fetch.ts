import { vi } from 'vitest';

/** A canned answer: a status and, but for 204, a JSON body. */
export interface CannedResponse { status: number; body?: unknown }

/**
 * For store and composable unit tests: a global fetch that answers each call with the next
 * canned response (an unexpected call gets a 500 problem) and records the calls it got.
 */
export function fakeFetch(...responses: CannedResponse[]) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init: RequestInit) => {
    calls.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(bodyText(init.body)) : undefined });
    const next = responses.shift() ?? { status: 500, body: { type: 'about:blank', title: 'unexpected call', status: 500 } };
    return new Response(next.status === 204 ? null : JSON.stringify(next.body), { status: next.status });
  }));
  return calls;
}

/** The console sends bodies as bytes (so an upload can be re-sent after a refresh); the fake reads them back as text. */
function bodyText(body: BodyInit): string {
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(body);
  if (ArrayBuffer.isView(body)) return new TextDecoder().decode(body);
  return String(body);
}
