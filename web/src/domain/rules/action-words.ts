import type { ResolvedAction, RuleAction } from '../../api/types';

/** Words for actions, as the designer's lists and the ticket timeline show them. */
type NameOf = (id: string) => string;
const identity: NameOf = (id) => id;

export function describeRuleAction(action: RuleAction, nameOf: NameOf = identity, teamOf: NameOf = identity): string {
  switch (action.type) {
    case 'set_priority': return `set priority ${action.priority}`;
    case 'set_status': return `set status ${action.status}`;
    case 'add_tags': return `add tag${action.tags.length === 1 ? '' : 's'} ${action.tags.join(', ')}`;
    case 'remove_tags': return `remove tag${action.tags.length === 1 ? '' : 's'} ${action.tags.join(', ')}`;
    case 'set_field': return `set ${action.key} = ${String(action.value)}`;
    case 'assign_agent': return `assign to ${nameOf(action.agentId)}`;
    case 'assign_team': return `assign to team ${teamOf(action.teamId)} (${action.strategy.replace('_', ' ')})`;
    case 'add_note': return 'add an internal note';
    case 'reply': return 'reply to the customer';
    case 'notify': return `notify ${action.recipient.kind === 'assignee' ? 'the assignee' : action.recipient.kind === 'user' ? nameOf(action.recipient.userId) : `team ${teamOf(action.recipient.teamId)}`} (${action.channel === 'in_app' ? 'in app' : 'email'})`;
    case 'webhook': return `call ${action.method} ${action.url}`;
    case 'escalate': return ['escalate', action.priority && `to ${action.priority}`, action.teamId && `to team ${teamOf(action.teamId)}`].filter(Boolean).join(' ');
  }
}

export function describeResolvedAction(action: ResolvedAction, nameOf: NameOf = identity, teamOf: NameOf = identity): string {
  switch (action.kind) {
    case 'patch': {
      const parts: string[] = [];
      if (action.priority) parts.push(`set priority ${action.priority}`);
      if (action.tags) parts.push(`set tags ${action.tags.length ? action.tags.join(', ') : '(none)'}`);
      for (const [key, value] of Object.entries(action.fields ?? {})) parts.push(`set ${key} = ${String(value)}`);
      return parts.join(', ') || 'change nothing';
    }
    case 'setStatus': return `set status ${action.status}`;
    case 'assign': {
      const parts: string[] = [];
      if (action.assigneeId !== undefined) parts.push(action.assigneeId ? `assign to ${nameOf(action.assigneeId)}` : 'unassign');
      if (action.teamId !== undefined) parts.push(action.teamId ? `assign to team ${teamOf(action.teamId)}` : 'clear the team');
      return parts.join(', ') || 'assign';
    }
    case 'reply': return action.visibility === 'internal' ? 'add an internal note' : 'reply to the customer';
    case 'notify': return `notify ${action.userIds.length ? action.userIds.map(nameOf).join(', ') : 'nobody'} (${action.channel === 'in_app' ? 'in app' : 'email'})`;
    case 'webhook': return `call ${action.method} ${action.url}`;
  }
}

/** Either kind of action, as stored firings may carry one or the other. */
export function describeAnyAction(action: RuleAction | ResolvedAction, nameOf: NameOf = identity, teamOf: NameOf = identity): string {
  return 'kind' in action ? describeResolvedAction(action, nameOf, teamOf) : describeRuleAction(action, nameOf, teamOf);
}
