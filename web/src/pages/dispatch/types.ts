/** The dispatch plan as the API answers it (GET /dispatch/plans/{id}). */
export interface LatLng { lat: number; lng: number }
export interface Stop { workOrderNumber: number; title: string; eta: string; start: string; end: string; locked: boolean; started: boolean }
export interface Route { technicianId: string; technicianName: string; stops: Stop[]; travelSeconds: number; travelMeters: number }
export interface Proposal {
  routes: Route[];
  unassigned: { workOrderNumber: number; title: string; reason: string }[];
  summary: { assigned: number; unassigned: number; travelSeconds: number; technicians: number };
}
export interface Change { workOrderNumber: number; kind: 'added' | 'moved' | 'retimed' | 'unassigned' | 'unchanged'; from: { technicianId: string; start: string } | null; to: { technicianId: string; start: string } | null }
export interface Plan {
  id: string;
  date: string;
  region: string;
  status: 'planning' | 'proposed' | 'reviewing' | 'committing' | 'committed';
  version: number;
  trigger: string;
  proposal: Proposal | null;
  committed: Proposal | null;
  changes: Change[];
  locks: Record<string, string>;
  technicianIds: string[];
  sites: Record<string, LatLng>;
  homes: Record<string, LatLng>;
  escalated: boolean;
  autoApproved: boolean;
}
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
