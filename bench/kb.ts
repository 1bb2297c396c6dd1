/**
 * `npm run bench:kb [-- --data DIR] [--queries PATH] [--articles N] [--samples M] [--json PATH]`
 *
 * Knowledge-base search through the HTTP API, on FAQ articles and paraphrased queries:
 * recall@1, recall@5 and MRR@10 of `GET /api/v1/kb/search` against plain BM25 computed in
 * the same run over the same text (bench/kb-bm25.ts); then search latency (p50/p95) with N
 * generated articles (default 50,000) in one org beside the real ones.
 *
 * Articles: DIR/articles.jsonl (default ../shared/data/kb beside the repository, read in
 * place: the StackFAQ sample is CC BY-SA and is never copied here), one JSON object a line
 * with `article_id`, `title` and `body` or `answers` (joined as paragraphs). Queries:
 * --queries PATH, else DIR/queries.jsonl, else bench/data/kb-queries.jsonl (ours), each with
 * `text` and its right `article_id`.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import { startEphemeralServices } from '../bin/lib/ephemeral-services';
import { appRoleUrl, connect } from '../db/connection';
import { APP_ROLE } from '../db/migrate';
import { withTenant } from '../db/tenant';
import { articleSearchText, renderArticleHtml } from '../domain/kb/markdown';
import { signupTokenFor } from '../test/helpers/account-mail';
import { writeBenchReport } from './bench-report';
import { BENCH_APP_PASSWORD, startBenchStack } from './bench-stack';
import { Bm25Index } from './kb-bm25';
import { retrievalMetrics } from './kb-metrics';
import { summarise } from './latency';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    data: { type: 'string' }, queries: { type: 'string' }, articles: { type: 'string', default: '50000' },
    samples: { type: 'string', default: '300' }, json: { type: 'string' },
  },
});
const DATA = path.resolve(PROJECT_ROOT, values.data ?? '../shared/data/kb');
const QUERIES = values.queries ? path.resolve(values.queries)
  : existsSync(path.join(DATA, 'queries.jsonl')) ? path.join(DATA, 'queries.jsonl') : path.join(PROJECT_ROOT, 'bench/data/kb-queries.jsonl');
const GENERATED = Number(values.articles);
const SAMPLES = Number(values.samples);

interface Article { id: string; title: string; body: string }
interface Query { text: string; articleId: string }

const jsonl = (file: string) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line));

function loadArticles(): Article[] {
  const file = path.join(DATA, 'articles.jsonl');
  if (!existsSync(file)) throw new Error(`${file} not found (give the folder: npm run bench:kb -- --data DIR)`);
  return jsonl(file).map((row) => ({ id: String(row.article_id ?? row.id), title: String(row.title), body: String(row.body ?? (row.answers as string[]).join('\n\n')) }));
}

function loadQueries(): Query[] {
  return jsonl(QUERIES).map((row) => ({ text: String(row.text ?? row.query), articleId: String(row.article_id) }));
}

async function main(): Promise<void> {
  const articles = loadArticles();
  const queries = loadQueries();
  const bm25 = new Bm25Index();
  for (const article of articles) bm25.add(article.id, `${article.title}\n${article.body}`);
  const baseline = retrievalMetrics(queries.map((query) => ({ expected: query.articleId, ranked: bm25.search(query.text, 10) })));

  const progress = (step: string) => console.error(`[bench:kb ${new Date().toISOString()}] ${step}`);
  progress('starting Postgres and Temporal');
  const services = await startEphemeralServices(BENCH_APP_PASSWORD);
  const stack = await startBenchStack(services, { taskQueue: 'bench-kb', worker: false });
  const appDb = connect(appRoleUrl(services.databaseUrl, { user: APP_ROLE, password: BENCH_APP_PASSWORD }), { pool: { min: 0, max: 2 } });
  try {
    progress('loading the articles');
    const quality = await signupAndLoad(stack.url, articles);
    const keel = retrievalMetrics(await sequential(queries, async (query) => ({ expected: query.articleId, ranked: await keelSearch(stack.url, quality.token, query.text, quality.ids) })));

    progress(`quality measured; generating ${GENERATED} articles`);
    const big = await signupAndLoad(stack.url, articles);
    const generatedMs = await generateArticles(appDb, big.orgId, big.userId, articles, GENERATED);
    const ownerDb = connect(services.databaseUrl, { pool: { min: 0, max: 1 } });
    await ownerDb.raw('ANALYZE kb_article_translations, kb_lexemes');
    await ownerDb.destroy();
    progress('measuring latency');
    const nonEmpty = queries.filter((query) => query.text.trim() !== '');
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < SAMPLES; i++) {
      const t0 = performance.now();
      await keelSearch(stack.url, big.token, nonEmpty[i % nonEmpty.length]!.text, big.ids);
      latencies.push(performance.now() - t0);
    }
    const latency = summarise(latencies, performance.now() - started);
    const bigQuality = retrievalMetrics(await sequential(queries, async (query) => ({ expected: query.articleId, ranked: await keelSearch(stack.url, big.token, query.text, big.ids) })));

    const report = {
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      params: { data: DATA, queriesFile: QUERIES, articles: articles.length, queries: queries.length, generatedArticles: GENERATED, latencySamples: SAMPLES },
      keel, baseline,
      keelWithGeneratedArticles: bigQuality,
      latency: { articlesInOrg: GENERATED + articles.length, searchMs: latency, loadSeconds: Math.round(generatedMs / 100) / 10 },
    };
    const out = await writeBenchReport('kb', report, values.json);
    console.log(`\nbench:kb — ${articles.length} articles, ${queries.length} queries (${path.relative(PROJECT_ROOT, QUERIES)})`);
    console.log('search'.padEnd(34), 'recall@1'.padStart(9), 'recall@5'.padStart(9), 'MRR@10'.padStart(8));
    for (const [name, m] of [['Keel (HTTP API)', keel], ['plain BM25 (same text)', baseline], [`Keel with ${GENERATED} more articles`, bigQuality]] as const) {
      console.log(name.padEnd(34), ...[m.recallAt1, m.recallAt5, m.mrrAt10].map((v) => v.toFixed(3).padStart(m === keel ? 9 : 9)));
    }
    console.log(`latency at ${GENERATED + articles.length} articles: p50 ${latency.p50} ms, p95 ${latency.p95} ms, p99 ${latency.p99} ms (${SAMPLES} searches, concurrency 1)`);
    console.log(`\nJSON written to ${out}`);
  } finally {
    await appDb.destroy();
    await stack.stop();
    await services.stop();
  }
}

async function sequential<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON from our own API
async function call(baseUrl: string, method: string, route: string, token: string | null, body?: unknown): Promise<any> {
  const response = await fetch(`${baseUrl}/api/v1${route}`, {
    method, headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const json = await response.json();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A new org with the articles posted through the API; `ids` maps Keel's ids back to the data's. */
async function signupAndLoad(baseUrl: string, articles: readonly Article[]) {
  const email = `bench-${randomUUID()}@example.com`;
  await call(baseUrl, 'POST', '/auth/signup', null, { organization: 'Bench KB', name: 'Bench', email, password: 'bench password 123' });
  const session = await call(baseUrl, 'POST', '/auth/signup/confirm', null, { token: await signupTokenFor(email) });
  const token = session.accessToken as string;
  const ids = new Map<string, string>();
  for (const article of articles) {
    const created = await call(baseUrl, 'POST', '/kb/articles', token, { title: article.title, body: article.body, status: 'published' });
    ids.set(created.id, article.id);
  }
  return { token, ids, orgId: session.organization.id as string, userId: session.user.id as string };
}

async function keelSearch(baseUrl: string, token: string, q: string, ids: Map<string, string>): Promise<string[]> {
  // The API refuses an empty query (400); the data has one, a miss for both searches.
  if (q.trim() === '') return [];
  const result = await call(baseUrl, 'GET', `/kb/search?q=${encodeURIComponent(q)}&limit=10`, token);
  return (result.data as { id: string }[]).map((hit) => ids.get(hit.id) ?? hit.id);
}

/**
 * N published articles written straight to Postgres (through the app role and RLS, in
 * batches, as the API's save would store them): titles and bodies drawn from the real
 * articles' words by their frequency, so the queries' words are common in them too.
 */
async function generateArticles(db: ReturnType<typeof connect>, orgId: string, userId: string, articles: readonly Article[], n: number): Promise<number> {
  const started = performance.now();
  const words = articles.flatMap((article) => `${article.title} ${article.body}`.toLowerCase().match(/[a-z][a-z'-]+/g) ?? []);
  let seed = 20250104;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const phrase = (length: number) => Array.from({ length }, () => words[Math.floor(random() * words.length)]).join(' ');
  for (let offset = 0; offset < n; offset += 1000) {
    const batch = Array.from({ length: Math.min(1000, n - offset) }, () => {
      const title = phrase(5 + Math.floor(random() * 6));
      const body = `## ${phrase(4)}\n\n${phrase(60 + Math.floor(random() * 120))}`;
      const text = articleSearchText(body);
      return { id: randomUUID(), title, body, html: renderArticleHtml(body), ...text };
    });
    await withTenant(db, { orgId }, async (trx) => {
      await trx('kb_articles').insert(batch.map((a) => ({ org_id: orgId, id: a.id, created_by: userId })));
      await trx('kb_article_translations').insert(batch.map((a) => ({
        org_id: orgId, article_id: a.id, locale: 'en', title: a.title, slug: 'generated', body: a.body, body_html: a.html,
        headings: a.headings, body_text: a.text, status: 'published', owner_id: userId, version: 1, published_at: new Date(),
      })));
    });
  }
  return performance.now() - started;
}

await main();
