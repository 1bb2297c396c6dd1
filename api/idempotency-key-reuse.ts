import { createHash } from 'node:crypto';
import { Problem } from './problem';

/** What an Idempotency-Key is bound to: a hash of the request it was first sent with. */
export const requestHashOf = (body: unknown): string => createHash('sha256').update(JSON.stringify(body)).digest('hex');

/** The 422 for a key sent again with another request than the one it was first used for. */
export function refuseReusedKey(earlierHash: string, requestHash: string, what: string): void {
  if (earlierHash === requestHash) return;
  throw new Problem(422, 'idempotency-key-reused', 'This Idempotency-Key was used for a different request', { detail: `Use a new key for a new ${what}.` });
}
