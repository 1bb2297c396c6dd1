import { z } from 'zod';

const Name = z.string().trim().min(1).max(80);
const Description = z.string().trim().max(500);
const MemberIds = z.array(z.uuid()).max(500);

export const TeamSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  /** The business calendar whose working hours are the team's; null: none chosen. */
  calendarId: z.uuid().nullable(),
  memberIds: z.array(z.uuid()),
}).meta({ id: 'Team' });

export const CreateTeamBody = z.object({
  name: Name,
  description: Description.default(''),
  calendarId: z.uuid().nullable().default(null),
  memberIds: MemberIds.default([]),
});

export const UpdateTeamBody = z
  .object({ name: Name.optional(), description: Description.optional(), calendarId: z.uuid().nullable().optional() })
  .refine((body) => body.name !== undefined || body.description !== undefined || body.calendarId !== undefined, {
    message: 'Send name, description or calendarId.',
  });

export const TeamMembersBody = z.object({ memberIds: MemberIds });

export const TeamParams = z.object({ id: z.uuid() });
