import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeFetch } from './fake-fetch';
import { useKbStore } from './kb';

const ID = '00000000-0000-4000-8000-000000000001';
const summary = { id: ID, locale: 'en', title: 'Refunds', slug: 'refunds', status: 'published', tags: ['billing'], ownerId: ID, version: 2, categoryId: null, sectionId: null, publishedAt: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' };
const hit = { id: ID, locale: 'en', title: 'Refunds', slug: 'refunds', status: 'published', snippet: 'Your <mark>refund</mark>', score: 3, categoryId: null, sectionId: null, tags: [] };

describe('the knowledge-base store', () => {
  beforeEach(() => setActivePinia(createPinia()));
  afterEach(() => vi.unstubAllGlobals());

  it('lists articles with the chosen filters only, and searches once words are typed', async () => {
    const store = useKbStore();
    const calls = fakeFetch({ status: 200, body: { data: [summary] } }, { status: 200, body: { data: [hit] } });
    await store.list({ q: '  ', status: 'published', tag: '', categoryId: undefined });
    expect(calls[0]!.url).toBe('/api/v1/kb/articles?limit=200&offset=0&status=published');
    expect(store.rows).toEqual([{ id: ID, title: 'Refunds', status: 'published', locale: 'en', tags: ['billing'], snippet: null, updatedAt: '2026-01-02T00:00:00Z' }]);

    await store.list({ q: ' refund ', status: 'published' });
    expect(calls[1]!.url).toBe('/api/v1/kb/search?q=refund&limit=50&status=published');
    expect(store.rows[0]).toMatchObject({ snippet: 'Your <mark>refund</mark>', updatedAt: null });
  });

  it('hands the seed of an article written from a reply to one editor only', () => {
    const store = useKbStore();
    store.seed = { title: 'Printer on fire', body: 'Unplug it.' };
    expect(store.takeSeed()).toEqual({ title: 'Printer on fire', body: 'Unplug it.' });
    expect(store.takeSeed()).toBeNull();
  });
});
