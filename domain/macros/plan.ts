import { renderTemplate } from '../rules/placeholders';
import type { TicketPriority, TicketStatus } from '../ticket/status';
import { normaliseTags, type CustomFieldValue } from '../ticket/state';
import type { Visibility } from '../ticket/events';
import type { MacroAction, MacroDefinition } from './macro';

/**
 * A macro made concrete for one ticket: at most one command of each kind, in the order they
 * are sent (fields, then assignment, then status, so a macro that solves a ticket solves it
 * last), and the reply text for the composer with its placeholders filled.
 */
export interface MacroPlan {
  /**
   * Tags go as additions and removals (never a whole set read beforehand), so the workflow
   * applies them to the tags it holds and a concurrent tag change is kept.
   */
  patch: { priority?: TicketPriority; addTags?: string[]; removeTags?: string[]; fields?: Record<string, CustomFieldValue> } | null;
  assign: { assigneeId?: string | null; teamId?: string | null } | null;
  status: TicketStatus | null;
  reply: { body: string; visibility: Visibility };
}

export interface MacroTarget {
  /** Who applies the macro (`assign_agent: me`). */
  actorId: string;
  /** What placeholders read: `{{ticket.number}}`, `{{requester.name}}`, `{{agent.name}}`… */
  facts: object;
}

/** Later actions of a kind win over earlier ones, as if applied one after another. */
export function planMacro(macro: Pick<MacroDefinition, 'reply' | 'actions'>, target: MacroTarget): MacroPlan {
  const patch: NonNullable<MacroPlan['patch']> = {};
  const assign: NonNullable<MacroPlan['assign']> = {};
  let status: TicketStatus | null = null;
  // A tag's last action wins: added then removed is removed, and the other way round.
  const tags = new Map<string, 'add' | 'remove'>();
  for (const action of macro.actions) {
    switch (action.type) {
      case 'set_status': status = action.status; break;
      case 'set_priority': patch.priority = action.priority; break;
      case 'add_tags': for (const tag of normaliseTags(action.tags)) tags.set(tag, 'add'); break;
      case 'remove_tags': for (const tag of normaliseTags(action.tags)) tags.set(tag, 'remove'); break;
      case 'set_field': patch.fields = { ...patch.fields, [action.key]: action.value }; break;
      case 'assign_agent': assign.assigneeId = action.agentId === 'me' ? target.actorId : action.agentId; break;
      case 'assign_team': assign.teamId = action.teamId; break;
    }
  }
  const named = (change: 'add' | 'remove') => [...tags].filter(([, what]) => what === change).map(([tag]) => tag).sort();
  if (named('add').length > 0) patch.addTags = named('add');
  if (named('remove').length > 0) patch.removeTags = named('remove');
  return {
    patch: Object.keys(patch).length > 0 ? patch : null,
    assign: Object.keys(assign).length > 0 ? assign : null,
    status,
    reply: { body: renderTemplate(macro.reply.body, target.facts), visibility: macro.reply.visibility },
  };
}

/** The action types a macro may hold, for validation and the console's editor. */
export const MACRO_ACTION_TYPES = ['set_status', 'set_priority', 'add_tags', 'remove_tags', 'set_field', 'assign_agent', 'assign_team'] as const satisfies readonly MacroAction['type'][];
