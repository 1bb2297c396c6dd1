import { z } from 'zod';

export const TeamSchema = z.object({ id: z.uuid(), name: z.string(), memberIds: z.array(z.uuid()) }).meta({ id: 'Team' });
export const CreateTeamBody = z.object({
  name: z.string().trim().min(1).max(80),
  memberIds: z.array(z.uuid()).max(500).default([]),
});
