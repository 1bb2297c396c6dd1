import { ActivityFailure, ApplicationFailure, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { ActionOutcome, RuleActivities, RuleTrigger } from '../activities/rules/evaluate-ticket-rules';
import type { RuleEffectActivities } from '../activities/rules/rule-effects';
import type { RuleInterest } from '../activities/rules/rule-interest';
import {
  MAX_RULE_CHAIN_DEPTH,
  ruleEventsOf,
  type ChangeActor,
  type ResolvedAction,
  type RuleFiring,
  type RuleTimer,
  type TicketAnchors,
} from '../domain/rules/index';
import { TICKET_FAILURES, type TicketCommand, type TicketEvent, type TicketState } from '../domain/ticket/index';
import { REFUSAL_TYPES } from './retry-policies';

// Bounded retries: a rules failure that outlasts them drops that one evaluation rather than
// wedging the ticket (its commands must keep working while automation is broken).
const { runTicketRules, recordRuleOutcome } = proxyLocalActivities<RuleActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 10, nonRetryableErrorTypes: REFUSAL_TYPES },
});

// Side effects go through the server's activity queue with retries: a webhook endpoint may be
// down for a while, and that must not hold the ticket's workflow task.
const { deliverNotification, callWebhook } = proxyActivities<RuleEffectActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 8, nonRetryableErrorTypes: REFUSAL_TYPES },
});

/** Where a change came from in a rule cascade: how deep, and which rules already fired. */
export interface RuleChain {
  depth: number;
  fired: string[];
}

/** One change's worth of work: its rule events, and whether it moved a timer anchor. */
interface Batch {
  triggers: RuleTrigger[];
  chain: RuleChain;
  replan: boolean;
}

/** The automation side of a ticket workflow, carried across continue-as-new. */
export interface TicketAutomationSnapshot {
  anchors: TicketAnchors;
  timers: RuleTimer[];
  /** `ruleId@anchorAt` of timers that already fired: a re-plan never fires them again. */
  firedTimers: string[];
}

type Apply = (command: TicketCommand, chain: RuleChain | null) => Promise<TicketState>;

/**
 * Runs the org's automation rules for a ticket. Each accepted change becomes rule events; the
 * rules activity evaluates them and returns concrete actions, which are applied here as the
 * same commands a person would send (so validators, the timeline and SLA clocks all see
 * them). A rule fires at most once per cascade, and cascades stop at a fixed depth.
 * Time-based rules are durable timers held here, re-planned when their anchors move.
 */
export class TicketAutomation {
  private inbox: Batch[] = [];
  private running = false;
  private effectsInFlight = 0;
  private snapshotState: TicketAutomationSnapshot;
  /** The rule events the org's rules hear, as the last write reported; null: not known, hear all. */
  private heard: ReadonlySet<string> | null = null;

  constructor(
    readonly enabled: boolean,
    snapshot: TicketAutomationSnapshot,
    private readonly apply: Apply,
    private readonly currentState: () => TicketState,
  ) {
    this.snapshotState = snapshot;
  }

  static initialSnapshot(state: TicketState, now: number): TicketAutomationSnapshot {
    return { anchors: { createdAt: now, status: { status: state.status, since: now }, lastCustomerMessageAt: null }, timers: [], firedTimers: [] };
  }

  snapshot(): TicketAutomationSnapshot {
    return this.snapshotState;
  }

  /** Nothing queued or running: the rules for what happened so far have been applied. */
  quiet(): boolean {
    return !this.enabled || (this.inbox.length === 0 && !this.running);
  }

  /** No webhook or notification is still in flight: the workflow may continue as new or end. */
  idle(): boolean {
    return this.effectsInFlight === 0;
  }

  /** Work is waiting: a trigger, a re-plan, or a timer that is due. */
  pending(): boolean {
    return this.enabled && (this.inbox.length > 0 || this.dueTimers().length > 0);
  }

  /** Milliseconds until the next timer, if any: the workflow's wait is bounded by it. */
  nextDueIn(): number | undefined {
    if (!this.enabled || this.snapshotState.timers.length === 0) return undefined;
    return Math.max(1, Math.min(...this.snapshotState.timers.map((timer) => timer.dueAt)) - Date.now());
  }

  /**
   * What the last write said the org's rules listen to (from the record activity's result, so
   * replay learns the same). Changes no rule hears then cost no rules activity at all.
   */
  learn(interest: RuleInterest | undefined): void {
    if (interest) this.heard = new Set(interest.events);
  }

  private hears(type: string): boolean {
    return this.heard === null || this.heard.has(type);
  }

  /** Anchors moved: timers need a re-plan if a time-based rule exists or timers are still set. */
  private needsReplan(): boolean {
    return this.hears('ticket.time_elapsed') || this.snapshotState.timers.length > 0;
  }

  afterCreated(state: TicketState): void {
    if (!this.enabled) return;
    if (!this.hears('ticket.created') && !this.needsReplan()) return;
    this.inbox.push({ triggers: [{ event: { type: 'ticket.created', changes: {} }, triggerKey: `${state.version}:ticket.created` }], chain: { depth: 0, fired: [] }, replan: true });
  }

  /** Triage stored the ticket's `ai.*` facts: rules on `ticket.triaged` may act on them. */
  afterTriaged(): void {
    if (!this.enabled || !this.hears('ticket.triaged')) return;
    this.inbox.push({ triggers: [{ event: { type: 'ticket.triaged', changes: {} }, triggerKey: 'ai:ticket.triaged' }], chain: { depth: 0, fired: [] }, replan: false });
  }

  afterChange(events: readonly TicketEvent[], actor: ChangeActor, seq: number, chain: RuleChain | null): void {
    if (!this.enabled) return;
    const replan = this.moveAnchors(events) && this.needsReplan();
    const depth = chain ? chain.depth + 1 : 0;
    const heard = depth < MAX_RULE_CHAIN_DEPTH ? ruleEventsOf(events, actor).filter((event) => this.hears(event.type)) : [];
    const triggers = heard.map((event) => ({ event, triggerKey: `${seq}:${event.type}` }));
    if (triggers.length > 0 || replan) this.inbox.push({ triggers, chain: { depth, fired: chain?.fired ?? [] }, replan });
  }

  /** Fires due timers and drains the queue, cascade included: one rules activity per change. */
  async run(): Promise<void> {
    if (!this.enabled) return;
    this.running = true;
    try {
      this.queueDueTimers();
      for (let batch = this.inbox.shift(); batch; batch = this.inbox.shift()) await this.runBatch(batch);
    } finally {
      this.running = false;
    }
  }

  private async runBatch(batch: Batch): Promise<void> {
    const state = this.currentState();
    if (state.status === 'closed') return;
    const result = await runTicketRules({
      state, triggers: batch.triggers, depth: batch.chain.depth, fired: batch.chain.fired,
      anchors: batch.replan ? this.snapshotState.anchors : null,
    }).catch(() => null);
    if (!result) return;
    if (result.timers) this.replaceTimers(result.timers);
    const chain: RuleChain = { depth: batch.chain.depth, fired: [...batch.chain.fired, ...result.firings.map((firing) => firing.ruleId)] };
    for (const firing of result.firings) await this.applyFiring(firing, chain);
  }

  private replaceTimers(planned: RuleTimer[]): void {
    const fired = new Set(this.snapshotState.firedTimers);
    const timers = planned.filter((timer) => !fired.has(`${timer.ruleId}@${timer.anchorAt}`));
    // Keep only fired marks that can still matter: those of the anchors planned now.
    const firedTimers = planned.map((timer) => `${timer.ruleId}@${timer.anchorAt}`).filter((key) => fired.has(key));
    this.snapshotState = { ...this.snapshotState, timers, firedTimers };
  }

  private dueTimers(): RuleTimer[] {
    const now = Date.now();
    return this.snapshotState.timers.filter((timer) => timer.dueAt <= now);
  }

  private queueDueTimers(): void {
    const due = this.dueTimers();
    if (due.length === 0) return;
    for (const timer of due) {
      this.inbox.push({
        triggers: [{ event: { type: 'ticket.time_elapsed', changes: {}, timerRuleId: timer.ruleId }, triggerKey: `timer:${timer.ruleId}@${timer.anchorAt}` }],
        chain: { depth: 0, fired: [] },
        replan: false,
      });
    }
    this.snapshotState = {
      ...this.snapshotState,
      timers: this.snapshotState.timers.filter((timer) => !due.includes(timer)),
      firedTimers: [...this.snapshotState.firedTimers, ...due.map((timer) => `${timer.ruleId}@${timer.anchorAt}`)],
    };
  }

  private async applyFiring(firing: RuleFiring, chain: RuleChain): Promise<void> {
    const state = this.currentState();
    await this.apply({ kind: 'recordRuleFiring', actorId: null, firing }, null).catch(() => undefined);
    const outcome: ActionOutcome[] = [];
    for (const [index, action] of firing.actions.entries()) outcome.push(await this.applyAction(action, firing, index, chain, state.number));
    await recordRuleOutcome({ orgId: state.orgId, firingId: firing.firingId, outcome }).catch(() => undefined);
  }

  private async applyAction(action: ResolvedAction, firing: RuleFiring, index: number, chain: RuleChain, ticketNumber: number): Promise<ActionOutcome> {
    const orgId = this.currentState().orgId;
    switch (action.kind) {
      case 'notify':
        this.background(deliverNotification({ orgId, firingId: firing.firingId, ticketNumber, channel: action.channel, userIds: action.userIds, message: action.message }));
        return { kind: action.kind, result: 'started' };
      case 'webhook':
        this.background(callWebhook({ orgId, firingId: firing.firingId, index, url: action.url, method: action.method, body: action.body }));
        return { kind: action.kind, result: 'started' };
      default: {
        const { kind, ...args } = action;
        const before = this.currentState().version;
        try {
          const after = await this.apply({ ...args, kind, actorId: null } as TicketCommand, chain);
          return { kind, result: after.version === before ? 'unchanged' : 'applied' };
        } catch (error) {
          if (isRequiredFieldsRefusal(error)) await this.recordRefusal(firing, kind, error);
          return { kind, result: 'rejected', detail: failureMessage(error) };
        }
      }
    }
  }

  /**
   * A rule's solve refused for empty required fields is skipped, and the timeline says so (as
   * a reply that could not be mailed does), so agents see why the ticket is still open.
   * The refusal comes from the solve's write (`RequiredFieldsMissing`). No patch: this write
   * (one more command) follows only a write that failed with that type, and no history before
   * this holds one (the activity never refused so), so every old history replays unchanged.
   */
  private async recordRefusal(firing: RuleFiring, action: string, failure: ApplicationFailure): Promise<void> {
    const details = failure.details?.[0] as { missingFields?: { key: string }[] } | undefined;
    const refusal = { ruleId: firing.ruleId, ruleName: firing.ruleName, action, reason: failure.message, fields: details?.missingFields?.map((field) => field.key) ?? [] };
    await this.apply({ kind: 'recordRuleRefusal', actorId: null, refusal }, null).catch(() => undefined);
  }

  private background(effect: Promise<unknown>): void {
    this.effectsInFlight += 1;
    // A failed effect is retried by its activity's policy; when retries run out it is
    // recorded in webhook_deliveries / notifications, and the ticket carries on.
    void effect.catch(() => undefined).finally(() => {
      this.effectsInFlight -= 1;
    });
  }

  /** Moves the anchors this change touched; true when time-based rules must be re-planned. */
  private moveAnchors(events: readonly TicketEvent[]): boolean {
    const now = Date.now();
    let anchors = this.snapshotState.anchors;
    for (const event of events) {
      if (event.type === 'status_changed') anchors = { ...anchors, status: { status: event.data.to, since: now } };
      if (event.type === 'customer_replied') anchors = { ...anchors, lastCustomerMessageAt: now };
    }
    if (anchors === this.snapshotState.anchors) return false;
    this.snapshotState = { ...this.snapshotState, anchors };
    return true;
  }
}

const isRequiredFieldsRefusal = (error: unknown): error is ApplicationFailure =>
  error instanceof ApplicationFailure && error.type === TICKET_FAILURES.required_fields_missing;

function failureMessage(error: unknown): string {
  if (error instanceof ApplicationFailure) return error.message;
  if (error instanceof ActivityFailure && error.cause) return error.cause.message;
  return error instanceof Error ? error.message : String(error);
}
