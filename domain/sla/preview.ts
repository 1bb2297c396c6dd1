import { addBusinessMillis } from '../calendar/business-time';
import type { BusinessCalendar } from '../calendar/calendar';
import { applyPolicy, policyMatches, SLA_TARGETS, type SlaPolicy, type SlaTargetKind, type SlaTicketFacts } from './policy';

export interface PolicyPreview {
  matches: boolean;
  targets: { target: SlaTargetKind; seconds: number; dueAt: string }[];
}

/**
 * "A ticket like this, opened at `openedAt`, is due at …": what an admin sees while editing
 * a policy. Due times are the opening instant plus each target in the policy's hours, so a
 * Friday-evening ticket on office hours is due on Monday.
 */
export function previewPolicy(policy: SlaPolicy, ticket: SlaTicketFacts, calendar: BusinessCalendar | null, openedAt: number): PolicyPreview {
  const applied = applyPolicy(policy, ticket.priority, calendar);
  const targets = SLA_TARGETS.flatMap((target) => {
    const seconds = applied.targets[target];
    if (seconds === undefined) return [];
    return [{ target, seconds, dueAt: new Date(addBusinessMillis(applied.calendar, openedAt, seconds * 1000)).toISOString() }];
  });
  return { matches: policyMatches(policy, ticket), targets };
}
