import { describe, expect, it } from 'vitest';
import { RuleEngines, type RuleSet } from './evaluate';
import { factsFor } from '../domain/rules/facts';
import { rule, snapshot } from './test-factories';

const created = factsFor(snapshot(), { type: 'ticket.created', changes: {} });
const set = (...rules: ReturnType<typeof rule>[]): RuleSet => ({ orgId: 'org', version: 1, rules });
const matchedIds = (verdicts: { rule: { id: string }; matched: boolean }[]) => verdicts.filter((v) => v.matched).map((v) => v.rule.id);

describe('rule engine', () => {
  it('fires only the rules whose trigger event and conditions hold, in the org order', async () => {
    const refund = rule({ position: 2, conditions: { all: [{ fact: 'ticket.subject', operator: 'contains', value: 'REFUND' }] } });
    const urgent = rule({ position: 1, conditions: { all: [{ fact: 'ticket.priority', operator: 'equal', value: 'urgent' }] } });
    const onUpdate = rule({ position: 0, events: ['ticket.updated'] });
    const anyTag = rule({ position: 3, conditions: { any: [{ fact: 'ticket.tags', operator: 'contains', value: 'Billing' }, { fact: 'ticket.number', operator: 'lessThan', value: 0 }] } });
    const verdicts = await new RuleEngines().evaluate({ ruleSet: set(refund, urgent, onUpdate, anyTag), event: 'ticket.created', facts: created });
    expect(verdicts.map((v) => v.rule.id)).toEqual([urgent.id, refund.id, anyTag.id]);
    expect(matchedIds(verdicts)).toEqual([refund.id, anyTag.id]);
  });

  it('stops later rules after a stop-processing rule fires', async () => {
    const first = rule({ position: 1, stopProcessing: true });
    const second = rule({ position: 2 });
    const verdicts = await new RuleEngines().evaluate({ ruleSet: set(first, second), event: 'ticket.created', facts: created });
    expect(matchedIds(verdicts)).toEqual([first.id]);
  });

  it('does not fire a rule again within its chain', async () => {
    const once = rule({});
    const verdicts = await new RuleEngines().evaluate({ ruleSet: set(once), event: 'ticket.created', facts: created, fired: [once.id] });
    expect(matchedIds(verdicts)).toEqual([]);
  });

  it('sees changes: changed, changed to, changed from, on custom fields too', async () => {
    const facts = factsFor(snapshot(), { type: 'ticket.updated', changes: { status: { from: 'open', to: 'pending' }, 'fields.plan': { from: 'pro', to: 'free' } } });
    const toPending = rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.status', operator: 'changedTo', value: 'pending' }] } });
    const fromOpen = rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.status', operator: 'changedFrom', value: 'open' }] } });
    const toSolved = rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.status', operator: 'changedTo', value: 'solved' }] } });
    const priority = rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.priority', operator: 'changed' }] } });
    const plan = rule({ events: ['ticket.updated'], conditions: { all: [{ fact: 'change.fields.plan', operator: 'changedTo', value: 'free' }] } });
    const verdicts = await new RuleEngines().evaluate({ ruleSet: set(toPending, fromOpen, toSolved, priority, plan), event: 'ticket.updated', facts });
    expect(matchedIds(verdicts)).toEqual([toPending.id, fromOpen.id, plan.id]);
  });

  it('nests all / any / not and reports what each leaf saw', async () => {
    const nested = rule({
      conditions: { all: [
        { not: { fact: 'ticket.status', operator: 'in', value: ['solved', 'closed'] } },
        { any: [{ fact: 'requester.domain', operator: 'matches', value: '^acme\\.' }, { fact: 'ticket.priority', operator: 'equal', value: 'high' }] },
      ] },
    });
    const [verdict] = await new RuleEngines().evaluate({ ruleSet: set(nested), event: 'ticket.created', facts: created });
    expect(verdict?.matched).toBe(true);
    expect(verdict?.conditions).toMatchObject({ all: [{ not: { fact: 'ticket.status', factValue: 'open', result: false } }, { any: [{ fact: 'requester.domain', factValue: 'acme.test', result: true }, {}] }] });
  });

  it('refuses catastrophic patterns at run time instead of hanging', async () => {
    const evil = rule({ conditions: { all: [{ fact: 'ticket.subject', operator: 'matches', value: '(a+)+$' }] } });
    const facts = factsFor(snapshot({ ticket: { subject: `${'a'.repeat(40)}!` } }), { type: 'ticket.created', changes: {} });
    const verdicts = await new RuleEngines().evaluate({ ruleSet: set(evil), event: 'ticket.created', facts });
    expect(matchedIds(verdicts)).toEqual([]);
  });

  it('resolves fact paths in its own data only: no prototype, no JSONPath', async () => {
    const probes = ['ticket.__proto__', 'ticket.constructor', '$..subject', 'ticket.tags.length'].map((fact) => rule({ conditions: { all: [{ fact, operator: 'isNotEmpty' }] } }));
    const verdicts = await new RuleEngines().evaluate({ ruleSet: set(...probes), event: 'ticket.created', facts: created });
    expect(matchedIds(verdicts)).toEqual([]);
  });

  it('compiles an engine once per rule-set version and reuses it', async () => {
    const engines = new RuleEngines();
    const ruleSet = set(rule({}));
    await Promise.all(Array.from({ length: 3 }, () => engines.evaluate({ ruleSet, event: 'ticket.created', facts: created })));
    const afterBurst = engines.compiled;
    for (let i = 0; i < 10; i += 1) await engines.evaluate({ ruleSet, event: 'ticket.created', facts: created });
    expect(engines.compiled).toBe(afterBurst);
    await engines.evaluate({ ruleSet: { ...ruleSet, version: 2 }, event: 'ticket.created', facts: created });
    expect(engines.compiled).toBe(afterBurst + 1);
  });
});
