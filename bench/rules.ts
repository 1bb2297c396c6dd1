/**
 * `npm run bench:rules [-- --rules 200 --events 10000 --json PATH]`
 *
 * Keel's rules code path (the rules activity minus its Postgres reads: facts for the event,
 * the cached engine pool with Keel's operators, the restricted fact resolver and chain guard,
 * verdicts mapped back onto the rule, actions resolved) against bare json-rules-engine: one
 * engine built once from the same conditions and operators, facts passed as plain runtime
 * facts with its default JSONPath resolver. Same rules, same events, same process, same run.
 * Then p95 per event at 100 and 1,000 rules on Keel's path.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Engine, type NestedCondition } from 'json-rules-engine';
import { isLeaf, type ConditionNode, type VersionedRule } from '../domain/rules/index';
import { RuleEngines } from '../rules/evaluate';
import { KEEL_OPERATORS } from '../rules/operators';
import { resolveActions } from '../rules/resolve-actions';
import { summarise, type Summary } from './latency';
import { makeEvents, makeRules, prng, type WorkloadEvent } from './rules-workload';
import { writeBenchReport } from './bench-report';

const { values } = parseArgs({ options: { rules: { type: 'string', default: '200' }, events: { type: 'string', default: '10000' }, json: { type: 'string' } } });
const RULES = Number(values.rules);
const EVENTS = Number(values.events);

const directory = {
  teamAgents: async () => [], nextInRotation: async () => null, leastLoaded: async () => null, withSkills: async (c: string[]) => c,
};

async function keelPath(rules: VersionedRule[], events: WorkloadEvent[]): Promise<{ summary: Summary; fired: number }> {
  const engines = new RuleEngines();
  const ruleSet = { orgId: 'bench', version: 1, rules };
  let fired = 0;
  const latencies: number[] = [];
  const started = performance.now();
  for (const { event, facts } of events) {
    const t0 = performance.now();
    const verdicts = await engines.evaluate({ ruleSet, event: event.type, facts, fired: [] });
    for (const verdict of verdicts) {
      if (!verdict.matched) continue;
      fired += 1;
      await resolveActions(verdict.rule.definition.actions, facts, directory, { ruleId: verdict.rule.id, ruleName: verdict.rule.definition.name, event: event.type });
    }
    latencies.push(performance.now() - t0);
  }
  return { summary: summarise(latencies, performance.now() - started), fired };
}

/** The same conditions as a developer would hand them to json-rules-engine directly. */
function bareCondition(node: ConditionNode): NestedCondition {
  if (isLeaf(node)) {
    const [root, ...rest] = node.fact.split('.');
    return { fact: root ?? '', path: `$.${rest.join('.')}`, operator: node.operator, value: node.value ?? null };
  }
  if ('all' in node) return { all: node.all.map(bareCondition) };
  if ('any' in node) return { any: node.any.map(bareCondition) };
  return { not: bareCondition(node.not) };
}

async function barePath(rules: VersionedRule[], events: WorkloadEvent[]): Promise<{ summary: Summary; fired: number }> {
  const engines = new Map<string, Engine>();
  for (const type of ['ticket.created', 'ticket.updated', 'ticket.customer_replied']) {
    const engine = new Engine([], { allowUndefinedFacts: true });
    for (const operator of KEEL_OPERATORS) engine.addOperator(operator);
    rules.filter((rule) => rule.definition.events.includes(type as never)).forEach((rule, i, all) => {
      engine.addRule({ name: rule.id, priority: all.length - i, conditions: { all: [bareCondition(rule.definition.conditions)] }, event: { type: 'fire' } });
    });
    engines.set(type, engine);
  }
  let fired = 0;
  const latencies: number[] = [];
  const started = performance.now();
  for (const { event, facts } of events) {
    const t0 = performance.now();
    const { results } = await (engines.get(event.type) as Engine).run({ ...facts });
    fired += results.length;
    latencies.push(performance.now() - t0);
  }
  return { summary: summarise(latencies, performance.now() - started), fired };
}

async function main(): Promise<void> {
  const random = prng(42);
  const rules = makeRules(RULES, random);
  const events = makeEvents(EVENTS, random);
  // Warm both paths (JIT, engine compilation) on a slice before measuring.
  await keelPath(rules, events.slice(0, 200));
  await barePath(rules, events.slice(0, 200));
  const bare = await barePath(rules, events);
  const keel = await keelPath(rules, events);
  if (bare.fired !== keel.fired) throw new Error(`the two paths disagree: keel fired ${keel.fired}, bare ${bare.fired}`);
  const scale: Record<string, Summary> = {};
  for (const count of [100, 1000]) scale[`rules${count}`] = (await keelPath(makeRules(count, prng(count)), makeEvents(2000, prng(count + 1)))).summary;

  const report = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
    params: { rules: RULES, events: EVENTS, firings: keel.fired },
    keel: keel.summary,
    bare: bare.summary,
    ratio: Math.round((keel.summary.opsPerSec / bare.summary.opsPerSec) * 100) / 100,
    p95PerEvent: { rules100: scale.rules100?.p95, rules1000: scale.rules1000?.p95 },
    scale,
  };
  const out = await writeBenchReport('rules', report, values.json);
  console.log(`bench:rules — ${RULES} rules × ${EVENTS} events, ${keel.fired} firings`);
  console.log(`keel path: ${keel.summary.opsPerSec} events/s (p50 ${keel.summary.p50} ms, p95 ${keel.summary.p95} ms)`);
  console.log(`bare json-rules-engine: ${bare.summary.opsPerSec} events/s (p50 ${bare.summary.p50} ms, p95 ${bare.summary.p95} ms)`);
  console.log(`ratio keel/bare: ${report.ratio}`);
  console.log(`p95 per event on Keel's path: 100 rules ${report.p95PerEvent.rules100} ms, 1,000 rules ${report.p95PerEvent.rules1000} ms`);
  console.log(`JSON written to ${out}`);
}

await main();
