import type { Db } from '../db/connection';
import { withTenant } from '../db/tenant';
import { appendEvents } from '../db/event-log';
import { storeDispatchEscalation } from '../db/notifications';
import { DISPATCH } from '../domain/realtime/topics';
import { nextDay, shiftOn, type DispatchSnapshot, type DispatchTechnician, type DispatchWorkOrder, type Interval, type Proposal, type TimeOff, type WeeklyShifts } from '../domain/dispatch/index';

export interface GatherDispatchInput {
  orgId: string;
  date: string;
  region: string;
}

export interface RecordDispatchPlanInput {
  orgId: string;
  planId: string;
  date: string;
  region: string;
  status: string;
  version: number;
  proposal: Proposal | null;
  /** The event to append, keyed so a retried write appends it once. */
  event: { key: string; type: 'proposed' | 'approved' | 'committed' | 'rejected' | 'escalated' | 'auto_approved' | 'urgent_replan'; data: Record<string, unknown> };
  approvedBy?: string | null;
}

/** What the approvers are told when a plan is still unapproved at its timeout. */
function escalationOf(input: RecordDispatchPlanInput, at: string): { sourceKey: string; message: string; at: string } {
  const after = Number(input.event.data.afterSeconds);
  const waited = Number.isFinite(after) ? ` for ${after >= 120 ? `${Math.round(after / 60)} minutes` : `${after} second${after === 1 ? '' : 's'}`}` : '';
  const region = input.region === 'default' ? '' : ` (${input.region})`;
  return { sourceKey: `dispatch:${input.planId}:${input.event.key}`, message: `The dispatch plan for ${input.date}${region} has waited${waited} without approval: review and approve it on the dispatch board.`, at };
}

const STATUSES_ON_THE_DAY = ['scheduled', 'dispatched', 'en_route', 'on_site', 'completed', 'signed_off'];

/**
 * The dispatch workflow's reads and writes of Postgres: the day's snapshot (technicians on
 * shift, unscheduled work orders and the ones already on that day), and the plan's read model.
 * Regions are labels of plans for now: every technician and work order of the org is in each.
 */
export function createDispatchRecordActivities(db: Db) {
  return {
    async gatherDispatchSnapshot({ orgId, date, region }: GatherDispatchInput): Promise<DispatchSnapshot> {
      const dayStart = `${date}T00:00:00Z`;
      const dayEnd = `${nextDay(date)}T00:00:00Z`;
      return withTenant(db, { orgId }, async (trx) => {
        const techRows: {
          id: string; user_id: string; name: string | null; skills: { skill: string }[]; home_lat: number | null; home_lng: number | null;
          shifts: WeeklyShifts; time_zone: string; time_off: TimeOff[];
        }[] = await trx('technicians as t')
          .leftJoin('users as u', 'u.id', 't.user_id')
          .where({ 't.org_id': orgId, 't.active': true })
          .orderBy('t.id')
          .select('t.id', 't.user_id', 'u.name', 't.skills', 't.home_lat', 't.home_lng', 't.shifts', 't.time_zone', 't.time_off');
        const technicians: DispatchTechnician[] = [];
        for (const row of techRows) {
          const shift = shiftOn(date, row.shifts, row.time_zone, row.time_off);
          if (!shift || row.home_lat === null || row.home_lng === null) continue;
          technicians.push({ id: row.id, userId: row.user_id, name: row.name ?? '', skills: row.skills.map((s) => s.skill), home: { lat: row.home_lat, lng: row.home_lng }, shift });
        }

        const woRows: {
          number: number; title: string; priority: DispatchWorkOrder['priority']; status: string; duration_minutes: number; required_skills: string[];
          technician_id: string | null; window_start: Date | null; window_end: Date | null; site_lat: number | null; site_lng: number | null;
        }[] = await trx('work_orders as w')
          .leftJoin('assets as a', (join) => join.on('a.org_id', 'w.org_id').andOn('a.id', 'w.asset_id'))
          .where('w.org_id', orgId)
          .andWhere((q) =>
            q.where('w.status', 'created').orWhere((q2) => q2.whereIn('w.status', STATUSES_ON_THE_DAY).andWhere('w.window_start', '>=', dayStart).andWhere('w.window_start', '<', dayEnd)),
          )
          .orderBy('w.number')
          .select('w.number', 'w.title', 'w.priority', 'w.status', 'w.duration_minutes', 'w.required_skills', 'w.technician_id', 'w.window_start', 'w.window_end', 'a.site_lat', 'a.site_lng');
        const windowRows: { work_order_number: number; starts_at: Date; ends_at: Date }[] = await trx('work_order_time_windows')
          .where('org_id', orgId)
          .whereIn('work_order_number', woRows.map((r) => r.number))
          .orderBy(['work_order_number', 'starts_at']);
        const windowsOf = new Map<number, Interval[]>();
        for (const w of windowRows) {
          const list = windowsOf.get(w.work_order_number) ?? [];
          list.push({ start: w.starts_at.toISOString(), end: w.ends_at.toISOString() });
          windowsOf.set(w.work_order_number, list);
        }
        const workOrders: DispatchWorkOrder[] = [];
        for (const row of woRows) {
          const all = windowsOf.get(row.number) ?? [];
          const today = all.filter((w) => w.start < new Date(dayEnd).toISOString() && w.end > new Date(dayStart).toISOString());
          // An unscheduled work order whose customer windows all fall on other days waits for their plans.
          if (row.status === 'created' && all.length > 0 && today.length === 0) continue;
          workOrders.push({
            number: row.number, title: row.title, priority: row.priority, status: row.status,
            location: row.site_lat !== null && row.site_lng !== null ? { lat: row.site_lat, lng: row.site_lng } : null,
            durationMinutes: row.duration_minutes, requiredSkills: row.required_skills, windows: today,
            technicianId: row.technician_id,
            scheduled: row.window_start && row.window_end ? { start: row.window_start.toISOString(), end: row.window_end.toISOString() } : null,
          });
        }
        return { date, region, technicians, workOrders };
      });
    },

    async recordDispatchPlan(input: RecordDispatchPlanInput): Promise<void> {
      const { orgId, planId } = input;
      await withTenant(db, { orgId }, async (trx) => {
        await trx('dispatch_plans')
          .insert({
            org_id: orgId, id: planId, date: input.date, region: input.region, status: input.status, proposal_version: input.version,
            proposal: input.proposal === null ? null : JSON.stringify(input.proposal), updated_at: trx.fn.now(),
            ...(input.event.type === 'escalated' && { escalated_at: trx.fn.now() }),
            ...((input.event.type === 'approved' || input.event.type === 'auto_approved') && { approved_at: trx.fn.now(), approved_by: input.approvedBy ?? null }),
          })
          .onConflict(['org_id', 'id'])
          .merge();
        const appended = await trx('dispatch_plan_events')
          .insert({ org_id: orgId, plan_id: planId, key: input.event.key, type: input.event.type, data: JSON.stringify(input.event.data) })
          .onConflict(['org_id', 'plan_id', 'key'])
          .ignore()
          .returning('key');
        // A retried write finds its plan event there, and its log event with it.
        if (appended.length === 0) return;
        const at = new Date().toISOString();
        const notified = input.event.type === 'escalated' ? await storeDispatchEscalation(trx, orgId, escalationOf(input, at)) : [];
        await appendEvents(trx, orgId, [{
          type: `dispatch.${input.event.type}`, topic: DISPATCH, at,
          data: { planId, date: input.date, region: input.region, status: input.status, version: input.version },
        }, ...notified]);
      });
    },
  };
}

export type DispatchRecordActivities = ReturnType<typeof createDispatchRecordActivities>;
