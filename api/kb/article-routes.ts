import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { createArticle, lockArticle, saveArticle, type ArticleContent } from '../../db/kb-articles';
import { articleLocales, findArticleWithTranslations, listFiledTranslations } from '../../db/kb-article-reads';
import { recordArticleView } from '../../db/kb-reading-log';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound, Problem } from '../problem';
import { routeGroup } from '../route-group';
import { Uuid } from '../schemas/common';
import { ArticleSchema, ArticleStatus, ArticleSummarySchema, CreateArticleBody, Locale, UpdateArticleBody } from '../schemas/kb';
import { slugify } from '../slug';
import { articleSummary, articleView } from './article-view';
import { resolveFiling } from './filing';

export const ArticleParams = z.object({ id: Uuid });
export const LocaleQuery = z.object({ locale: Locale.default('en') });

const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.workTickets });

/** Knowledge-base articles for agents and admins: create, list, read, save (a new version). */
export function articleRoutes({ db }: ApiDeps) {
  const create = knowledgeBase.post('/kb/articles', {
    operationId: 'createKbArticle', summary: 'Write an article (its first translation, version 1)',
    body: CreateArticleBody,
    responses: { 201: { description: 'Created', schema: ArticleSchema }, 422: { description: 'No such category or section' } },
    async handler({ auth, body }) {
      const saved = await withTenant(db, auth, async (trx) => {
        const filing = await resolveFiling(trx, auth.orgId, { categoryId: body.categoryId ?? null, sectionId: body.sectionId ?? null });
        return createArticle(trx, {
          orgId: auth.orgId, id: randomUUID(), userId: auth.userId, locale: body.locale, ...filing,
          content: { title: body.title, body: body.body, status: body.status, tags: uniqueTags(body.tags), slug: body.slug ?? articleSlug(body.title) },
        });
      });
      return { status: 201, body: articleView(saved.article, saved.translation, [saved.translation.locale]) };
    },
  });

  const list = knowledgeBase.get('/kb/articles', {
    operationId: 'listKbArticles', summary: 'Articles, most recently changed first',
    query: z.object({
      locale: Locale.optional(), status: ArticleStatus.optional(), categoryId: Uuid.optional(), sectionId: Uuid.optional(),
      tag: z.string().max(60).optional(), limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0),
    }),
    responses: { 200: { description: 'Articles', schema: z.object({ data: z.array(ArticleSummarySchema) }) } },
    async handler({ auth, query }) {
      const rows = await withTenant(db, auth, (trx) => listFiledTranslations(trx, auth.orgId, query));
      return { status: 200, body: { data: rows.map((row) => articleSummary(row, row)) } };
    },
  });

  const get = knowledgeBase.get('/kb/articles/{id}', {
    operationId: 'getKbArticle', summary: 'An article in one locale (every state: staff read drafts too)',
    params: ArticleParams, query: LocaleQuery,
    responses: { 200: { description: 'The article', schema: ArticleSchema } },
    async handler({ auth, params, query }) {
      const found = await withTenant(db, auth, async (trx) => {
        const stored = await findArticleWithTranslations(trx, auth.orgId, params.id);
        const translation = stored?.translations.find((row) => row.locale === query.locale);
        if (!stored || !translation) return null;
        await recordArticleView(trx, { orgId: auth.orgId, articleId: stored.article.id, locale: translation.locale, source: 'agent' });
        return articleView(stored.article, translation, stored.translations.map((row) => row.locale));
      });
      if (!found) throw notFound('Article');
      return { status: 200, body: found };
    },
  });

  const update = knowledgeBase.patch('/kb/articles/{id}', {
    operationId: 'updateKbArticle', summary: 'Save an article in one locale: a new version (a locale it lacks becomes a new translation)',
    params: ArticleParams, body: UpdateArticleBody,
    responses: { 200: { description: 'Saved', schema: ArticleSchema }, 422: { description: 'A new translation without a title and body, or no such category or section' } },
    async handler({ auth, params, body }) {
      const saved = await withTenant(db, auth, async (trx) => {
        const locked = await lockArticle(trx, auth.orgId, params.id, body.locale);
        if (!locked) throw notFound('Article');
        const { article, translation } = locked;
        if (!translation && (body.title === undefined || body.body === undefined)) {
          throw new Problem(422, 'translation-incomplete', 'A new translation needs a title and a body', { errors: [{ pointer: '/title', message: `The article has no ${body.locale} translation yet.` }] });
        }
        const filing = await resolveFiling(trx, auth.orgId, {
          categoryId: body.categoryId !== undefined ? body.categoryId : body.sectionId ? null : article.category_id,
          sectionId: body.sectionId !== undefined ? body.sectionId : article.section_id,
        });
        const title = body.title ?? translation!.title;
        const content: ArticleContent = {
          title, body: body.body ?? translation!.body, status: body.status ?? translation?.status ?? 'draft',
          tags: body.tags ? uniqueTags(body.tags) : (translation?.tags ?? []), slug: body.slug ?? (body.title !== undefined || !translation ? articleSlug(title) : translation.slug),
        };
        const result = await saveArticle(trx, { article, translation, locale: body.locale, userId: auth.userId, filing, content });
        return { ...result, locales: await articleLocales(trx, auth.orgId, params.id) };
      });
      return { status: 200, body: articleView(saved.article, saved.translation, saved.locales) };
    },
  });

  return [create, list, get, update];
}

export function articleSlug(title: string): string {
  return slugify(title) || 'article';
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.toLowerCase()))];
}
