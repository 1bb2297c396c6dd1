/**
 * The optimizer's input, in the vocabulary of field service. Times are numbers in one unit
 * of the caller's choice (seconds since the start of the planning day for dispatch; Solomon
 * instances use their own time unit) and match the travel matrix's durations.
 */
import type { TravelMatrix } from './matrix';

export interface TimeWindow {
  readonly start: number;
  readonly end: number;
}

/** A break taken wherever the technician is when it starts (no travel of its own). */
export interface Break {
  readonly id: string;
  /** Windows in which the break must start. */
  readonly windows: readonly TimeWindow[];
  readonly duration: number;
}

export interface Technician {
  readonly id: string;
  /** Location index (into the matrix) where the shift starts. */
  readonly start: number;
  /** Where the shift ends; null for a shift that ends at the last job. */
  readonly end: number | null;
  /** Leave start no earlier than shift.start; be back at `end` no later than shift.end. */
  readonly shift: TimeWindow;
  readonly skills?: readonly string[];
  /** Capacity in the unit of Job.demand; unlimited when absent. */
  readonly capacity?: number;
  readonly breaks?: readonly Break[];
  /**
   * Jobs already started or committed, in order, at the head of this technician's route:
   * the optimizer plans after them and never moves them.
   */
  readonly fixedJobs?: readonly string[];
}

export interface Job {
  readonly id: string;
  /** Location index into the matrix. */
  readonly location: number;
  readonly serviceDuration: number;
  /** Service must start inside one of these; anytime in the shift when absent. */
  readonly windows?: readonly TimeWindow[];
  readonly demand?: number;
  /** Every skill here must be among the technician's skills. */
  readonly skills?: readonly string[];
  /** Higher is more important; the optimizer leaves low-priority optional jobs out first. */
  readonly priority?: number;
  /** An optional job may be left unassigned at the cost of its priority. */
  readonly optional?: boolean;
  /** Only this technician may do the job. */
  readonly technicianId?: string;
  /** Service must start exactly at this time (a locked appointment). */
  readonly fixedStart?: number;
}

export interface Objective {
  /**
   * Solomon's literature objective counts vehicles before distance; dispatch leaves it off
   * (an idle technician costs nothing extra) and minimises travel alone.
   */
  readonly minimizeVehicles?: boolean;
  /** What travel costs: time (the default, what dispatch minimises) or distance. */
  readonly travelCost?: 'duration' | 'distance';
}

export interface RoutingProblem {
  readonly technicians: readonly Technician[];
  readonly jobs: readonly Job[];
  readonly matrix: TravelMatrix;
  readonly objective?: Objective;
}

/** A route to start the search from (a warm start, e.g. the plan being re-planned). */
export interface InitialRoute {
  readonly technicianId: string;
  readonly jobIds: readonly string[];
}
