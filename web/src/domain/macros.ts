import type { Macro, MacroAction, MacroBody } from '../api/types';
import { MACRO_ACTION_TYPES } from '../../../domain/macros/plan';
import { STATUS_LABELS } from './lifecycle';

export type MacroActionType = MacroAction['type'];
export { MACRO_ACTION_TYPES };

/**
 * What a macro's reply may name: the rule templates' facts (`domain/rules/placeholders`, filled
 * from the ticket's snapshot as rules see it) plus the agent who applies the macro.
 */
export const MACRO_PLACEHOLDERS = [
  'ticket.number', 'ticket.subject', 'ticket.status', 'ticket.priority',
  'requester.name', 'requester.email', 'company.name', 'agent.name', 'agent.email',
] as const;

export const MACRO_ACTION_LABELS: Record<MacroActionType, string> = {
  set_status: 'Set status',
  set_priority: 'Set priority',
  add_tags: 'Add tags',
  remove_tags: 'Remove tags',
  set_field: 'Set field',
  assign_agent: 'Assign agent',
  assign_team: 'Assign team',
};

/** A new action row of a type, with a value the API accepts where one is obvious. */
export function blankMacroAction(type: MacroActionType): MacroAction {
  switch (type) {
    case 'set_status': return { type, status: 'pending' };
    case 'set_priority': return { type, priority: 'normal' };
    case 'add_tags': case 'remove_tags': return { type, tags: [] };
    case 'set_field': return { type, key: '', value: '' };
    case 'assign_agent': return { type, agentId: 'me' };
    case 'assign_team': return { type, teamId: null };
  }
}

/** Tags as typed in one box: separated by commas or spaces (a tag holds neither). */
export function parseTags(text: string): string[] {
  return text.split(/[\s,]+/).map((tag) => tag.trim()).filter(Boolean);
}

/** One line per macro for the list: what applying it does, in its order. */
export function summariseMacroActions(actions: readonly MacroAction[], names: { agent(id: string): string | undefined; team(id: string): string | undefined }): string {
  return actions.map((action) => {
    switch (action.type) {
      case 'set_status': return `status → ${STATUS_LABELS[action.status]}`;
      case 'set_priority': return `priority → ${action.priority}`;
      case 'add_tags': return `+${action.tags.join(' +')}`;
      case 'remove_tags': return `−${action.tags.join(' −')}`;
      case 'set_field': return `${action.key} = ${String(action.value)}`;
      case 'assign_agent': return action.agentId === 'me' ? 'assign → me' : action.agentId ? `assign → ${names.agent(action.agentId) ?? 'an agent'}` : 'unassign agent';
      case 'assign_team': return action.teamId ? `team → ${names.team(action.teamId) ?? 'a team'}` : 'unassign team';
    }
  }).join(' · ');
}

/** What the editor edits: the API's body with every default spelled out. */
export type MacroDraft = Required<Pick<MacroBody, 'name' | 'personal' | 'actions'>> & { reply: { body: string; visibility: 'public' | 'internal' } };

/** A copy to edit (a store's macro is a reactive proxy, which `structuredClone` refuses; it is JSON). */
export function macroDraft(macro: Macro | null, personal: boolean): MacroDraft {
  return macro
    ? JSON.parse(JSON.stringify({ name: macro.name, personal: macro.personal, reply: macro.reply, actions: macro.actions })) as MacroDraft
    : { name: '', personal, reply: { body: '', visibility: 'public' }, actions: [] };
}

/** Whether a name holds every typed word (any case), as the composer's picker matches. */
export function matchesMacroName(name: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((word) => name.toLowerCase().includes(word));
}
