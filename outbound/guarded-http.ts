import http from 'node:http';
import https from 'node:https';
import { OutboundRefused, pinnedLookup, resolveGuarded, type OutboundPolicy, type ResolveAll } from './guarded-resolve';

export interface GuardedRequest {
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/**
 * One HTTP(S) request to a user-chosen URL through the outbound guard. Redirects are not
 * followed (a 3xx is the answer): a receiver that moved must be edited in the rule, and a
 * redirect can never lead the request to an address the guard did not check. The response
 * body is discarded unread, so nothing a receiver answers can be echoed back.
 */
export async function requestGuarded(url: string, request: GuardedRequest, policy: OutboundPolicy, resolveAll?: ResolveAll): Promise<{ status: number }> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new OutboundRefused(url, 'invalid-host');
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new OutboundRefused(target.host, 'invalid-host');
  const checked = await resolveGuarded(target.hostname, policy, resolveAll);
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const outgoing = client.request(target, {
      method: request.method,
      headers: { ...request.headers, 'content-length': Buffer.byteLength(request.body).toString() },
      // The name stays in the URL (Host header, TLS server name and certificate check), the
      // socket goes to the checked address.
      lookup: pinnedLookup(checked),
      signal: AbortSignal.timeout(request.timeoutMs),
      agent: false,
    }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    outgoing.on('error', reject);
    outgoing.end(request.body);
  });
}
