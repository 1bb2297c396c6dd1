import type { ResolvedAction, RuleAction } from '../domain/rules/actions';
import type { RuleFacts } from '../domain/rules/facts';
import { normaliseTags } from '../domain/ticket/state';
import type { AssignmentDirectory } from '../domain/rules/assignment-directory';
import { renderJsonTemplate } from './json-template';
import { renderTemplate } from '../domain/rules/placeholders';


export interface FiringContext {
  ruleId: string;
  ruleName: string;
  event: string;
}

/**
 * Makes a rule's actions concrete for one ticket: templates rendered, strategies resolved to a
 * person, tag edits turned into the resulting tag list. The workflow applies the result as
 * ordinary commands, so a rule can do nothing a person could not.
 */
export async function resolveActions(
  actions: readonly RuleAction[],
  facts: RuleFacts,
  directory: AssignmentDirectory,
  context: FiringContext,
): Promise<ResolvedAction[]> {
  let tags = facts.ticket.tags;
  const out: ResolvedAction[] = [];
  for (const action of actions) {
    switch (action.type) {
      case 'set_priority':
        out.push({ kind: 'patch', priority: action.priority });
        break;
      case 'set_status':
        out.push({ kind: 'setStatus', status: action.status });
        break;
      case 'add_tags':
        tags = normaliseTags([...tags, ...action.tags]);
        out.push({ kind: 'patch', tags });
        break;
      case 'remove_tags': {
        const removed = new Set(normaliseTags(action.tags));
        tags = tags.filter((tag) => !removed.has(tag));
        out.push({ kind: 'patch', tags });
        break;
      }
      case 'set_field':
        out.push({ kind: 'patch', fields: { [action.key]: action.value } });
        break;
      case 'assign_agent':
        out.push({ kind: 'assign', assigneeId: action.agentId });
        break;
      case 'assign_team':
        out.push(await assignTeam(action, directory));
        break;
      case 'add_note':
        out.push({ kind: 'reply', visibility: 'internal', body: renderTemplate(action.body, facts) });
        break;
      case 'reply':
        out.push({ kind: 'reply', visibility: 'public', body: renderTemplate(action.body, facts) });
        break;
      case 'notify':
        out.push({ kind: 'notify', channel: action.channel, userIds: await recipients(action.recipient, facts, directory), message: renderTemplate(action.message, facts) });
        break;
      case 'webhook':
        out.push({ kind: 'webhook', url: action.url, method: action.method, body: action.payload === undefined ? defaultPayload(facts, context) : renderJsonTemplate(action.payload, facts) });
        break;
      case 'escalate':
        if (action.priority) out.push({ kind: 'patch', priority: action.priority });
        if (action.teamId) out.push({ kind: 'assign', teamId: action.teamId });
        if (action.note) out.push({ kind: 'reply', visibility: 'internal', body: renderTemplate(action.note, facts) });
        break;
    }
  }
  return out;
}

async function assignTeam(action: Extract<RuleAction, { type: 'assign_team' }>, directory: AssignmentDirectory): Promise<ResolvedAction> {
  if (action.strategy === 'team_only') return { kind: 'assign', teamId: action.teamId };
  let candidates = await directory.teamAgents(action.teamId);
  if (action.strategy === 'skills') candidates = await directory.withSkills(candidates, action.skills ?? []);
  const pick = action.strategy === 'round_robin'
    ? await directory.nextInRotation(action.teamId, candidates)
    : await directory.leastLoaded(candidates);
  // Nobody fits: the ticket still goes to the team's queue.
  return pick ? { kind: 'assign', teamId: action.teamId, assigneeId: pick } : { kind: 'assign', teamId: action.teamId };
}

async function recipients(recipient: Extract<RuleAction, { type: 'notify' }>['recipient'], facts: RuleFacts, directory: AssignmentDirectory): Promise<string[]> {
  switch (recipient.kind) {
    case 'assignee':
      return facts.ticket.assigneeId ? [facts.ticket.assigneeId] : [];
    case 'user':
      return [recipient.userId];
    case 'team':
      return directory.teamAgents(recipient.teamId);
  }
}

function defaultPayload(facts: RuleFacts, context: FiringContext): string {
  return JSON.stringify({ rule: { id: context.ruleId, name: context.ruleName }, event: context.event, ticket: facts.ticket, requester: facts.requester });
}
