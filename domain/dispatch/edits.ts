/**
 * The dispatcher's edits to a proposal: checked for shape against the proposal (synchronously,
 * so an Update validator can refuse them before they reach history), then applied to the
 * proposal's assignment. Whether the result is feasible is `evaluateAssignment`'s question.
 */
import type { Assignment, DispatchEdit, Proposal } from './types';

export const MAX_EDITS = 200;

/** Why the edits are malformed, or null when each names a known job, technician and position. */
export function editsProblem(proposal: Proposal, technicianIds: readonly string[], edits: readonly DispatchEdit[]): string | null {
  if (!Array.isArray(edits)) return 'edits must be a list.';
  if (edits.length > MAX_EDITS) return `At most ${MAX_EDITS} edits at once.`;
  const known = new Set<number>([...proposal.routes.flatMap((r) => r.stops.map((s) => s.workOrderNumber)), ...proposal.unassigned.map((u) => u.workOrderNumber)]);
  const started = new Set(proposal.routes.flatMap((r) => r.stops.filter((s) => s.started).map((s) => s.workOrderNumber)));
  const techs = new Set(technicianIds);
  let assignment = assignmentOfProposal(proposal);
  for (const [i, edit] of edits.entries()) {
    const at = `edits[${i}]`;
    if (typeof edit !== 'object' || edit === null) return `${at} must be an object.`;
    if (!['move', 'lock', 'unassign'].includes(edit.kind)) return `${at}.kind must be move, lock or unassign.`;
    if (!Number.isInteger(edit.workOrderNumber) || !known.has(edit.workOrderNumber)) return `${at}: work order #${String(edit.workOrderNumber)} is not in this proposal.`;
    if (started.has(edit.workOrderNumber)) return `${at}: work order #${edit.workOrderNumber} has started and stays where it is.`;
    if (edit.kind !== 'unassign' && !techs.has(edit.technicianId)) return `${at}: technician ${String(edit.technicianId)} is not available on this plan's day.`;
    if (edit.kind === 'move' && edit.position !== undefined) {
      const length = (assignment.routes[edit.technicianId] ?? []).filter((n) => n !== edit.workOrderNumber).length;
      if (!Number.isInteger(edit.position) || edit.position < 0 || edit.position > length) return `${at}.position must be between 0 and ${length}.`;
    }
    assignment = applyEdits(assignment, [edit]).assignment;
  }
  return null;
}

/** The edits applied in order; locks accumulate on top of `locks`. */
export function applyEdits(
  assignment: Assignment,
  edits: readonly DispatchEdit[],
  locks: Readonly<Record<string, string>> = {},
): { assignment: Assignment; locks: Record<string, string> } {
  const routes: Record<string, number[]> = Object.fromEntries(Object.entries(assignment.routes).map(([id, numbers]) => [id, [...numbers]]));
  let unassigned = [...assignment.unassigned];
  const nextLocks: Record<string, string> = { ...locks };
  const remove = (number: number): { technicianId: string; index: number } | null => {
    unassigned = unassigned.filter((n) => n !== number);
    for (const [technicianId, numbers] of Object.entries(routes)) {
      const index = numbers.indexOf(number);
      if (index >= 0) {
        numbers.splice(index, 1);
        return { technicianId, index };
      }
    }
    return null;
  };
  for (const edit of edits) {
    const key = String(edit.workOrderNumber);
    if (edit.kind === 'unassign') {
      remove(edit.workOrderNumber);
      unassigned.push(edit.workOrderNumber);
      delete nextLocks[key];
      continue;
    }
    if (edit.kind === 'lock') {
      nextLocks[key] = edit.technicianId;
      const was = remove(edit.workOrderNumber);
      const route = (routes[edit.technicianId] ??= []);
      // Already with this technician: stays at its place; otherwise it joins the end.
      route.splice(was?.technicianId === edit.technicianId ? was.index : route.length, 0, edit.workOrderNumber);
      continue;
    }
    remove(edit.workOrderNumber);
    if (nextLocks[key] !== undefined && nextLocks[key] !== edit.technicianId) delete nextLocks[key];
    const route = (routes[edit.technicianId] ??= []);
    route.splice(edit.position ?? route.length, 0, edit.workOrderNumber);
  }
  return { assignment: { routes, unassigned: unassigned.sort((a, b) => a - b) }, locks: nextLocks };
}

function assignmentOfProposal(proposal: Proposal): Assignment {
  return {
    routes: Object.fromEntries(proposal.routes.map((r) => [r.technicianId, r.stops.map((s) => s.workOrderNumber)])),
    unassigned: proposal.unassigned.map((u) => u.workOrderNumber),
  };
}
