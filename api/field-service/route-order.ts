import type { WorkOrderView } from '../schemas/field-service';

type Point = { lat: number; lng: number };

/** Great-circle distance in km. */
function km(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 12_742 * Math.asin(Math.sqrt(h));
}

/**
 * A day's jobs in the order to drive them: committed windows first, by start (that is the
 * dispatcher's plan); jobs without a window after them, nearest-neighbour from where the last
 * one ends (or the technician's home base).
 */
export function orderForRoute(jobs: WorkOrderView[], home: Point | null): WorkOrderView[] {
  const timed = jobs.filter((job) => job.windowStart !== null).sort((a, b) => Date.parse(a.windowStart!) - Date.parse(b.windowStart!) || a.number - b.number);
  const rest = jobs.filter((job) => job.windowStart === null);
  let here: Point | null = timed.at(-1)?.asset?.site ?? home;
  const ordered = [...timed];
  while (rest.length > 0) {
    let best = 0;
    if (here) {
      let bestDistance = Infinity;
      rest.forEach((job, index) => {
        const distance = job.asset?.site ? km(here!, job.asset.site) : Infinity;
        if (distance < bestDistance) [best, bestDistance] = [index, distance];
      });
    }
    const [next] = rest.splice(best, 1);
    ordered.push(next!);
    here = next!.asset?.site ?? here;
  }
  return ordered;
}
