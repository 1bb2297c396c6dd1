import { defineStore } from 'pinia';
import { ref } from 'vue';
import { ApiError, api } from '../api/client';
import type {
  BacktestResult, RuleCatalogue, RuleDefinition, RuleTestResult, RuleVersion, RuleView, Team,
} from '../api/rule-types';
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

/** Automation rules in the org's order, the catalogue the designer builds from, and dry runs. */
export const useRulesStore = defineStore('rules', () => {
  const rules = ref<RuleView[]>([]);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<Error | null>(null);
  const catalogue = ref<RuleCatalogue | null>(null);
  const teams = ref<Team[]>([]);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      rules.value = (await api<{ data: RuleView[] }>('GET', '/rules')).data;
      loaded.value = true;
    } catch (e) {
      error.value = e instanceof Error ? e : new Error(String(e));
    } finally {
      loading.value = false;
    }
  }

  /** The catalogue and the teams change rarely: loaded once per session. */
  async function loadCatalogue(): Promise<RuleCatalogue> {
    catalogue.value ??= await api<RuleCatalogue>('GET', '/rules/catalogue');
    return catalogue.value;
  }
  async function loadTeams(): Promise<void> {
    teams.value = (await api<{ data: Team[] }>('GET', '/teams')).data;
  }

  function replace(rule: RuleView): void {
    const index = rules.value.findIndex((r) => r.id === rule.id);
    if (index >= 0) rules.value[index] = rule;
    else rules.value = [...rules.value, rule].sort((a, b) => a.position - b.position);
  }

  const get = async (id: string) => api<RuleView>('GET', `/rules/${id}`);

  async function save(id: string | null, definition: RuleDefinition, enabled = true): Promise<RuleView> {
    const saved = id ? await api<RuleView>('PUT', `/rules/${id}`, definition) : await api<RuleView>('POST', '/rules', { ...definition, enabled });
    replace(saved);
    return saved;
  }

  async function setEnabled(id: string, enabled: boolean): Promise<void> {
    const rule = rules.value.find((r) => r.id === id);
    if (rule) rule.enabled = enabled;
    try {
      replace(await api<RuleView>('PATCH', `/rules/${id}`, { enabled }));
    } catch (e) {
      if (rule) rule.enabled = !enabled;
      throw e;
    }
  }

  async function remove(id: string): Promise<void> {
    await api('DELETE', `/rules/${id}`);
    rules.value = rules.value.filter((rule) => rule.id !== id);
  }

  /** Shows the new order at once; the server's answer (or a reload on failure) settles it. */
  async function reorder(ids: string[]): Promise<void> {
    const byId = new Map(rules.value.map((rule) => [rule.id, rule]));
    rules.value = ids.flatMap((id) => byId.get(id) ?? []);
    try {
      rules.value = (await api<{ data: RuleView[] }>('POST', '/rules/order', { ids })).data;
    } catch (e) {
      await load();
      throw e;
    }
  }

  const versions = async (id: string) => (await api<{ data: RuleVersion[] }>('GET', `/rules/${id}/versions`)).data;
  const validate = (definition: RuleDefinition) => withDefinition(api<{ valid: true }>('POST', '/rules/validate', { definition }));
  const test = (input: { ticketNumber: number; event?: string; definition: RuleDefinition }) => withDefinition(api<RuleTestResult>('POST', '/rules/test', input));
  const backtest = (definition: RuleDefinition, tickets: number) => withDefinition(api<BacktestResult>('POST', '/rules/backtest', { definition, tickets }));

  return { rules, loaded, loading, error, catalogue, teams, load, loadCatalogue, loadTeams, get, save, setEnabled, remove, reorder, versions, validate, test, backtest };
});
