import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { appRoleUrl, connect, type Db } from '../../db/connection';
import { APP_ROLE } from '../../db/migrate';
import { withTenant } from '../../db/tenant';
import { TEST_APP_DB_PASSWORD } from '../global-setup';
import { addMember, type ApiClient, type Org } from '../helpers/api-client';
import { startTwoOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';
import faq from '../fixtures/kb/faq.json';

let stack: TestStack;
let owner: Db;
let app: Db;
let orgA: Org;
let orgB: Org;
const ids = new Map<string, string>();

const KB_TABLES = ['kb_categories', 'kb_sections', 'kb_articles', 'kb_article_translations', 'kb_article_versions', 'kb_lexemes', 'kb_corpus', 'kb_feedback', 'kb_views', 'kb_searches', 'kb_postings'];

beforeAll(async () => {
  ({ stack, orgA, orgB } = await startTwoOrgStack({ worker: false }));
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  app = connect(appRoleUrl(inject('databaseUrl'), { user: APP_ROLE, password: TEST_APP_DB_PASSWORD }), { pool: { min: 0, max: 1 } });
  for (const article of faq.articles) {
    const created = await orgA.api.post('/kb/articles', { title: article.title, body: article.body, status: 'published' });
    expect(created.status).toBe(201);
    ids.set(article.key, created.body.id);
  }
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
  await app?.destroy();
});

const search = (api: ApiClient, q: string, extra = '') => api.get(`/kb/search?q=${encodeURIComponent(q)}${extra}`);

describe('articles', () => {
  it('renders Markdown sanitised, and refuses bad input and roles that are not staff', async () => {
    const created = await orgA.api.post('/kb/articles', { title: 'Markup', body: '# Heading\n<script>alert(1)</script> [x](javascript:alert(1)) **bold**', status: 'draft', tags: ['Howto'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'Markup', slug: 'markup', status: 'draft', version: 1, tags: ['howto'], locale: 'en', locales: ['en'] });
    expect(created.body.bodyHtml).toContain('<h1>Heading</h1>');
    expect(created.body.bodyHtml).toContain('<strong>bold</strong>');
    expect(created.body.bodyHtml).not.toMatch(/<script|href="javascript:/);
    expect(created.body.bodyHtml).toContain('&lt;script&gt;');

    expect((await orgA.api.post('/kb/articles', { body: 'no title', status: 'published' })).status).toBe(400);
    expect((await orgA.api.post('/kb/articles', { title: 'x', body: 'y', status: 'live' })).status).toBe(400);
    expect((await orgA.api.post('/kb/articles', { title: 'x', body: 'y', sectionId: '00000000-0000-4000-8000-000000000000' })).status).toBe(422);
    for (const role of ['customer', 'technician']) {
      const member = await addMember(orgA, role);
      expect((await member.api.post('/kb/articles', { title: 'x', body: 'y', status: 'published' })).status).toBe(403);
      expect((await search(member.api, 'password')).status).toBe(403);
    }
    expect((await new (orgA.api.constructor as typeof ApiClient)(stack.url).get('/kb/articles')).status).toBe(401);
  });

  it('keeps every save as a version, diffs two and restores one', async () => {
    const id = (await orgA.api.post('/kb/articles', { title: 'Shipping times', body: 'We ship in two days.', status: 'draft' })).body.id;
    const saved = await orgA.api.patch(`/kb/articles/${id}`, { body: 'We ship in one day.\nTracking is mailed.', status: 'published', tags: ['shipping'] });
    expect(saved.body).toMatchObject({ version: 2, status: 'published', tags: ['shipping'] });
    const versions = await orgA.api.get(`/kb/articles/${id}/versions`);
    expect(versions.body.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const diff = await orgA.api.get(`/kb/articles/${id}/diff?from=1&to=2`);
    expect(diff.status).toBe(200);
    expect(diff.body.body.filter((c: { removed: boolean }) => c.removed).map((c: { value: string }) => c.value).join('')).toContain('two days');
    expect(diff.body.body.filter((c: { added: boolean }) => c.added).map((c: { value: string }) => c.value).join('')).toContain('Tracking is mailed.');
    expect(diff.body.unified).toContain('-We ship in two days.');
    expect(diff.body).toMatchObject({ status: { from: 'draft', to: 'published' }, tags: { added: ['shipping'], removed: [] } });
    const restored = await orgA.api.post(`/kb/articles/${id}/versions/1/restore`, {});
    expect(restored.body).toMatchObject({ version: 3, body: 'We ship in two days.', status: 'draft', tags: [] });
    expect((await orgA.api.get(`/kb/articles/${id}/diff?from=1&to=9`)).status).toBe(404);
    expect((await orgA.api.get(`/kb/articles/${id}/diff?from=x&to=2`)).status).toBe(400);

    const german = await orgA.api.patch(`/kb/articles/${id}`, { locale: 'de', title: 'Lieferzeiten', body: 'Wir liefern in zwei Tagen.', status: 'published' });
    expect(german.body).toMatchObject({ locale: 'de', version: 1, locales: ['de', 'en'] });
    expect((await orgA.api.patch(`/kb/articles/${id}`, { locale: 'fr', status: 'published' })).status).toBe(422);
    const archived = await orgA.api.post(`/kb/articles/${id}/archive`);
    expect(archived.body.status).toBe('archived');
    expect((await orgA.api.get(`/kb/articles/${id}?locale=en`)).body).toMatchObject({ status: 'archived', version: 4 });
  });

  it('files articles in categories and sections, and lists them by filing', async () => {
    const category = await orgA.api.post('/kb/categories', { name: 'Billing' });
    expect(category.body).toMatchObject({ name: 'Billing', slug: 'billing' });
    expect((await orgA.api.post('/kb/categories', { name: 'Billing' })).status).toBe(409);
    const section = await orgA.api.post('/kb/sections', { name: 'Invoices', categoryId: category.body.id });
    expect(section.status).toBe(201);
    const filed = await orgA.api.patch(`/kb/articles/${ids.get('invoice')}`, { sectionId: section.body.id });
    expect(filed.body).toMatchObject({ categoryId: category.body.id, sectionId: section.body.id, version: 2 });
    const listed = await orgA.api.get(`/kb/articles?categoryId=${category.body.id}`);
    expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([ids.get('invoice')]);
    expect((await orgA.api.delete(`/kb/categories/${category.body.id}`)).status).toBe(409);
    const hits = await search(orgA.api, 'invoice', `&categoryId=${category.body.id}`);
    expect(hits.body.data.map((a: { id: string }) => a.id)).toEqual([ids.get('invoice')]);
    const agent = await addMember(orgA, 'agent');
    expect((await agent.api.post('/kb/categories', { name: 'Agents may not' })).status).toBe(403);
    expect((await orgB.api.post('/kb/sections', { name: 'Theirs', categoryId: category.body.id })).status).toBe(422);
    expect((await orgB.api.patch(`/kb/categories/${category.body.id}`, { name: 'Taken over' })).status).toBe(404);
  });
});

describe('search', () => {
  it('answers { data: [{ id, title, snippet }] } best first, for paraphrases and typos', async () => {
    let first = 0;
    for (const query of faq.queries) {
      const response = await search(orgA.api, query.text, '&limit=3');
      expect(response.status).toBe(200);
      const top = response.body.data.map((hit: { id: string }) => hit.id);
      expect({ q: query.text, inTop3: top.includes(ids.get(query.key)) }).toEqual({ q: query.text, inTop3: true });
      if (top[0] === ids.get(query.key)) first += 1;
    }
    expect(first).toBeGreaterThanOrEqual(faq.queries.length - 2);
    const hit = (await search(orgA.api, 'forgot password')).body.data[0];
    expect(hit).toMatchObject({ id: ids.get('password'), title: 'Resetting a forgotten password' });
    expect(hit.snippet).toMatch(/<mark>/);
    expect((await search(orgA.api, '')).status).toBe(400);
    expect((await search(orgA.api, 'x', '&limit=0')).status).toBe(400);
  });

  it('shows staff internal articles, never drafts unless asked, and obeys websearch syntax', async () => {
    await orgA.api.post('/kb/articles', { title: 'Refund approval checklist', body: 'Only team leads approve refunds above the limit.', status: 'internal' });
    await orgA.api.post('/kb/articles', { title: 'Refund draft policy', body: 'Unfinished refunds text.', status: 'draft' });
    const titles = (await search(orgA.api, 'refund')).body.data.map((hit: { title: string }) => hit.title);
    expect(titles).toContain('Refund approval checklist');
    expect(titles).not.toContain('Refund draft policy');
    expect((await search(orgA.api, 'refund', '&status=draft')).body.data.map((hit: { title: string }) => hit.title)).toEqual(['Refund draft policy']);
    const phrase = (await search(orgA.api, '"team leads" -draft')).body.data.map((hit: { title: string }) => hit.title);
    expect(phrase).toEqual(['Refund approval checklist']);
  });
});

describe('search postings (kb_postings)', () => {
  const titles = async (q: string) => (await search(orgA.api, q)).body.data.map((hit: { title: string }) => hit.title);

  it('follow every save: a new word is found, an old one is not, an archived article leaves search', async () => {
    const created = await orgA.api.post('/kb/articles', { title: 'Pairing the zebulon scanner', body: 'Hold the zebulon trigger for five seconds.', status: 'published' });
    expect(await titles('zebulon scanner')).toContain('Pairing the zebulon scanner');
    await orgA.api.patch(`/kb/articles/${created.body.id}`, { title: 'Pairing the quixote scanner', body: 'Hold the quixote trigger for five seconds.' });
    expect(await titles('zebulon')).toEqual([]);
    expect(await titles('quixote')).toEqual(['Pairing the quixote scanner']);
    expect((await orgA.api.post(`/kb/articles/${created.body.id}/archive`)).status).toBe(200);
    expect(await titles('quixote')).toEqual([]);
  });

  it('hold exactly the searchable translations, each word with its weight', async () => {
    const stored = await owner('kb_postings').where('org_id', orgA.orgId).orderBy(['locale', 'lexeme', 'article_id']).select('locale', 'lexeme', 'article_id', 'status', 'impact');
    const recomputed = await owner.raw(`
      SELECT p.locale, p.lexeme, p.article_id, p.status FROM kb_article_translations t
      CROSS JOIN LATERAL kb_postings_of(t.org_id, t.locale, t.article_id, t.status, t.search) p
      WHERE t.org_id = ? AND t.status IN ('published', 'internal') ORDER BY 1, 2, 3`, [orgA.orgId]);
    expect(stored.map(({ impact: _impact, ...key }) => key)).toEqual(recomputed.rows);
    expect(stored.length).toBeGreaterThan(100);
    expect(stored.every((posting) => posting.impact > 0)).toBe(true);
  });
});

describe('tenancy', () => {
  it("org B finds, reads and changes none of org A's articles", async () => {
    const id = ids.get('password')!;
    expect((await search(orgB.api, 'forgotten password')).body.data).toEqual([]);
    const attempts = await Promise.all([
      orgB.api.get(`/kb/articles/${id}`), orgB.api.patch(`/kb/articles/${id}`, { title: 'hijack' }), orgB.api.get(`/kb/articles/${id}/versions`),
      orgB.api.get(`/kb/articles/${id}/diff?from=1&to=1`), orgB.api.post(`/kb/articles/${id}/versions/1/restore`, {}), orgB.api.post(`/kb/articles/${id}/archive`),
    ]);
    expect(attempts.map((attempt) => attempt.status)).toEqual([404, 404, 404, 404, 404, 404]);
    expect((await orgB.api.get('/kb/articles')).body.data).toEqual([]);
  });

  it('a query that forgets its org filter sees no other tenant’s knowledge-base rows', async () => {
    await orgB.api.post('/kb/articles', { title: 'B only', body: 'B text', status: 'published' });
    for (const table of KB_TABLES) {
      const seenByB = await withTenant(app, { orgId: orgB.orgId }, (trx) => trx(table).whereNot('org_id', orgB.orgId).count({ count: '*' }));
      const untenanted = await app(table).count({ count: '*' });
      const ownedByA = await owner(table).where('org_id', orgA.orgId).count({ count: '*' });
      expect({ table, seenByB: Number(seenByB[0]?.count), untenanted: Number(untenanted[0]?.count) }).toEqual({ table, seenByB: 0, untenanted: 0 });
      if (!['kb_feedback'].includes(table)) expect({ table, rows: Number(ownedByA[0]?.count) > 0 }).toEqual({ table, rows: true });
    }
  });
});
