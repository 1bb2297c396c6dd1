import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RuleView } from '../api/types';
import { blankDefinition } from '../domain/rules/rule-definition';
import { fakeFetch } from './fake-fetch';
import { useRulesStore } from './rules';

const rule = (id: string, position: number, enabled = true): RuleView => ({
  ...blankDefinition(), name: id, id, position, enabled, version: 1, createdAt: '', updatedAt: '', lastFiredAt: null, fireCount: 0,
});

describe('the rules store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('shows a new order at once and takes the server answer', async () => {
    const store = useRulesStore();
    store.rules = [rule('a', 0), rule('b', 1), rule('c', 2)];
    const calls = fakeFetch({ status: 200, body: { data: [rule('c', 0), rule('a', 1), rule('b', 2)] } });
    const pending = store.reorder(['c', 'a', 'b']);
    expect(store.rules.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    await pending;
    expect(calls).toEqual([{ method: 'POST', url: '/api/v1/rules/order', body: { ids: ['c', 'a', 'b'] } }]);
    expect(store.rules.map((r) => r.position)).toEqual([0, 1, 2]);
  });

  it('reloads the true order when the server refuses one', async () => {
    const store = useRulesStore();
    store.rules = [rule('a', 0), rule('b', 1)];
    fakeFetch({ status: 409, body: { type: 'x/conflict', title: 'Conflict', status: 409 } }, { status: 200, body: { data: [rule('a', 0), rule('b', 1)] } });
    await expect(store.reorder(['b', 'a'])).rejects.toThrow('Conflict');
    expect(store.rules.map((r) => r.id)).toEqual(['a', 'b']);
  });

  it('flips a toggle at once and back when the server refuses', async () => {
    const store = useRulesStore();
    store.rules = [rule('a', 0)];
    fakeFetch({ status: 403, body: { type: 'x/forbidden', title: 'Forbidden', status: 403 } });
    const pending = store.setEnabled('a', false);
    expect(store.rules[0]!.enabled).toBe(false);
    await expect(pending).rejects.toThrow('Forbidden');
    expect(store.rules[0]!.enabled).toBe(true);
  });

  it('creates with POST (enabled flag included) and saves a new version with PUT', async () => {
    const store = useRulesStore();
    const calls = fakeFetch({ status: 201, body: rule('a', 0, false) }, { status: 200, body: { ...rule('a', 0, false), version: 2, name: 'renamed' } });
    await store.save(null, { ...blankDefinition(), name: 'a' }, false);
    await store.save('a', { ...blankDefinition(), name: 'renamed' });
    expect(calls.map((c) => `${c.method} ${c.url}`)).toEqual(['POST /api/v1/rules', 'PUT /api/v1/rules/a']);
    expect(calls[0]!.body).toMatchObject({ name: 'a', enabled: false });
    expect(calls[1]!.body).not.toHaveProperty('enabled');
    expect(store.rules).toHaveLength(1);
    expect(store.rules[0]).toMatchObject({ name: 'renamed', version: 2 });
  });
});
