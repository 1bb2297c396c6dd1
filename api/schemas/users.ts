import { z } from 'zod';
import { PageQuery } from './common';

export const ListUsersQuery = z.object(PageQuery);

const ViewFilters = z.object({
  status: z.string().max(100).optional(),
  assigneeId: z.string().max(40).optional(),
  priority: z.string().max(20).optional(),
  tag: z.string().max(50).optional(),
  q: z.string().max(200).optional(),
});
export const ViewSchema = z.object({ id: z.uuid(), name: z.string(), filters: ViewFilters }).meta({ id: 'SavedView' });
export const CreateViewBody = z.object({ name: z.string().trim().min(1).max(80), filters: ViewFilters });
export const ViewParams = z.object({ id: z.uuid() });
