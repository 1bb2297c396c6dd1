/**
 * Adaptive penalty weights (HGS): every so many offspring, each weight is raised when fewer
 * than the target share of them was feasible for that constraint and lowered when more was,
 * so the search keeps exploring just across the boundary of feasibility.
 */
import type { FleetInstance } from './fleet-instance';
import type { Penalties } from './segments';

const TARGET_FEASIBLE = 0.2;
const INCREASE = 1.2;
const DECREASE = 0.85;
const MIN_WEIGHT = 0.1;
const MAX_WEIGHT = 100_000;

export class PenaltyManager {
  readonly current: Penalties;
  private loadOk: boolean[] = [];
  private timeOk: boolean[] = [];

  constructor(inst: FleetInstance) {
    // One unit of excess load starts at about what a unit of travel costs between customers.
    let maxCost = 0;
    let maxDemand = 0;
    for (const c of inst.cost) if (Number.isFinite(c) && c > maxCost) maxCost = c;
    for (const d of inst.demand) if (d > maxDemand) maxDemand = d;
    const capacity = maxDemand > 0 ? Math.min(1000, Math.max(MIN_WEIGHT, maxCost / maxDemand)) : 1;
    this.current = { capacity, timeWarp: 1 };
  }

  /** Records one offspring's feasibility before repair. */
  record(excessLoad: number, timeWarp: number): void {
    this.loadOk.push(excessLoad <= 1e-9);
    this.timeOk.push(timeWarp <= 1e-9);
  }

  /** Adjusts the weights from the offspring recorded since the last call. */
  adapt(): void {
    this.current.capacity = adjusted(this.current.capacity, this.loadOk);
    this.current.timeWarp = adjusted(this.current.timeWarp, this.timeOk);
    this.loadOk = [];
    this.timeOk = [];
  }

  /** Weights multiplied, to push an infeasible offspring back to feasibility. */
  boosted(factor: number): Penalties {
    return { capacity: this.current.capacity * factor, timeWarp: this.current.timeWarp * factor };
  }
}

function adjusted(weight: number, ok: readonly boolean[]): number {
  if (ok.length === 0) return weight;
  const share = ok.filter(Boolean).length / ok.length;
  if (share < TARGET_FEASIBLE - 0.05) return Math.min(MAX_WEIGHT, weight * INCREASE);
  if (share > TARGET_FEASIBLE + 0.05) return Math.max(MIN_WEIGHT, weight * DECREASE);
  return weight;
}
