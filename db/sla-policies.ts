import type { SlaPolicy } from '../domain/sla/index';

/** An `sla_policies` row as knex returns it (jsonb parsed, `warn_at` numeric as a string). */
export interface PolicyRow {
  id: string;
  name: string;
  position: number;
  conditions: SlaPolicy['conditions'];
  targets: SlaPolicy['targets'];
  hours: SlaPolicy['hours'];
  calendar_id: string | null;
  pause_statuses: SlaPolicy['pauseStatuses'];
  warn_at: string;
}

/** The policy a row holds: what the SLA activities evaluate and the API lists. */
export const toPolicy = (row: PolicyRow): SlaPolicy => ({
  id: row.id,
  name: row.name,
  position: row.position,
  conditions: row.conditions,
  targets: row.targets,
  hours: row.hours,
  calendarId: row.calendar_id,
  pauseStatuses: row.pause_statuses,
  warnAt: Number(row.warn_at),
});
