import { z } from 'zod';
import { pgInteger } from './common';
import { WEEKDAYS } from '../../domain/calendar/calendar';
import { SLA_TARGETS } from '../../domain/sla/policy';
import { TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ticket/status';

const Hours = z.object({ start: z.string(), end: z.string() });
const Holiday = z.object({ date: z.string(), yearly: z.boolean().default(false), name: z.string().max(100).optional() });

export const CalendarBody = z.object({
  name: z.string().trim().min(1).max(100),
  timeZone: z.string().min(1).max(64),
  week: z.object(Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(Hours).max(6).default([])])) as Record<(typeof WEEKDAYS)[number], z.ZodDefault<z.ZodArray<typeof Hours>>>),
  holidays: z.array(Holiday).max(366).default([]),
});
export type CalendarBody = z.infer<typeof CalendarBody>;
export const CalendarSchema = CalendarBody.extend({ id: z.uuid() }).meta({ id: 'Calendar' });
export const IdParams = z.object({ id: z.uuid() });

const Seconds = z.number().int().min(1).max(365 * 24 * 3600);
const TargetSet = z.object(Object.fromEntries(SLA_TARGETS.map((kind) => [kind, Seconds.optional()])) as Record<(typeof SLA_TARGETS)[number], z.ZodOptional<typeof Seconds>>);

export const SlaPolicyBody = z
  .object({
    name: z.string().trim().min(1).max(100),
    position: pgInteger(0).default(0),
    conditions: z
      .object({
        priorities: z.array(z.enum(TICKET_PRIORITIES)).optional(),
        channels: z.array(z.enum(TICKET_CHANNELS)).optional(),
        tags: z.array(z.string().min(1).max(50)).optional(),
        teamIds: z.array(z.uuid()).optional(),
        companyIds: z.array(z.uuid()).optional(),
        fields: z.array(z.object({
          key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/),
          equals: z.union([z.string().max(200), z.number(), z.boolean()]),
        })).max(20).optional().describe('Custom fields the ticket must hold these values in, all of them (a multi-select: includes it)'),
      })
      .default({}),
    targets: z.object(Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, TargetSet.optional()])) as Record<(typeof TICKET_PRIORITIES)[number], z.ZodOptional<typeof TargetSet>>),
    hours: z.enum(['business', 'calendar']).default('calendar'),
    calendarId: z.uuid().nullable().default(null),
    pauseStatuses: z.array(z.enum(TICKET_STATUSES)).default(['pending', 'on_hold']),
    warnAt: z.number().gt(0).lt(1).default(0.75),
  })
  .refine((policy) => policy.hours === 'calendar' || policy.calendarId !== null, {
    message: 'Business hours need a calendar.',
    path: ['calendarId'],
  });
export type SlaPolicyBody = z.infer<typeof SlaPolicyBody>;
export const SlaPolicySchema = z.object({ id: z.uuid() }).passthrough().meta({ id: 'SlaPolicy' });

export const ClockViewSchema = z
  .object({
    target: z.enum(SLA_TARGETS),
    targetSeconds: z.number().int(),
    state: z.enum(['running', 'paused', 'met', 'breached', 'cancelled']),
    dueAt: z.string().nullable(),
    remainingSeconds: z.number().int(),
    elapsedBusinessSeconds: z.number().int(),
    breachedAt: z.string().nullable(),
  })
  .meta({ id: 'SlaClock' });

/** A draft policy and a ticket like the ones it should cover: when would that ticket be due? */
export const PolicyPreviewBody = z.object({
  policy: SlaPolicyBody,
  ticket: z.object({
    priority: z.enum(TICKET_PRIORITIES),
    channel: z.enum(TICKET_CHANNELS).default('web'),
    tags: z.array(z.string().min(1).max(50)).default([]),
    teamId: z.uuid().nullable().default(null),
    companyId: z.uuid().nullable().default(null),
    fields: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()])).default({}),
  }),
  openedAt: z.iso.datetime({ offset: true }).optional(),
});

export const PolicyPreviewSchema = z
  .object({
    matches: z.boolean(),
    openedAt: z.string(),
    targets: z.array(z.object({ target: z.enum(SLA_TARGETS), seconds: z.number().int(), dueAt: z.string() })),
  })
  .meta({ id: 'SlaPolicyPreview' });
