import type { Context, Next } from 'koa';
import type { Db } from '../../db/connection';
import { findPublished, findSectionBySlug, helpCentreOrg, publishedInSection, recentPublished, type HelpCentreOrg } from '../../db/help-centre';
import { listCategories, listSections } from '../../db/kb-filing';
import { recordView } from '../../db/kb-readers';
import { recordedSearch } from '../../db/kb-reading-log';
import type { KbArticleTranslation } from '../../db/models';
import { withTenant } from '../../db/tenant';
import { escapeHtml as e } from '../../domain/kb/escape-html';
import { excerpt } from '../../domain/kb/excerpt';
import { feedbackForm, feedbackOutcome } from './feedback-form';
import { layout } from './layout';
import { readerCookie } from './reader-cookie';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PATHS = {
  home: /^\/help\/([^/]+)\/?$/,
  section: /^\/help\/([^/]+)\/sections\/([a-z0-9-]+)$/,
  article: new RegExp(`^/help/([^/]+)/articles/(${UUID})(?:-[a-z0-9-]*)?$`),
  search: /^\/help\/([^/]+)\/search$/,
  sitemap: /^\/help\/([^/]+)\/sitemap\.xml$/,
};

type Published = Pick<KbArticleTranslation, 'article_id' | 'title' | 'slug' | 'body_text' | 'updated_at'>;

/**
 * The public help centre at /help/{orgSlug}: home, section, article, search results and the
 * sitemap, rendered on the server. Every read is in the org's tenant transaction and asks
 * for status 'published' only: drafts, internal and archived articles never appear here.
 */
export function helpCentre(db: Db, publicUrl: string) {
  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' || !ctx.path.startsWith('/help/')) return next();
    const match = Object.entries(PATHS).map(([page, pattern]) => [page, pattern.exec(ctx.path)] as const).find(([, m]) => m);
    if (!match) return next();
    const [page, groups] = match;
    const org = await helpCentreOrg(db, decodeURIComponent(groups![1]!));
    if (!org) return notFoundPage(ctx);
    const home = `${publicUrl}/help/${encodeURIComponent(org.slug)}`;
    const html = await withTenant(db, { orgId: org.id }, async (trx) => {
      if (page === 'home') {
        const [categories, sections] = await Promise.all([listCategories(trx, org.id), listSections(trx, org.id)]);
        const recent = await recentPublished(trx, org.id, 10);
        const body = `<h1>How can we help?</h1>${categories.map((category) => `<section><h2>${e(category.name)}</h2><p>${e(category.description)}</p><ul>${
          sections.filter((s) => s.category_id === category.id).map((s) => `<li><a href="${e(home)}/sections/${e(s.slug)}">${e(s.name)}</a></li>`).join('')}</ul></section>`).join('')}
          <h2>Recent articles</h2>${articleList(home, recent)}`;
        return layout(org, home, { title: `${org.name} help centre`, description: `Answers and guides from ${org.name}.`, canonical: home }, body);
      }
      if (page === 'section') {
        const section = await findSectionBySlug(trx, org.id, groups![2]!);
        if (!section) return null;
        const articles = await publishedInSection(trx, org.id, section.id);
        return layout(org, home, { title: `${section.name} · ${org.name} help centre`, description: section.description || `${section.name}: articles from ${org.name}.`, canonical: `${home}/sections/${section.slug}` },
          `<h1>${e(section.name)}</h1><p>${e(section.description)}</p>${articleList(home, articles)}`);
      }
      if (page === 'article') {
        const article = await findPublished(trx, org.id, groups![2]!);
        if (!article) return null;
        const reader = readerCookie(ctx, publicUrl);
        if (reader.setCookie) ctx.set('Set-Cookie', reader.setCookie);
        await recordView(trx, { orgId: org.id, articleId: article.article_id, locale: article.locale, source: 'help', reader: { readerId: reader.readerId } });
        const url = articleUrl(home, article);
        const description = excerpt(article.body_text);
        return layout(org, home, {
          title: `${article.title} · ${org.name}`, description, canonical: url, type: 'article',
          jsonLd: {
            '@context': 'https://schema.org', '@type': 'Article', headline: article.title, description, url,
            datePublished: (article.published_at ?? article.created_at).toISOString(), dateModified: article.updated_at.toISOString(),
            publisher: { '@type': 'Organization', name: org.name },
          },
        }, `<article><h1>${e(article.title)}</h1>${article.body_html}</article>${feedbackForm(`/help/${encodeURIComponent(org.slug)}/articles/${article.article_id}`, article.locale, feedbackOutcome(ctx.query.feedback))}`);
      }
      if (page === 'search') {
        const q = typeof ctx.query.q === 'string' ? ctx.query.q.trim().slice(0, 500) : '';
        const hits = q ? await recordedSearch(trx, { orgId: org.id, query: q, limit: 20, statuses: ['published'], locale: 'en' }, 'help') : [];
        const results = hits.length === 0 ? `<p>No articles match${q ? ` “${e(q)}”` : ''}.</p>`
          : `<ol>${hits.map((hit) => `<li><a href="${e(articleUrl(home, { article_id: hit.id, slug: hit.slug }))}">${e(hit.title)}</a><p>${hit.snippet}</p></li>`).join('')}</ol>`;
        return layout(org, home, { title: `Search: ${q} · ${org.name} help centre`, description: `Articles of ${org.name} matching ${q}.`, canonical: `${home}/search?q=${encodeURIComponent(q)}` },
          `<h1>Search results</h1>${results}`);
      }
      const all = await recentPublished(trx, org.id, 50_000);
      ctx.type = 'application/xml';
      return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${e(home)}</loc></url>${
        all.map((a) => `<url><loc>${e(articleUrl(home, a))}</loc><lastmod>${a.updated_at.toISOString()}</lastmod></url>`).join('')}</urlset>`;
    });
    if (html === null) return notFoundPage(ctx, org);
    ctx.status = 200;
    if (page !== 'sitemap') ctx.type = 'text/html; charset=utf-8';
    ctx.body = html;
  };
}

function articleUrl(home: string, article: Pick<Published, 'article_id' | 'slug'>): string {
  return `${home}/articles/${article.article_id}-${article.slug}`;
}

function articleList(home: string, articles: readonly Published[]): string {
  return articles.length === 0 ? '<p>No articles yet.</p>'
    : `<ul>${articles.map((a) => `<li><a href="${e(articleUrl(home, a))}">${e(a.title)}</a></li>`).join('')}</ul>`;
}

function notFoundPage(ctx: Context, org?: HelpCentreOrg): void {
  ctx.status = 404;
  ctx.type = 'text/html; charset=utf-8';
  ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found</title><meta name="robots" content="noindex"></head><body><h1>Page not found</h1>${org ? `<p><a href="/help/${e(org.slug)}">${e(org.name)} help centre</a></p>` : ''}</body></html>`;
}
