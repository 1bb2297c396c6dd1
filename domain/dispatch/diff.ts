/** What changes between two proposals: the dispatcher sees a re-plan as a diff. */
import type { Proposal } from './types';

export interface ProposalChange {
  readonly workOrderNumber: number;
  readonly kind: 'added' | 'moved' | 'retimed' | 'unassigned' | 'unchanged';
  readonly from: { readonly technicianId: string; readonly start: string } | null;
  readonly to: { readonly technicianId: string; readonly start: string } | null;
}

export function diffProposals(before: Proposal | null, after: Proposal): ProposalChange[] {
  const placed = (p: Proposal | null) =>
    new Map((p?.routes ?? []).flatMap((r) => r.stops.map((s) => [s.workOrderNumber, { technicianId: r.technicianId, start: s.start }] as const)));
  const was = placed(before);
  const now = placed(after);
  const numbers = [...new Set([...was.keys(), ...now.keys(), ...after.unassigned.map((u) => u.workOrderNumber)])].sort((a, b) => a - b);
  return numbers.map((number) => {
    const from = was.get(number) ?? null;
    const to = now.get(number) ?? null;
    const kind: ProposalChange['kind'] = !to
      ? 'unassigned'
      : !from
        ? 'added'
        : from.technicianId !== to.technicianId
          ? 'moved'
          : from.start !== to.start
            ? 'retimed'
            : 'unchanged';
    return { workOrderNumber: number, kind, from, to };
  });
}
