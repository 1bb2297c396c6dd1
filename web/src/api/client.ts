/** Typed access to Keel's HTTP API: bearer auth, one refresh on 401, RFC 9457 errors. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { pointer: string; message: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(readonly problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
  }
  get status(): number { return this.problem.status; }
  /** The problem type's last segment, e.g. `otp-required`. */
  get kind(): string { return this.problem.type.split('/').pop() ?? ''; }
}

/** The access token's holder; the refresh token is an HttpOnly cookie this code never sees. */
export interface TokenStore {
  accessToken(): string | null;
  update(tokens: { accessToken: string }): void;
  expired(): void;
}

let tokens: TokenStore | null = null;
export function useTokenStore(store: TokenStore): void { tokens = store; }

export async function api<T>(method: string, path: string, body?: unknown, retry = true): Promise<T> {
  const access = tokens?.accessToken();
  const response = await fetch(`/api/v1${path}`, {
    method,
    headers: { ...(body !== undefined && { 'content-type': 'application/json' }), ...(access && { authorization: `Bearer ${access}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  if (response.status === 401 && retry && access && (await refresh())) return api<T>(method, path, body, false);
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && access) tokens?.expired();
    throw new ApiError(payload ?? { type: 'about:blank', title: response.statusText, status: response.status });
  }
  return payload as T;
}

/** A binary resource (an email attachment), with the same auth as `api`. */
export async function apiBlob(path: string, retry = true): Promise<Blob> {
  const access = tokens?.accessToken();
  const response = await fetch(`/api/v1${path}`, { headers: { ...(access && { authorization: `Bearer ${access}` }) } });
  if (response.status === 401 && retry && access && (await refresh())) return apiBlob(path, false);
  if (!response.ok) throw new ApiError((await response.json().catch(() => null)) ?? { type: 'about:blank', title: response.statusText, status: response.status });
  return response.blob();
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

export function queryString(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
