import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { accountMailSink } from './account-mail';
import { ApiClient } from './api-client';

/** A customer's browser: keeps the portal cookie the API sets, as a browser would. */
export class PortalBrowser {
  cookie: string | null = null;
  readonly api: ApiClient;
  constructor(baseUrl: string) { this.api = new ApiClient(baseUrl); }

  async request(method: string, path: string, body?: unknown) {
    const response = await this.api.request(method, path, body, this.cookie ? { cookie: this.cookie } : {});
    const set = response.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!.endsWith('=') ? null : set.split(';')[0]!;
    return response;
  }
}

/** The token of the latest sign-in link mailed to `email`. */
export async function mailedToken(email: string, notBefore = 0): Promise<string> {
  const sink = await accountMailSink();
  const mail = await sink.messageTo(email, (message) => /\/sign-in#token=/.test(message.text ?? '') && sink.messages.indexOf(message) >= notBefore);
  const token = /\/sign-in#token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1];
  if (!token) throw new Error(`no sign-in link mailed to ${email}`);
  return token;
}

/** A browser signed in to the org's portal by the link mailed to `email`. */
export async function signedInToPortal(baseUrl: string, slug: string, email = `customer-${randomUUID().slice(0, 8)}@example.com`): Promise<PortalBrowser & { email: string }> {
  const browser = Object.assign(new PortalBrowser(baseUrl), { email });
  const mark = (await accountMailSink()).messages.length;
  expect((await browser.request('POST', `/portal/${slug}/sign-in-links`, { email })).status).toBe(202);
  const session = await browser.request('POST', `/portal/${slug}/sessions`, { token: await mailedToken(email, mark) });
  expect(session.status).toBe(200);
  return browser;
}
