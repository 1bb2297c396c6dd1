import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, http, ok } from '../api/client';
import type {
  BacktestResult, RuleCatalogue, RuleDefinition, RuleTestResult, RuleVersion, RuleView,
} from '../api/types';
import { withinDefinition } from '../domain/rules/problem-places';

/** These calls carry the draft as `{ definition }`: their problems point into it, re-rooted here at the definition. */
async function withDefinition<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    if (e instanceof ApiError && e.problem.errors) e.problem.errors = withinDefinition(e.problem.errors);
    throw e;
  }
}

// A rule's conditions and actions are documented loosely (unknown); they are the shared
// domain definition the server validated, so the console reads them as such.
const asRule = (rule: unknown) => rule as RuleView;
const asRules = (rules: unknown[]) => rules as RuleView[];

/** Automation rules in the org's order, the catalogue the designer builds from, and dry runs. */
export const useRulesStore = defineStore('rules', () => {
  const rules = ref<RuleView[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<Error | null>(null);
  const catalogue = ref<RuleCatalogue | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      rules.value = asRules((await ok(http.GET('/api/v1/rules'))).data);
      loaded.value = true;
    } catch (e) {
      error.value = e instanceof Error ? e : new Error(String(e));
    } finally {
      loading.value = false;
    }
  }

  /** The catalogue changes rarely: loaded once per session. */
  async function loadCatalogue(): Promise<RuleCatalogue> {
    // The API documents no schema for the catalogue: it is the server's own catalogue types.
    catalogue.value ??= (await ok(http.GET('/api/v1/rules/catalogue'))) as unknown as RuleCatalogue;
    return catalogue.value;
  }

  function replace(rule: RuleView): void {
    const index = rules.value.findIndex((r) => r.id === rule.id);
    if (index >= 0) rules.value[index] = rule;
    else rules.value = [...rules.value, rule].sort((a, b) => a.position - b.position);
  }

  const get = async (id: string) => asRule(await ok(http.GET('/api/v1/rules/{id}', { params: { path: { id } } })));

  async function save(id: string | null, definition: RuleDefinition, enabled = true): Promise<RuleView> {
    const saved = asRule(await ok(id ? http.PUT('/api/v1/rules/{id}', { params: { path: { id } }, body: definition as never }) : http.POST('/api/v1/rules', { body: { ...definition, enabled } as never })));
    replace(saved);
    return saved;
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    const rule = rules.value.find((r) => r.id === id);
    if (rule) rule.enabled = enabled;
    try {
      replace(asRule(await ok(http.PATCH('/api/v1/rules/{id}', { params: { path: { id } }, body: { enabled } }))));
    } catch (e) {
      if (rule) rule.enabled = !enabled;
      throw e;
    }
  }

  async function remove(id: string): Promise<void> {
    await ok(http.DELETE('/api/v1/rules/{id}', { params: { path: { id } } }));
    rules.value = rules.value.filter((rule) => rule.id !== id);
  }

  /** Shows the new order at once; the server's answer (or a reload on failure) settles it. */
  async function reorder(ids: string[]): Promise<void> {
    const byId = new Map(rules.value.map((rule) => [rule.id, rule]));
    rules.value = ids.flatMap((id) => byId.get(id) ?? []);
    try {
      rules.value = asRules((await ok(http.POST('/api/v1/rules/order', { body: { ids } }))).data);
    } catch (e) {
      await load();
      throw e;
    }
  }

  const versions = async (id: string) => (await ok(http.GET('/api/v1/rules/{id}/versions', { params: { path: { id } } }))).data as RuleVersion[];
  const validate = (definition: RuleDefinition) => withDefinition(ok(http.POST('/api/v1/rules/validate', { body: { definition } as never })));
  const test = async (input: { ticketNumber: number; event?: string; definition: RuleDefinition }) =>
    (await withDefinition(ok(http.POST('/api/v1/rules/test', { body: input as never })))) as RuleTestResult;
  const backtest = async (definition: RuleDefinition, tickets: number) =>
    (await withDefinition(ok(http.POST('/api/v1/rules/backtest', { body: { definition, tickets } as never })))) as BacktestResult;

  return { rules, loaded, loading, error, catalogue, load, loadCatalogue, get, save, setEnabled, remove, reorder, versions, validate, test, backtest };
});
