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

export interface TokenStore {
  accessToken(): string | null;
  refreshToken(): string | null;
  update(tokens: { accessToken: string; refreshToken: string }): void;
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
/** One refresh at a time: rotation makes a refresh token single-use. */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const refreshToken = tokens?.refreshToken();
    if (!refreshToken) return false;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
    if (!response.ok) return false;
    tokens?.update(await response.json());
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
