import type { Knex } from 'knex';
import { ruleTargets } from '../../db/rule-store';
import type { RuleDefinition } from '../../domain/rules/index';
import { RuleDefinitionSchema } from '../../rules/schema';
import { conditionDepthProblem, validateRule, type RuleDirectory, type RuleProblem } from '../../rules/validate';
import { Problem } from '../problem';
import { parse } from '../validation';

const AGENT_ROLES = ['owner', 'admin', 'agent'];

export async function ruleDirectory(trx: Knex.Transaction, orgId: string): Promise<RuleDirectory> {
  const { agentIds, teamIds } = await ruleTargets(trx, orgId, AGENT_ROLES);
  return { agentIds: new Set(agentIds), teamIds: new Set(teamIds) };
}

/**
 * A rule definition from a request: its shape first (400), then what only the org can tell
 * (422), each problem with a JSON pointer into the request body.
 */
export function checkedDefinition(raw: unknown, directory: RuleDirectory, prefix = ''): RuleDefinition {
  const tooDeep = typeof raw === 'object' && raw !== null ? conditionDepthProblem((raw as { conditions?: unknown }).conditions) : null;
  if (tooDeep) throw invalidRule([tooDeep], prefix);
  const definition = prefixPointers(() => parse(RuleDefinitionSchema, raw, 'body'), prefix);
  const problems = validateRule(definition, directory);
  if (problems.length > 0) throw invalidRule(problems, prefix);
  return definition;
}

function invalidRule(problems: readonly RuleProblem[], prefix: string): Problem {
  return new Problem(422, 'invalid-rule', 'The rule is not valid', {
    detail: problems.map((problem) => problem.message).join(' '),
    errors: problems.map((problem) => ({ pointer: `${prefix}${problem.pointer}`, message: problem.message })),
  });
}

/** Re-roots validation pointers when the definition sits inside a larger body. */
function prefixPointers<T>(work: () => T, prefix: string): T {
  try {
    return work();
  } catch (error) {
    if (prefix && error instanceof Problem && error.body.errors) {
      error.body.errors = error.body.errors.map((item) => ({ ...item, pointer: `${prefix}${item.pointer === '/' ? '' : item.pointer}` }));
    }
    throw error;
  }
}
