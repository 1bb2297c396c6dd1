import { describe, expect, it } from 'vitest';
import { createSearch, haversineMatrix, solve } from '../../domain/routing';
import { toPlan } from '../../domain/routing/plan';
import { checkPlan } from './checker';
import { generateDay } from './instances';

const BUDGET = { maxIterations: 400, timeLimitMs: 60_000 };

describe('re-planning a live day', () => {
  it('keeps fixed (started or committed) stops, places an urgent job, and starts from the current plan', () => {
    const day = generateDay({ jobs: 41, technicians: 5, seed: 21 });
    const morningProblem = { ...day, jobs: day.jobs.slice(0, 40) };
    const morning = solve(morningProblem, { ...BUDGET, seed: 1 }).plan;
    const initialRoutes = morning.routes.map((r) => ({ technicianId: r.technicianId, jobIds: r.stops.filter((s) => s.kind === 'job').map((s) => s.id) }));
    const technicians = day.technicians.map((t) => {
      const route = initialRoutes.find((r) => r.technicianId === t.id);
      return { ...t, fixedJobs: route?.jobIds.slice(0, 1) ?? [] };
    });
    const urgent = { ...day.jobs[40]!, priority: 10, windows: [{ start: 11 * 60, end: 13 * 60 }] };
    const problem = { ...day, technicians, jobs: [...morningProblem.jobs, urgent] };
    const { plan } = solve(problem, { ...BUDGET, seed: 1, initialRoutes });
    expect(checkPlan(problem, plan)).toEqual([]);
    expect(plan.unassigned.map((u) => u.id)).not.toContain(urgent.id);
    for (const t of technicians) {
      if (t.fixedJobs.length === 0) continue;
      const route = plan.routes.find((r) => r.technicianId === t.id);
      expect(route?.stops.find((s) => s.kind === 'job')?.id).toBe(t.fixedJobs[0]);
    }
  });
});

describe('the anytime search', () => {
  it('only ever improves its best plan as it runs in slices', () => {
    const problem = generateDay({ jobs: 50, technicians: 6, seed: 5, rich: true });
    const search = createSearch(problem, { ...BUDGET, seed: 2 });
    let previous = search.progress().cost;
    while (!search.run(5)) {
      const cost = search.progress().cost;
      expect(cost.penalty <= previous.penalty).toBe(true);
      if (cost.penalty === previous.penalty) expect(cost.travel).toBeLessThanOrEqual(previous.travel + 1e-9);
      previous = cost;
    }
    expect(checkPlan(problem, toPlan(search.model, search.best()))).toEqual([]);
  });
});

describe('haversine matrix', () => {
  it('drives great-circle distance times the detour factor at the set speed', () => {
    const m = haversineMatrix([{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }], { speedMetersPerSecond: 10, detourFactor: 1 });
    // One degree of longitude on the equator is about 111.2 km.
    expect(m.distance[1]).toBeCloseTo(111_195, -2);
    expect(m.duration[1]).toBeCloseTo(m.distance[1]! / 10, 6);
    expect(m.distance[0]).toBe(0);
  });
});
