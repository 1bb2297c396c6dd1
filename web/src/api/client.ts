/** Keel's HTTP API for the console: openapi-fetch typed by the generated schema, bearer auth, one refresh on 401, RFC 9457 errors. */
import createClient from 'openapi-fetch';
import { ApiError, type ProblemDetails } from './problem';
import type { paths } from './schema';

export { ApiError, type ProblemDetails } from './problem';

/** The access token's holder; the refresh token is an HttpOnly cookie this code never sees. */
export interface TokenStore {
  accessToken(): string | null;
  update(tokens: { accessToken: string }): void;
  expired(): void;
}

/** Requests are built on the page's origin (a fixed one where there is no page, as in unit tests). */
const ORIGIN = globalThis.location?.origin ?? 'http://localhost';

let tokens: TokenStore | null = null;
export function useTokenStore(store: TokenStore): void { tokens = store; }

/**
 * The one fetch every console call goes through (typed calls and the technician outbox):
 * adds the access token, refreshes the session once on a 401 and sends the request again.
 * The request is sent by path (same origin), so its body is read once and can be re-sent.
 */
export async function keelFetch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  // As bytes, so a file upload is sent again unchanged (JSON bodies are bytes too).
  const bytes = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  const body = bytes && bytes.byteLength > 0 ? bytes : undefined;
  const send = (access: string | null | undefined) => {
    const headers = new Headers(request.headers);
    if (access) headers.set('authorization', `Bearer ${access}`);
    return fetch(`${url.pathname}${url.search}`, { method: request.method, headers, ...(body && { body }) });
  };
  const access = tokens?.accessToken();
  const response = await send(access);
  if (response.status !== 401 || !access) return response;
  const retried = (await refresh()) ? await send(tokens?.accessToken()) : response;
  if (retried.status === 401) tokens?.expired();
  return retried;
}

/** The typed client: `http.GET('/api/v1/tickets/{number}', { params: { path: { number } } })`. */
export const http = createClient<paths>({ baseUrl: ORIGIN, fetch: keelFetch });

/** A call's data, or its problem thrown as an `ApiError` (what `ProblemAlert` shows). */
export async function ok<D>(call: Promise<{ data?: D; error?: unknown; response: Response }>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(asProblem(error, response));
  return data as D;
}

function asProblem(error: unknown, response: Response): ProblemDetails {
  const fallback = { type: 'about:blank', title: response.statusText || `HTTP ${response.status}`, status: response.status };
  return error && typeof error === 'object' && 'title' in error ? (error as ProblemDetails) : fallback;
}

let refreshing: Promise<boolean> | null = null;
/** One refresh at a time: rotation makes a refresh token single-use. The browser sends the refresh cookie. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (!response.ok) return false;
    const { accessToken } = (await response.json()) as { accessToken: string };
    tokens?.update({ accessToken });
    return true;
  })().finally(() => { refreshing = null; });
  return refreshing;
}

/** A request by path under /api/v1 through `keelFetch`, answered as the raw Response (the technician outbox reads status and body itself). */
export function sendRequest(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const init = { method, headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) };
  return keelFetch(new Request(new URL(`/api/v1${path}`, ORIGIN), init));
}

/** Seconds since the epoch at which a JWT expires (0 when it cannot be read). */
function expiryOf(token: string): number {
  try {
    const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: number };
    return payload.exp ?? 0;
  } catch {
    return 0;
  }
}

/**
 * An access token for the WebSocket handshake, which cannot refresh on a 401 as `keelFetch`
 * does: one about to expire (or already expired) is refreshed first.
 */
export async function socketToken(): Promise<string | null> {
  const current = tokens?.accessToken() ?? null;
  if (current && expiryOf(current) * 1000 > Date.now() + 30_000) return current;
  if (!current || !(await refresh())) return null;
  return tokens?.accessToken() ?? null;
}
