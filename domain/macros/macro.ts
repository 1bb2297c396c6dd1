import type { TicketPriority, TicketStatus } from '../ticket/status';
import type { CustomFieldValue } from '../ticket/state';
import type { Visibility } from '../ticket/events';

/**
 * What a macro does to the ticket it is applied to, named as rule actions are. `assign_agent`
 * with `me` assigns whoever applies it; null clears the assignee (as `assign_team` null does).
 */
export type MacroAction =
  | { type: 'set_status'; status: TicketStatus }
  | { type: 'set_priority'; priority: TicketPriority }
  | { type: 'add_tags'; tags: string[] }
  | { type: 'remove_tags'; tags: string[] }
  | { type: 'set_field'; key: string; value: CustomFieldValue }
  | { type: 'assign_agent'; agentId: string | 'me' | null }
  | { type: 'assign_team'; teamId: string | null };

export type MacroActionType = MacroAction['type'];

/** A macro as its author writes it: a reply template (may be empty) and actions. */
export interface MacroDefinition {
  name: string;
  reply: { body: string; visibility: Visibility };
  actions: MacroAction[];
}
