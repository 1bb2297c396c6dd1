import type { ConditionGroup, RuleAction, RuleDefinition, RuleEventType, TimeTrigger } from '../../api/types';

/** The designer's JSON view: a definition as text, and back. */
export function definitionToJson(definition: RuleDefinition): string {
  return JSON.stringify(definition, null, 2);
}

export type ParsedDefinition = { ok: true; definition: RuleDefinition } | { ok: false; error: string };

/**
 * Parses the JSON view. Only what the tree editor needs to render is checked here (the
 * server validates the rest and answers with pointers); missing optional fields default.
 */
export function parseDefinitionJson(text: string): ParsedDefinition {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!isObject(raw)) return { ok: false, error: 'A rule is a JSON object.' };
  if (typeof raw.name !== 'string') return { ok: false, error: '/name: a string is needed.' };
  if (raw.description !== undefined && typeof raw.description !== 'string') return { ok: false, error: '/description: a string is needed.' };
  if (!Array.isArray(raw.events) || !raw.events.every((event) => typeof event === 'string')) return { ok: false, error: '/events: a list of event names is needed.' };
  if (raw.timeTrigger !== undefined && raw.timeTrigger !== null && !isObject(raw.timeTrigger)) return { ok: false, error: '/timeTrigger: an object or null is needed.' };
  const treeError = checkTree(raw.conditions, '/conditions', true);
  if (treeError) return { ok: false, error: treeError };
  if (!Array.isArray(raw.actions)) return { ok: false, error: '/actions: a list is needed.' };
  const badAction = raw.actions.findIndex((action) => !isObject(action) || typeof action.type !== 'string');
  if (badAction >= 0) return { ok: false, error: `/actions/${badAction}: an action needs a "type".` };
  if (raw.stopProcessing !== undefined && typeof raw.stopProcessing !== 'boolean') return { ok: false, error: '/stopProcessing: true or false.' };
  const extra = Object.keys(raw).filter((key) => !['name', 'description', 'events', 'timeTrigger', 'conditions', 'actions', 'stopProcessing'].includes(key));
  if (extra.length) return { ok: false, error: `Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}.` };
  return {
    ok: true,
    definition: {
      name: raw.name,
      description: (raw.description as string | undefined) ?? '',
      events: raw.events as RuleEventType[],
      timeTrigger: (raw.timeTrigger as TimeTrigger | null | undefined) ?? null,
      conditions: raw.conditions as ConditionGroup,
      actions: raw.actions as RuleAction[],
      stopProcessing: (raw.stopProcessing as boolean | undefined) ?? false,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkTree(node: unknown, pointer: string, root = false): string | null {
  if (!isObject(node)) return `${pointer}: a condition or group object is needed.`;
  const keys = Object.keys(node);
  if ('fact' in node) {
    if (root) return `${pointer}: the top of the conditions must be an all, any or not group.`;
    if (typeof node.fact !== 'string' || typeof node.operator !== 'string') return `${pointer}: a condition needs "fact" and "operator" strings.`;
    return null;
  }
  if (keys.length !== 1) return `${pointer}: a group has exactly one of "all", "any" or "not".`;
  const [kind] = keys;
  if (kind === 'not') return checkTree(node.not, `${pointer}/not`);
  if (kind !== 'all' && kind !== 'any') return `${pointer}: a group has exactly one of "all", "any" or "not".`;
  const children = node[kind];
  if (!Array.isArray(children)) return `${pointer}/${kind}: a list is needed.`;
  for (const [i, child] of children.entries()) {
    const error = checkTree(child, `${pointer}/${kind}/${i}`);
    if (error) return error;
  }
  return null;
}
