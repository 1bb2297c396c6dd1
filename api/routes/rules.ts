import { z } from 'zod';
import { insertRule, reorderRules } from '../../db/rule-store';
import { withTenant } from '../../db/tenant';
import { ASSIGN_STRATEGIES, RULE_EVENTS } from '../../domain/rules/index';
import { EVENT_LABELS, OPERATORS, factsWithCustomFields } from '../../rules/catalogue';
import { listFieldDefinitions } from '../../db/custom-fields';
import { RULE_TEMPLATES } from '../../rules/templates';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { created } from '../created';
import { Problem } from '../problem';
import { routeGroup } from '../route-group';
import { checkedDefinition, ruleDirectory } from '../rules/definition';
import { backtestRule, testRule } from '../rules/dry-run';
import { deleteRule, getRule, listRules, reviseRule, ruleVersions, setRuleEnabled } from '../rules/store';
import {
  BacktestBody, BacktestResultSchema, CreateRuleBody, OrderRulesBody, PatchRuleBody, RuleIdParams, RuleTestResultSchema,
  RuleVersionSchema, RuleViewSchema, TestRuleBody, UpdateRuleBody, ValidateRuleBody,
} from '../schemas/rules';

const ACTION_LABELS: Record<string, string> = {
  set_priority: 'Set priority', set_status: 'Set status', add_tags: 'Add tags', remove_tags: 'Remove tags',
  set_field: 'Set custom field', assign_agent: 'Assign to agent', assign_team: 'Assign to team', add_note: 'Add internal note',
  reply: 'Reply to requester', notify: 'Notify', webhook: 'Call webhook', escalate: 'Escalate',
};

const Rules = z.object({ data: z.array(RuleViewSchema) });
const manage = ACCESS.manageMembers;

const rulesGroup = routeGroup({ tag: 'rules', access: manage });

/** Automation rules: CRUD with versions, order, the designer's catalogue, dry runs and backtests. */
export function ruleRoutes({ db }: ApiDeps) {
  return [
    rulesGroup.get('/rules/catalogue', {
      operationId: 'getRuleCatalogue', summary: 'Events, facts, operators, actions and starter templates the rule designer offers',
      responses: { 200: { description: 'The catalogue' } },
      async handler({ auth }) {
        const definitions = await withTenant(db, auth, (trx) => listFieldDefinitions(trx, auth.orgId));
        return {
          status: 200,
          body: {
            events: RULE_EVENTS.map((type) => ({ type, label: EVENT_LABELS[type] })),
            facts: factsWithCustomFields(definitions), operators: OPERATORS,
            actions: Object.entries(ACTION_LABELS).map(([type, label]) => ({ type, label })),
            strategies: ASSIGN_STRATEGIES, templates: RULE_TEMPLATES,
          },
        };
      },
    }),
    rulesGroup.get('/rules', {
      operationId: 'listRules', summary: 'Rules in the order they run, with firing counts',
      responses: { 200: { description: 'Rules', schema: Rules } },
      async handler({ auth }) {
        return { status: 200, body: { data: await withTenant(db, auth, (trx) => listRules(trx, auth.orgId)) } };
      },
    }),
    rulesGroup.post('/rules', {
      operationId: 'createRule', summary: 'Create a rule (last in order, version 1)',
      body: CreateRuleBody, responses: { 201: { description: 'Created', schema: RuleViewSchema } },
      async handler({ auth, body }) {
        const { enabled, ...raw } = body;
        const rule = await withTenant(db, auth, async (trx) => {
          const definition = checkedDefinition(raw, await ruleDirectory(trx, auth.orgId));
          const id = await insertRule(trx, auth.orgId, auth.userId, definition, enabled);
          return getRule(trx, auth.orgId, id);
        });
        return created(`/api/v1/rules/${rule.id}`, rule);
      },
    }),
    rulesGroup.post('/rules/validate', {
      operationId: 'validateRule', summary: 'Check a draft rule without saving it',
      body: ValidateRuleBody, responses: { 200: { description: 'Valid', schema: z.object({ valid: z.literal(true) }) } },
      async handler({ auth, body }) {
        await withTenant(db, auth, async (trx) => checkedDefinition(body.definition, await ruleDirectory(trx, auth.orgId), '/definition'));
        return { status: 200, body: { valid: true } };
      },
    }),
    rulesGroup.post('/rules/order', {
      operationId: 'orderRules', summary: 'Set the order rules run in',
      body: OrderRulesBody, responses: { 200: { description: 'Rules in their new order', schema: Rules } },
      async handler({ auth, body }) {
        const rules = await withTenant(db, auth, async (trx) => {
          const unknown = await reorderRules(trx, auth.orgId, auth.userId, body.ids);
          if (unknown.length > 0) {
            throw new Problem(422, 'unknown-rule', 'No such rule', { errors: unknown.map((id) => ({ pointer: `/ids/${body.ids.indexOf(id)}`, message: `${id} is not a rule of this organization.` })) });
          }
          return listRules(trx, auth.orgId);
        });
        return { status: 200, body: { data: rules } };
      },
    }),
    rulesGroup.post('/rules/test', {
      operationId: 'testDraftRule', summary: 'Dry-run a draft rule against one ticket',
      body: TestRuleBody, responses: { 200: { description: 'What the rule would do', schema: RuleTestResultSchema } },
      async handler({ auth, body }) {
        if (body.definition === undefined) throw new Problem(400, 'validation', 'The request is not valid', { errors: [{ pointer: '/definition', message: 'A draft needs its definition.' }] });
        const result = await withTenant(db, auth, async (trx) => {
          const definition = checkedDefinition(body.definition, await ruleDirectory(trx, auth.orgId), '/definition');
          return testRule(trx, auth.orgId, body.ticketNumber, definition, { ...(body.event && { event: body.event }) });
        });
        return { status: 200, body: result };
      },
    }),
    rulesGroup.post('/rules/backtest', {
      operationId: 'backtestRule', summary: "Replay a draft over the last N tickets' recorded events; applies nothing",
      body: BacktestBody, responses: { 200: { description: 'Which tickets it would have touched, and how', schema: BacktestResultSchema } },
      async handler({ auth, body }) {
        const result = await withTenant(db, auth, async (trx) => {
          const definition = checkedDefinition(body.definition, await ruleDirectory(trx, auth.orgId), '/definition');
          return backtestRule(trx, auth.orgId, definition, body.tickets);
        });
        return { status: 200, body: result };
      },
    }),
    rulesGroup.get('/rules/{id}', {
      operationId: 'getRule', summary: 'One rule at its current version',
      params: RuleIdParams, responses: { 200: { description: 'The rule', schema: RuleViewSchema } },
      async handler({ auth, params }) {
        return { status: 200, body: await withTenant(db, auth, (trx) => getRule(trx, auth.orgId, params.id)) };
      },
    }),
    rulesGroup.put('/rules/{id}', {
      operationId: 'replaceRule', summary: 'Save a new version of a rule',
      params: RuleIdParams, body: UpdateRuleBody, responses: { 200: { description: 'The rule at its new version', schema: RuleViewSchema } },
      async handler({ auth, params, body }) {
        const rule = await withTenant(db, auth, async (trx) => {
          const definition = checkedDefinition(body, await ruleDirectory(trx, auth.orgId));
          await reviseRule(trx, auth.orgId, auth.userId, params.id, definition);
          return getRule(trx, auth.orgId, params.id);
        });
        return { status: 200, body: rule };
      },
    }),
    rulesGroup.patch('/rules/{id}', {
      operationId: 'setRuleEnabled', summary: 'Turn a rule on or off',
      params: RuleIdParams, body: PatchRuleBody, responses: { 200: { description: 'The rule', schema: RuleViewSchema } },
      async handler({ auth, params, body }) {
        const rule = await withTenant(db, auth, async (trx) => {
          await setRuleEnabled(trx, auth.orgId, auth.userId, params.id, body.enabled);
          return getRule(trx, auth.orgId, params.id);
        });
        return { status: 200, body: rule };
      },
    }),
    rulesGroup.delete('/rules/{id}', {
      operationId: 'deleteRule', summary: 'Delete a rule (its history stays)',
      params: RuleIdParams, responses: { 204: { description: 'Deleted' } },
      async handler({ auth, params }) {
        await withTenant(db, auth, (trx) => deleteRule(trx, auth.orgId, auth.userId, params.id));
        return { status: 204 };
      },
    }),
    rulesGroup.get('/rules/{id}/versions', {
      operationId: 'listRuleVersions', summary: 'Every saved version of a rule, newest first',
      params: RuleIdParams, responses: { 200: { description: 'Versions', schema: z.object({ data: z.array(RuleVersionSchema) }) } },
      async handler({ auth, params }) {
        return { status: 200, body: { data: await withTenant(db, auth, (trx) => ruleVersions(trx, auth.orgId, params.id)) } };
      },
    }),
    rulesGroup.post('/rules/{id}/test', {
      operationId: 'testRule', summary: 'Dry-run a rule (or a draft of it) against one ticket',
      params: RuleIdParams, body: TestRuleBody, responses: { 200: { description: 'What the rule would do', schema: RuleTestResultSchema } },
      async handler({ auth, params, body }) {
        const result = await withTenant(db, auth, async (trx) => {
          const saved = await getRule(trx, auth.orgId, params.id);
          const definition = body.definition === undefined
            ? checkedDefinition({ name: saved.name, description: saved.description, events: saved.events, timeTrigger: saved.timeTrigger, conditions: saved.conditions, actions: saved.actions, stopProcessing: saved.stopProcessing }, await ruleDirectory(trx, auth.orgId))
            : checkedDefinition(body.definition, await ruleDirectory(trx, auth.orgId), '/definition');
          return testRule(trx, auth.orgId, body.ticketNumber, definition, { ruleId: params.id, ...(body.event && { event: body.event }) });
        });
        return { status: 200, body: result };
      },
    }),
  ];
}
