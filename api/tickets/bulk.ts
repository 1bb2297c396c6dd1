import type { Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { claimKeyIfGiven } from '../idempotent-command';
import { Problem } from '../problem';
import type { BulkAction, BulkBody, BulkResult } from '../schemas/ticket-bulk';
import type { TicketView } from '../schemas/tickets';
import { commandTicket } from './commands';
import { mergeTicket } from './relations';

/** Commands in flight at once: enough to hide round trips, few enough to leave the worker to others. */
const PARALLEL = 4;

/**
 * Applies one action to many tickets, each as that ticket's own command (its workflow
 * validates it; the timeline, SLA clocks and rules see it), and answers per ticket: a
 * refusal of one (closed, merged, not found) leaves the others done. With an Idempotency-Key
 * each ticket's command is keyed by it and its number, so a retried request applies each once.
 */
export async function bulkCommand(deps: ApiDeps, auth: Auth, body: BulkBody, key: string | undefined): Promise<BulkResult[]> {
  await claimKeyIfGiven(deps.db, auth, { target: 'tickets/bulk', key, body });
  return inTurns(body.numbers, PARALLEL, async (number): Promise<BulkResult> => {
    try {
      const ticket = await applyTo(deps, auth, number, body.action, key && `${key}/${number}`);
      return { number, ok: true, ticket };
    } catch (error) {
      if (error instanceof Problem) return { number, ok: false, problem: error.body };
      throw error;
    }
  });
}

function applyTo(deps: ApiDeps, auth: Auth, number: number, action: BulkAction, key: string | undefined): Promise<TicketView> {
  const actorId = auth.userId;
  switch (action.type) {
    case 'assign':
      return commandTicket(deps, auth, number, 'assign', { actorId, assigneeId: action.assigneeId, teamId: action.teamId }, key);
    case 'status':
      return commandTicket(deps, auth, number, 'setStatus', { actorId, status: action.status }, key);
    case 'priority':
      return commandTicket(deps, auth, number, 'patch', { actorId, priority: action.priority }, key);
    case 'set_fields':
      return commandTicket(deps, auth, number, 'patch', { actorId, fields: action.fields }, key);
    case 'merge':
      return mergeTicket(deps, auth, number, action.into, key);
    // Added or removed against the tags the workflow holds when the command runs, so a
    // concurrent change to the same ticket's tags is kept, not overwritten.
    case 'add_tags':
      return commandTicket(deps, auth, number, 'patch', { actorId, addTags: action.tags }, key);
    case 'remove_tags':
      return commandTicket(deps, auth, number, 'patch', { actorId, removeTags: action.tags }, key);
  }
}

/** Maps the items with at most `parallel` calls running at once, answering in the items' order. */
async function inTurns<T, R>(items: readonly T[], parallel: number, each: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await each(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, lane));
  return results;
}
