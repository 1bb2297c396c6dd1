import { createHash } from 'node:crypto';
import { Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { liveWorkOrderClient } from '../clients/work-order-client';
import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import { appendEvents } from '../db/event-log';
import { notificationEvent, type StoredNotification } from '../domain/realtime/notification-events';
import type { DispatchTechnician, Proposal } from '../domain/dispatch/index';

export interface CommitDispatchInput {
  orgId: string;
  planId: string;
  date: string;
  version: number;
  proposal: Proposal;
  technicians: DispatchTechnician[];
  actorId: string | null;
}

export interface CommitDispatchResult {
  scheduled: number[];
  /** Work orders the approved proposal leaves unassigned that had a schedule: taken off it. */
  unscheduled?: number[];
  /** Work orders that refused their schedule (cancelled or closed meanwhile): left out, not retried. */
  refused: { workOrderNumber: number; reason: string }[];
  notified: string[];
}

/**
 * Commits an approved proposal: each work order's own workflow takes its technician and
 * window through its `schedule` Update (one update id per plan version and work order, so a
 * retried activity schedules nothing twice), then each technician with a route gets one
 * in-app notification. Started jobs are left as they are.
 */
export function createDispatchCommitActivities(db: Db, options: { client?: Client } = {}) {
  return {
    async commitDispatchSchedule(input: CommitDispatchInput): Promise<CommitDispatchResult> {
      const workOrders = liveWorkOrderClient(options.client ?? Context.current().client);
      const scheduled: number[] = [];
      const refused: CommitDispatchResult['refused'] = [];
      for (const route of input.proposal.routes) {
        for (const stop of route.stops) {
          if (stop.started) continue;
          const args = { actorId: input.actorId, technicianId: route.technicianId, windowStart: stop.start, windowEnd: stop.end };
          const answer = await workOrders.scheduleForDispatch(input.orgId, stop.workOrderNumber, args, input);
          if (answer.ok) scheduled.push(stop.workOrderNumber);
          // A refusal is the work order's answer, not a transient failure: record it and go on.
          else refused.push({ workOrderNumber: stop.workOrderNumber, reason: answer.refusal === 'not_running' ? 'work order closed' : answer.message });
        }
        Context.current().heartbeat(scheduled.length);
      }
      const unscheduled = await unscheduleLeftOut(workOrders, input, refused);
      const users = new Map(input.technicians.map((t) => [t.id, t.userId]));
      const notified: string[] = [];
      await withTenant(db, { orgId: input.orgId }, async (trx) => {
        const stored: StoredNotification[] = [];
        for (const route of input.proposal.routes) {
          const userId = users.get(route.technicianId);
          if (!userId || route.stops.length === 0) continue;
          const first = route.stops[0]!;
          const message = `Your route for ${input.date}: ${route.stops.length} job${route.stops.length === 1 ? '' : 's'} (${route.stops.map((s) => `#${s.workOrderNumber}`).join(', ')}), first arrival ${first.eta.slice(11, 16)} UTC.`;
          const id = stableUuid(`${input.planId}:${input.version}:${route.technicianId}`);
          const inserted = await trx('notifications')
            .insert({ org_id: input.orgId, id, user_id: userId, channel: 'in_app', message, kind: 'dispatch' })
            .onConflict(['org_id', 'id'])
            .ignore()
            .returning('id');
          if (inserted.length > 0) stored.push({ id, userId, channel: 'in_app', message, ticketNumber: null, kind: 'dispatch' });
          notified.push(route.technicianId);
        }
        const at = new Date().toISOString();
        await appendEvents(trx, input.orgId, stored.map((notification) => notificationEvent(notification, at)));
      });
      return { scheduled, unscheduled, refused, notified };
    },
  };
}

/**
 * A job the approved proposal leaves unassigned (the dispatcher unassigned it, or it no longer
 * fits) gives up the technician and window an earlier commit or a manual schedule gave it, so
 * its work order says what the plan says. Jobs under way never appear here: the proposal keeps
 * them fixed on their route.
 */
async function unscheduleLeftOut(workOrders: ReturnType<typeof liveWorkOrderClient>, input: CommitDispatchInput, refused: CommitDispatchResult['refused']): Promise<number[]> {
  const unscheduled: number[] = [];
  for (const { workOrderNumber } of input.proposal.unassigned) {
    const state = await workOrders.state(input.orgId, workOrderNumber);
    if (!state || (state.status !== 'scheduled' && state.status !== 'dispatched')) continue;
    const answer = await workOrders.unscheduleForDispatch(input.orgId, workOrderNumber, { actorId: input.actorId, reason: 'Left unassigned by the approved dispatch plan' }, input);
    if (answer.ok) unscheduled.push(workOrderNumber);
    else refused.push({ workOrderNumber, reason: answer.refusal === 'not_running' ? 'work order closed' : answer.message });
  }
  return unscheduled;
}

function stableUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export type DispatchCommitActivities = ReturnType<typeof createDispatchCommitActivities>;
