import { randomUUID } from 'node:crypto';
import { invitationToken } from './invitation-outbox';
import { signupTokenFor } from './account-mail';

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

/** A thin HTTP client for tests: JSON in, status + parsed body out, never throws on status. */
export class ApiClient {
  constructor(readonly baseUrl: string, public token: string | null = null) {}

  as(token: string | null): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await fetch(`${this.baseUrl}${path.startsWith('/api') || path === '/healthz' ? path : `/api/v1${path}`}`, {
      method,
      headers: {
        ...(body !== undefined && { 'content-type': 'application/json' }),
        ...(this.token && { authorization: `Bearer ${this.token}` }),
        ...headers,
      },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string) { return this.request<T>('GET', path); }
  post<T = any>(path: string, body?: unknown, headers?: Record<string, string>) { return this.request<T>('POST', path, body ?? {}, headers); }
  patch<T = any>(path: string, body: unknown) { return this.request<T>('PATCH', path, body); }
  delete<T = any>(path: string) { return this.request<T>('DELETE', path); }
}

export interface Org {
  api: ApiClient;
  orgId: string;
  owner: { id: string; email: string; password: string };
  refreshToken: string;
}

/** A person in an organization with one role, signed in. */
export interface Member {
  api: ApiClient;
  id: string;
  email: string;
}

export const PASSWORD = 'correct horse battery';

/**
 * Signs up as a person does: asks, reads the confirmation link from the mail the stack sent
 * to the test SMTP sink, follows it. The stack must use `accountStackOptions()` (the test
 * stacks do).
 */
export async function signup(baseUrl: string, input: { organization: string; name: string; email: string; password: string }): Promise<ApiResponse> {
  const api = new ApiClient(baseUrl);
  const asked = await api.post('/auth/signup', input);
  if (asked.status !== 202) throw new Error(`signup failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  return api.post('/auth/signup/confirm', { token: await signupTokenFor(input.email) });
}

/** Signs up a fresh organization and returns a client logged in as its owner. */
export async function signupOrg(baseUrl: string, name = `Org ${randomUUID().slice(0, 8)}`): Promise<Org> {
  const email = `owner-${randomUUID()}@example.com`;
  const api = new ApiClient(baseUrl);
  const response = await signup(baseUrl, { organization: name, name: 'Owner', email, password: PASSWORD });
  if (response.status !== 201) throw new Error(`signup confirmation failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    api: api.as(response.body.accessToken),
    orgId: response.body.organization.id,
    owner: { id: response.body.user.id, email, password: PASSWORD },
    refreshToken: response.body.refreshToken,
  };
}

/**
 * Adds a member with a role (invited, then accepting as a new person through the in-process
 * stack's outbox) and returns a client logged in as them; `name` is the person's name.
 */
export async function addMember(org: Org, role: string, name = `${role} person`): Promise<Member> {
  const email = `${role}-${randomUUID()}@example.com`;
  const invited = await org.api.post('/users', { email, name, role });
  if (invited.status !== 201) throw new Error(`invite failed: ${invited.status} ${JSON.stringify(invited.body)}`);
  const anonymous = new ApiClient(org.api.baseUrl);
  const accepted = await anonymous.post(`/invitations/${invitationToken(email)}/accept`, { password: PASSWORD });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const login = await anonymous.post('/auth/login', { email, password: PASSWORD });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { api: org.api.as(login.body.accessToken), id: accepted.body.user.id, email };
}

export function newTicket(overrides: Record<string, unknown> = {}) {
  return {
    subject: 'Printer on fire',
    description: 'The office printer emits smoke when printing double-sided.',
    requester: { email: `customer-${randomUUID().slice(0, 8)}@example.com`, name: 'Casey Customer' },
    ...overrides,
  };
}
