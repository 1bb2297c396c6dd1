import { z } from 'zod';
import { isTimeZone } from '../../domain/calendar/calendar';
import { SLA_TARGETS } from '../../domain/sla/policy';


/** A range of clock start times: `from` inclusive, `to` exclusive, at most two years. */
export const SlaReportQuery = z
  .object({
    from: z.iso.datetime({ offset: true }).or(z.iso.date()),
    to: z.iso.datetime({ offset: true }).or(z.iso.date()),
    timeZone: z.string().max(64).refine(isTimeZone, 'Not an IANA time zone.').default('UTC'),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to.', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 731 * 86_400_000, { message: 'At most two years at a time.', path: ['to'] });
export type SlaReportQuery = z.infer<typeof SlaReportQuery>;

const Tally = {
  met: z.number().int(),
  breached: z.number().int(),
  open: z.number().int(),
  /** met / (met + breached); null when no clock has an outcome yet. */
  compliance: z.number().nullable(),
};
const Group = z.object({ key: z.string().nullable(), label: z.string(), ...Tally });

export const SlaReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    timeZone: z.string(),
    totals: z.object(Tally),
    byPolicy: z.array(Group),
    byPriority: z.array(Group),
    byTeam: z.array(Group),
    byTarget: z.array(Group.extend({ key: z.enum(SLA_TARGETS) })),
    daily: z.array(z.object({ date: z.string(), ...Tally })),
  })
  .meta({ id: 'SlaReport' });
export type SlaReport = z.infer<typeof SlaReportSchema>;
