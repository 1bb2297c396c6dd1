import { signupTokenFor } from '../test/helpers/account-mail';

/** One JSON request to the API under test, as its caller's `token` (null: signed out). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from our own API, checked where it matters
export type ApiCall = (method: string, route: string, token: string | null, body?: unknown) => Promise<any>;

/** `ApiCall` over fetch: a failed answer throws with its status and body. */
export function fetchApi(baseUrl: string): ApiCall {
  return async (method, route, token, body) => {
    const response = await fetch(`${baseUrl}/api/v1${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    const json = await response.json();
    if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
}

/** Signs up a fresh organization for the run and answers its owner's access token. */
export async function signUpBenchOrg(call: ApiCall): Promise<string> {
  const email = `bench-${Date.now()}@example.com`;
  await call('POST', '/auth/signup', null, { organization: 'Bench', name: 'Bench', email, password: 'bench password 123' });
  const session = await call('POST', '/auth/signup/confirm', null, { token: await signupTokenFor(email) });
  return session.accessToken as string;
}
