import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect, type Db } from '../../db/connection';
import { type Org } from '../helpers/api-client';
import { startTwoOrgStack } from '../helpers/org-stack';
import type { TestStack } from '../helpers/test-stack';

let stack: TestStack;
let owner: Db;
let orgA: Org;
let orgB: Org;
let slugA: string;
const published: Record<string, string> = {};

beforeAll(async () => {
  ({ stack, orgA, orgB } = await startTwoOrgStack({ worker: false }));
  owner = connect(inject('databaseUrl'), { pool: { min: 0, max: 1 } });
  slugA = (await owner('organizations').where('id', orgA.orgId).first()).slug;
  const category = await orgA.api.post('/kb/categories', { name: 'Getting started', description: 'First steps' });
  const section = await orgA.api.post('/kb/sections', { name: 'Accounts', categoryId: category.body.id });
  published.password = (await orgA.api.post('/kb/articles', { title: 'Resetting a forgotten password', body: '## Steps\nChoose **Forgot password** on the sign-in page.', status: 'published', sectionId: section.body.id })).body.id;
  for (const status of ['draft', 'internal', 'archived']) {
    await orgA.api.post('/kb/articles', { title: `Password ${status} notes`, body: `Secret ${status} password text.`, status, sectionId: section.body.id });
  }
  await orgB.api.post('/kb/articles', { title: 'Password rules of org B', body: 'B password policy.', status: 'published' });
});
afterAll(async () => {
  await stack?.stop();
  await owner?.destroy();
});

const page = async (path: string) => {
  const response = await fetch(`${stack.url}${path}`);
  return { status: response.status, type: response.headers.get('content-type') ?? '', html: await response.text() };
};

describe('public help centre', () => {
  it('serves home, section, article and search as HTML with SEO metadata, published articles only', async () => {
    const home = await page(`/help/${slugA}`);
    expect(home.status).toBe(200);
    expect(home.type).toContain('text/html');
    expect(home.html).toContain('Getting started');
    expect(home.html).toContain('/sections/accounts');

    const section = await page(`/help/${slugA}/sections/accounts`);
    expect(section.html).toContain('Resetting a forgotten password');
    const article = await page(`/help/${slugA}/articles/${published.password}-resetting-a-forgotten-password`);
    expect(article.status).toBe(200);
    expect(article.html).toMatch(/<title>Resetting a forgotten password · /);
    expect(article.html).toContain('<meta name="description" content="Steps Choose Forgot password');
    expect(article.html).toContain(`<link rel="canonical" href="http://`);
    expect(article.html).toContain('<meta property="og:type" content="article">');
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(article.html)![1]!);
    expect(jsonLd).toMatchObject({ '@type': 'Article', headline: 'Resetting a forgotten password' });
    expect(article.html).toContain('<strong>Forgot password</strong>');

    const results = await page(`/help/${slugA}/search?q=password`);
    expect(results.html).toContain('Resetting a forgotten password');
    const sitemap = await page(`/help/${slugA}/sitemap.xml`);
    expect(sitemap.type).toContain('xml');
    expect(sitemap.html.match(/<loc>/g)).toHaveLength(2);
    for (const text of [home.html, section.html, results.html, sitemap.html]) {
      expect(text).not.toMatch(/draft notes|internal notes|archived notes|org B/);
    }
  });

  it("never shows org B's articles or org A's unpublished ones, by page or by the public search API", async () => {
    const api = await fetch(`${stack.url}/api/v1/help/${slugA}/search?q=password`);
    expect(api.status).toBe(200);
    const hits = ((await api.json()) as { data: { id: string; title: string }[] }).data;
    expect(hits.map((hit) => hit.title)).toEqual(['Resetting a forgotten password']);
    const unpublished = await orgA.api.get('/kb/articles?status=internal');
    const internalId = unpublished.body.data[0].id;
    expect((await page(`/help/${slugA}/articles/${internalId}`)).status).toBe(404);
    const bArticle = (await orgB.api.get('/kb/articles')).body.data[0].id;
    expect((await page(`/help/${slugA}/articles/${bArticle}`)).status).toBe(404);
  });

  it('answers 404 for an unknown help centre and 400 for a bad search', async () => {
    expect((await page('/help/no-such-org-anywhere')).status).toBe(404);
    expect((await fetch(`${stack.url}/api/v1/help/no-such-org-anywhere/search?q=x`)).status).toBe(404);
    expect((await fetch(`${stack.url}/api/v1/help/${slugA}/search?q=`)).status).toBe(400);
    expect((await fetch(`${stack.url}/api/v1/help/${slugA}/search?q=x&limit=500`)).status).toBe(400);
  });
});
