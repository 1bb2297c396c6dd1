import type { ApiDeps } from '../deps';
import { Problem } from '../problem';

export type EmailApi = NonNullable<ApiDeps['email']>;

/** The email channel of this process, or a 503 for a route that needs it when the process does not run it. */
export function runningEmailChannel(deps: ApiDeps): EmailApi {
  if (!deps.email) throw new Problem(503, 'email-disabled', 'The email channel is not running in this process');
  return deps.email;
}
