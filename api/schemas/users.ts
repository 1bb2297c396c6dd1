import { z } from 'zod';
import { QUEUE_SORTS } from '../../db/ticket-read-model';
import { ROLES } from '../auth/roles';
import { PageQuery } from './common';

export const ListUsersQuery = z.object({
  ...PageQuery,
  status: z.enum(['active', 'deactivated', 'all']).default('active')
    .describe('Deactivated members cannot sign in or be assigned; they are left out unless asked for.'),
});

export const MemberSchema = z
  .object({
    id: z.uuid(), email: z.string(), name: z.string(), role: z.enum(ROLES),
    deactivatedAt: z.iso.datetime().nullable().describe('When the member was deactivated; null while active.'),
  })
  .meta({ id: 'Member' });
export type MemberView = z.infer<typeof MemberSchema>;

export const MemberParams = z.object({ id: z.uuid() });
export const ChangeRoleBody = z.object({ role: z.enum(ROLES) }).strict();

const ViewFilters = z.object({
  status: z.string().max(100).optional(),
  assigneeId: z.string().max(40).optional(),
  priority: z.string().max(20).optional(),
  tag: z.string().max(50).optional(),
  q: z.string().max(200).optional(),
  /** A custom field's value, as `key:value` (the queue's `field` filter). */
  field: z.string().max(300).optional(),
  sort: z.enum(QUEUE_SORTS).optional(),
});
export const ViewSchema = z.object({ id: z.uuid(), name: z.string(), filters: ViewFilters }).meta({ id: 'SavedView' });
export const CreateViewBody = z.object({ name: z.string().trim().min(1).max(80), filters: ViewFilters });
export const ViewParams = z.object({ id: z.uuid() });
