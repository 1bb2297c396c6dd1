import type { Visibility } from '../ticket/events';
import type { TicketEditAction } from '../rules/actions';

/**
 * What a macro does to the ticket it is applied to, named as rule actions are. `assign_agent`
 * with `me` assigns whoever applies it; null clears the assignee (as `assign_team` null does).
 */
export type MacroAction =
  | TicketEditAction
  | { type: 'assign_agent'; agentId: string | 'me' | null }
  | { type: 'assign_team'; teamId: string | null };

export type MacroActionType = MacroAction['type'];

/** A macro as its author writes it: a reply template (may be empty) and actions. */
export interface MacroDefinition {
  name: string;
  reply: { body: string; visibility: Visibility };
  actions: MacroAction[];
}
