/**
 * What a dispatch plan is made of, as plain JSON (it travels through workflow history):
 * the day's snapshot read from Postgres, the proposal shown to the dispatcher, and the edits
 * the dispatcher may make before approving.
 */

export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** An ISO instant interval. */
export interface Interval {
  readonly start: string;
  readonly end: string;
}

export interface DispatchTechnician {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly skills: readonly string[];
  /** Where the shift starts and ends. */
  readonly home: LatLng;
  /** The shift on the planning day, resolved from the weekly calendar in the technician's zone. */
  readonly shift: Interval;
}

/** Work-order statuses at which the technician has begun: the job stays where it is. */
export const STARTED_STATUSES = ['dispatched', 'en_route', 'on_site', 'completed', 'signed_off'] as const;

export interface DispatchWorkOrder {
  readonly number: number;
  readonly title: string;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent';
  readonly status: string;
  /** The site; null when the work order has no located asset (it cannot be routed). */
  readonly location: LatLng | null;
  readonly durationMinutes: number;
  readonly requiredSkills: readonly string[];
  /** When the customer can be visited; any time in the shift when empty. */
  readonly windows: readonly Interval[];
  /** Its current technician and committed window, when it has one. */
  readonly technicianId: string | null;
  readonly scheduled: Interval | null;
}

export interface DispatchSnapshot {
  readonly date: string;
  readonly region: string;
  readonly technicians: readonly DispatchTechnician[];
  readonly workOrders: readonly DispatchWorkOrder[];
}

export type DispatchUnassignedReason =
  | 'no-qualified-technician'
  | 'outside-shifts-or-windows'
  | 'over-capacity'
  | 'no-room-in-schedule'
  | 'no-location'
  | 'no-technicians'
  | 'unassigned-by-dispatcher';

export interface ProposedStop {
  readonly workOrderNumber: number;
  readonly title: string;
  /** Arrival at the site, then the service start (after any wait for its window) and end. */
  readonly eta: string;
  readonly start: string;
  readonly end: string;
  /** Locked to this technician by the dispatcher, or started already: a re-plan keeps it. */
  readonly locked: boolean;
  readonly started: boolean;
}

export interface ProposedRoute {
  readonly technicianId: string;
  readonly technicianName: string;
  readonly stops: readonly ProposedStop[];
  readonly travelSeconds: number;
  readonly travelMeters: number;
}

export interface Proposal {
  readonly routes: readonly ProposedRoute[];
  readonly unassigned: readonly { readonly workOrderNumber: number; readonly title: string; readonly reason: DispatchUnassignedReason }[];
  readonly summary: { readonly assigned: number; readonly unassigned: number; readonly travelSeconds: number; readonly technicians: number };
}

export type DispatchEdit =
  /** Move a job to a technician, at a position in their route (appended when absent). */
  | { readonly kind: 'move'; readonly workOrderNumber: number; readonly technicianId: string; readonly position?: number }
  /** Keep a job with a technician (moving it there first if needed), also through re-plans. */
  | { readonly kind: 'lock'; readonly workOrderNumber: number; readonly technicianId: string }
  | { readonly kind: 'unassign'; readonly workOrderNumber: number };

export type ViolationKind = 'time-window' | 'shift-end' | 'skill' | 'no-location';

export interface Violation {
  readonly workOrderNumber: number | null;
  readonly technicianId: string;
  readonly kind: ViolationKind;
  readonly message: string;
}

/** Technician id → work-order numbers in visit order: a plan as the dispatcher edits it. */
export interface Assignment {
  readonly routes: Readonly<Record<string, readonly number[]>>;
  readonly unassigned: readonly number[];
}
