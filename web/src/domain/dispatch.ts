import type { DispatchUnassignedReason } from '../../../domain/dispatch/types';

/** Why the optimizer left a job without a technician, in the dispatcher's words. */
export const UNASSIGNED_REASONS: Record<DispatchUnassignedReason, string> = {
  'no-qualified-technician': 'nobody has the skills',
  'outside-shifts-or-windows': 'outside every shift or window',
  'over-capacity': 'over capacity',
  'no-room-in-schedule': 'no room left in any schedule',
  'no-location': 'the site has no coordinates',
  'no-technicians': 'no technician works that day',
  'unassigned-by-dispatcher': 'unassigned by the dispatcher',
};
