import type { Knex } from 'knex';
import { findTechnician } from '../../db/technician-directory';
import { findWorkOrderRow, technicianVisits } from '../../db/work-order-records';
import type { WeeklyShifts } from '../../domain/dispatch/shifts';
import { slotRefusals, type SlotRefusal } from '../../domain/work-order/slot-check';
import { Problem, notFound } from '../problem';

/** Visits longer than a day do not exist here: a day either side finds every one that could overlap. */
const NEAR_MS = 24 * 3_600_000;

/**
 * Why this technician cannot take the work order at that time, read in the caller's tenant
 * transaction: its skills, their shifts, time off and other visits (`domain/work-order/slot-check`).
 */
export async function checkSlot(
  trx: Knex.Transaction, orgId: string, number: number, slot: { technicianId: string; windowStart: string },
): Promise<SlotRefusal[]> {
  const job = await findWorkOrderRow(trx, orgId, number);
  if (!job) throw notFound(`Work order #${number}`);
  const technician = await findTechnician(trx, orgId, slot.technicianId);
  if (!technician) throw new Problem(422, 'unknown-technician', 'No such technician', { errors: [{ pointer: '/technicianId', message: 'Not a technician of this organization.' }] });
  const start = Date.parse(slot.windowStart);
  const visits = await technicianVisits(trx, orgId, technician.id, { from: new Date(start - NEAR_MS), to: new Date(start + NEAR_MS) }, number);
  return slotRefusals({
    job: { requiredSkills: job.required_skills as string[], durationMinutes: job.duration_minutes },
    technician: {
      name: technician.user_name, active: technician.active, skills: technician.skills as { skill: string; level: number }[],
      shifts: technician.shifts as WeeklyShifts, timeZone: technician.time_zone, timeOff: technician.time_off as { from: string; to: string; reason: string | null }[],
    },
    windowStart: slot.windowStart,
    otherVisits: visits.map((visit) => ({ number: visit.number, start: visit.window_start.toISOString(), durationMinutes: visit.duration_minutes })),
  });
}

/** The 422 a refused manual schedule answers: every reason, each at the field it is about. */
export function slotRefused(refusals: readonly SlotRefusal[]): Problem {
  return new Problem(422, 'slot-refused', 'The technician cannot take this slot', {
    detail: `${refusals.map((refusal) => refusal.message).join(' ')} Send "override": true to schedule it anyway.`,
    errors: refusals.map(({ pointer, message }) => ({ pointer, message })),
    reasons: refusals.map((refusal) => refusal.reason),
  });
}
