import { applyClockCommand, dueAt, nextDeadline, observe, type Clock, type ClockCommand } from './clock';
import type { SlaTargetKind } from './policy';

/** One target of a ticket, as its per-ticket clock workflow holds it (one `sla_clocks` row). */
export interface TargetClock {
  cycle: number;
  policyId: string;
  clock: Clock;
}

/** What the ticket tells its clock workflow about one change: every time is the ticket's own. */
export type TargetCommand = ClockCommand;

export type TicketClockCommand =
  | { type: 'apply'; kinds: SlaTargetKind[]; command: TargetCommand }
  | { type: 'start'; target: TargetClock };

/** A share reached, as the ticket's timeline records it. */
export type SlaEventReached =
  | { type: 'warning'; target: SlaTargetKind; cycle: number; dueAt: string | null }
  | { type: 'breached'; target: SlaTargetKind; cycle: number; at: string };

export const isOpen = (target: TargetClock): boolean => target.clock.state === 'running' || target.clock.state === 'paused';

/** The next instant anything may happen to any of the targets: one timer for all of them. */
export function nextTargetDeadline(targets: readonly TargetClock[]): number | null {
  let next: number | null = null;
  for (const target of targets) {
    const at = nextDeadline(target.clock);
    if (at !== null && (next === null || at < next)) next = at;
  }
  return next;
}

/**
 * Notes every share reached by `at`, each once. A warning and a breach reached together are
 * one breach, as a single clock always reported them.
 */
export function settleTargets(targets: readonly TargetClock[], at: number): { targets: TargetClock[]; events: SlaEventReached[]; changed: SlaTargetKind[] } {
  const events: SlaEventReached[] = [];
  const changed: SlaTargetKind[] = [];
  const next = targets.map((target) => {
    if (!isOpen(target)) return target;
    const seen = observe(target.clock, at);
    if (!seen.warned && !seen.breached) return target;
    changed.push(target.clock.kind);
    const { kind } = seen.clock;
    if (seen.breached) events.push({ type: 'breached', target: kind, cycle: target.cycle, at: new Date(at).toISOString() });
    else {
      const due = dueAt(seen.clock);
      events.push({ type: 'warning', target: kind, cycle: target.cycle, dueAt: due === null ? null : new Date(due).toISOString() });
    }
    return { ...target, clock: seen.clock };
  });
  return { targets: next, events, changed };
}

/**
 * Applies one command of the ticket: shares reached before it are noted first (at the
 * command's time), and a new target is settled again at once (a lowered target may already
 * be reached).
 */
export function applyTicketCommand(targets: readonly TargetClock[], command: TicketClockCommand): { targets: TargetClock[]; events: SlaEventReached[]; changed: SlaTargetKind[] } {
  if (command.type === 'start') {
    const kept = targets.filter((target) => target.clock.kind !== command.target.clock.kind || isOpen(target));
    const started = settleTargets([command.target], command.target.clock.startedAt);
    return { targets: [...kept, ...started.targets], events: started.events, changed: [command.target.clock.kind] };
  }
  const { command: change, kinds } = command;
  const before = settleTargets(targets, change.at);
  const changed = new Set(before.changed);
  const applied = before.targets.map((target) => {
    if (!kinds.includes(target.clock.kind) || !isOpen(target)) return target;
    changed.add(target.clock.kind);
    return { ...target, clock: applyClockCommand(target.clock, change) };
  });
  const after = change.type === 'retarget' ? settleTargets(applied, change.at) : { targets: applied, events: [], changed: [] };
  for (const kind of after.changed) changed.add(kind);
  return { targets: after.targets, events: [...before.events, ...after.events], changed: [...changed] };
}

