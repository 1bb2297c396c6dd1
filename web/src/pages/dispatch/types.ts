/** The dispatch plan as the API answers it (GET /dispatch/plans/{id}): aliases of the generated schema. */
import type { components } from '../../api/schema';

export type Plan = components['schemas']['DispatchPlan'];
export type Proposal = NonNullable<components['schemas']['DispatchProposal']>;
export type Route = Proposal['routes'][number];
export type Stop = Route['stops'][number];
export type Change = Plan['changes'][number];
export type LatLng = Plan['sites'][string];
export type Edit =
  | { kind: 'move'; workOrderNumber: number; technicianId: string; position?: number }
  | { kind: 'lock'; workOrderNumber: number; technicianId: string }
  | { kind: 'unassign'; workOrderNumber: number };
export interface Violation { workOrderNumber: number | null; technicianId: string; kind: string; message: string }

/** The opaque plan id: base64url of `date/region` (as the API encodes it). */
export function planIdOf(date: string, region = 'default'): string {
  return btoa(`${date}/${region}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const REASONS: Record<string, string> = {
  'no-qualified-technician': 'nobody has the skills',
  'outside-shifts-or-windows': 'outside every shift or window',
  'over-capacity': 'over capacity',
  'no-room-in-schedule': 'no room left in any schedule',
  'no-location': 'the site has no coordinates',
  'no-technicians': 'no technician works that day',
  'unassigned-by-dispatcher': 'unassigned by the dispatcher',
};
