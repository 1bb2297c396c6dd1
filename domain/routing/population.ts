/**
 * The genetic search's population (HGS, Vidal 2012): a feasible and an infeasible
 * sub-population, each grown to μ + λ and then cut back to μ by removing the members of worst
 * biased fitness — a blend of their cost rank and their diversity rank (mean broken-pairs
 * distance to their closest members), clones first. Parents are drawn by binary tournament on
 * that fitness, so good and different individuals both get to breed.
 */
import { brokenPairs, penalisedCostOf, type Individual } from './individual';
import type { Rng } from './rng';
import type { Penalties } from './segments';

export const POPULATION = { mu: 25, lambda: 40, elite: 4, close: 5 };

interface Member {
  readonly ind: Individual;
  /** Other members of the same sub-population by broken-pairs distance, closest first. */
  near: { distance: number; member: Member }[];
  fitness: number;
}

class SubPopulation {
  members: Member[] = [];

  constructor(private readonly n: number) {}

  add(ind: Individual, p: Penalties): void {
    const member: Member = { ind, near: [], fitness: 0 };
    for (const other of this.members) {
      const distance = brokenPairs(ind, other.ind, this.n);
      insertSorted(member.near, { distance, member: other });
      insertSorted(other.near, { distance, member });
    }
    this.members.push(member);
    if (this.members.length > POPULATION.mu + POPULATION.lambda) {
      while (this.members.length > POPULATION.mu) this.removeWorst(p);
    }
  }

  updateFitness(p: Penalties): void {
    const size = this.members.length;
    if (size === 0) return;
    if (size === 1) {
      this.members[0]!.fitness = 0;
      return;
    }
    const byCost = [...this.members].sort((a, b) => penalisedCostOf(a.ind, p) - penalisedCostOf(b.ind, p));
    const diversity = new Map(this.members.map((m) => [m, meanClosest(m)]));
    const byDiversity = [...this.members].sort((a, b) => diversity.get(b)! - diversity.get(a)!);
    const diversityRank = new Map(byDiversity.map((m, k) => [m, k / (size - 1)]));
    const weight = 1 - POPULATION.elite / size;
    byCost.forEach((m, k) => (m.fitness = k / (size - 1) + Math.max(0, weight) * diversityRank.get(m)!));
  }

  private removeWorst(p: Penalties): void {
    this.updateFitness(p);
    let worst = 0;
    let worstIsClone = false;
    this.members.forEach((m, k) => {
      const clone = (m.near[0]?.distance ?? 1) < 1e-9;
      if ((clone && !worstIsClone) || (clone === worstIsClone && m.fitness > this.members[worst]!.fitness)) {
        worst = k;
        worstIsClone = clone;
      }
    });
    const [gone] = this.members.splice(worst, 1);
    for (const m of this.members) m.near = m.near.filter((e) => e.member !== gone);
  }
}

function insertSorted(list: { distance: number; member: Member }[], entry: { distance: number; member: Member }): void {
  let k = list.length;
  while (k > 0 && list[k - 1]!.distance > entry.distance) k--;
  list.splice(k, 0, entry);
}

function meanClosest(m: Member): number {
  const k = Math.min(POPULATION.close, m.near.length);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += m.near[i]!.distance;
  return k > 0 ? sum / k : 0;
}

export class Population {
  private readonly feasible: SubPopulation;
  private readonly infeasible: SubPopulation;

  constructor(n: number) {
    this.feasible = new SubPopulation(n);
    this.infeasible = new SubPopulation(n);
  }

  get size(): number {
    return this.feasible.members.length + this.infeasible.members.length;
  }

  add(ind: Individual, p: Penalties): void {
    (ind.feasible ? this.feasible : this.infeasible).add(ind, p);
  }

  /** Two parents, each the fitter of two members drawn at random from both sub-populations. */
  parents(rng: Rng, p: Penalties): [Individual, Individual] {
    this.feasible.updateFitness(p);
    this.infeasible.updateFitness(p);
    const all = [...this.feasible.members, ...this.infeasible.members];
    const pick = () => {
      const a = all[rng.int(all.length)]!;
      const b = all[rng.int(all.length)]!;
      return (a.fitness <= b.fitness ? a : b).ind;
    };
    return [pick(), pick()];
  }
}
