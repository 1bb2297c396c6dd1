/**
 * One technician's route and its schedule. After every change `update()` recomputes, in one
 * forward and one backward pass, each stop's departure time and latest feasible start; with
 * those an insertion is checked in O(1) (plus any breaks right after the insertion point,
 * whose location moves with it).
 */
import { earliestStart, latestStart } from './windows';
import type { Model } from './model';

export class Route {
  nodes: number[] = [];
  /** Departure from each stop after service. */
  depart: number[] = [];
  /** Latest service start at each stop that keeps the rest of the route feasible. */
  latest: number[] = [];
  /** Location of each stop (a break's is the previous stop's). */
  effLoc: number[] = [];
  load = 0;
  cost = 0;
  /** Jobs on the route; a route with none is an unused technician (breaks do not count). */
  jobs = 0;
  feasible = true;
  /** Nodes before this index are fixed (started or committed jobs). */
  fixed = 0;

  constructor(readonly vehicle: number) {}

  clone(): Route {
    const copy = new Route(this.vehicle);
    copy.nodes = this.nodes.slice();
    copy.depart = this.depart.slice();
    copy.latest = this.latest.slice();
    copy.effLoc = this.effLoc.slice();
    copy.load = this.load;
    copy.jobs = this.jobs;
    copy.cost = this.cost;
    copy.feasible = this.feasible;
    copy.fixed = this.fixed;
    return copy;
  }

  update(model: Model): void {
    const veh = model.vehicles[this.vehicle]!;
    const { size, cost, time, loc, service, windows, demand } = model;
    const len = this.nodes.length;
    this.depart.length = len;
    this.latest.length = len;
    this.effLoc.length = len;
    let at = veh.startLoc;
    let t = veh.shiftStart;
    let total = 0;
    let load = 0;
    let feasible = true;
    let jobs = 0;
    for (let i = 0; i < len; i++) {
      const n = this.nodes[i]!;
      const l = loc[n]! < 0 ? at : loc[n]!;
      total += cost[at * size + l]!;
      const start = earliestStart(windows[n]!, t + time[at * size + l]!);
      if (start === Infinity) feasible = false;
      t = start + service[n]!;
      this.depart[i] = t;
      this.effLoc[i] = l;
      load += demand[n]!;
      if (n < model.jobCount) jobs++;
      at = l;
    }
    if (veh.endLoc >= 0) {
      total += cost[at * size + veh.endLoc]!;
      t += time[at * size + veh.endLoc]!;
    }
    if (t > veh.shiftEnd || load > veh.capacity) feasible = false;
    // An unused technician stays home: no travel cost.
    this.cost = jobs > 0 ? total : 0;
    this.jobs = jobs;
    this.load = load;
    this.feasible = feasible;
    this.updateLatest(model);
  }

  private updateLatest(model: Model): void {
    const veh = model.vehicles[this.vehicle]!;
    const { size, time, service, windows } = model;
    let bound = veh.shiftEnd;
    let nextLoc = veh.endLoc;
    for (let i = this.nodes.length - 1; i >= 0; i--) {
      const n = this.nodes[i]!;
      const l = this.effLoc[i]!;
      const travel = nextLoc >= 0 ? time[l * size + nextLoc]! : 0;
      const latest = latestStart(windows[n]!, bound - travel - service[n]!);
      this.latest[i] = latest;
      bound = latest;
      nextLoc = l;
    }
  }

  /**
   * Extra cost of inserting `node` before position `pos` (pos = nodes.length appends), or
   * Infinity when that breaks a time window or the shift. Capacity is the caller's check.
   */
  insertionDelta(model: Model, node: number, pos: number): number {
    const veh = model.vehicles[this.vehicle]!;
    const { size, cost, time, loc, service, windows } = model;
    const prevLoc = pos === 0 ? veh.startLoc : this.effLoc[pos - 1]!;
    const prevDepart = pos === 0 ? veh.shiftStart : this.depart[pos - 1]!;
    const l = loc[node]! < 0 ? prevLoc : loc[node]!;
    const w = windows[node]!;
    const arrival = prevDepart + time[prevLoc * size + l]!;
    // Most jobs have one window: decide it inline, this is the hottest line of the search.
    const start = w.length === 2 ? (arrival > w[1]! ? Infinity : arrival > w[0]! ? arrival : w[0]!) : earliestStart(w, arrival);
    if (start === Infinity) return Infinity;
    let t = start + service[node]!;
    // Breaks right after the insertion now sit at the inserted node's location.
    let j = pos;
    const len = this.nodes.length;
    while (j < len && loc[this.nodes[j]!]! < 0) {
      const b = this.nodes[j]!;
      const bs = earliestStart(windows[b]!, t);
      if (bs === Infinity) return Infinity;
      t = bs + service[b]!;
      j++;
    }
    let nextLoc: number;
    let limit: number;
    if (j < len) {
      nextLoc = this.effLoc[j]!;
      limit = this.latest[j]!;
    } else {
      nextLoc = veh.endLoc;
      limit = veh.shiftEnd;
    }
    // The first job on a route also pays the technician's trip home that the empty route skipped.
    const opening = this.jobs === 0 && node < model.jobCount ? this.emptyRouteCost(model) : 0;
    if (nextLoc >= 0) {
      if (t + time[l * size + nextLoc]! > limit) return Infinity;
      return cost[prevLoc * size + l]! + cost[l * size + nextLoc]! - cost[prevLoc * size + nextLoc]! + opening;
    }
    if (t > limit) return Infinity;
    return cost[prevLoc * size + l]! + opening;
  }

  private emptyRouteCost(model: Model): number {
    const veh = model.vehicles[this.vehicle]!;
    return veh.endLoc >= 0 ? model.cost[veh.startLoc * model.size + veh.endLoc]! : 0;
  }

  insert(model: Model, node: number, pos: number): void {
    this.nodes.splice(pos, 0, node);
    this.update(model);
  }
}
