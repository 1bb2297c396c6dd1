import { createTwoFilesPatch, diffLines, diffWords } from 'diff';
import { z } from 'zod';
import { lockArticle, saveArticle } from '../../db/kb-articles';
import type { Knex } from 'knex';
import { articleLocales } from '../../db/kb-article-reads';
import { findVersion, findVersions, listVersions } from '../../db/kb-article-versions';
import { findFiling } from '../../db/kb-filing';
import { KbCategory, KbSection } from '../../db/models';
import { withTenant } from '../../db/tenant';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { Uuid } from '../schemas/common';
import { ArticleDiffSchema, ArticleSchema, ArticleVersionSchema, Locale } from '../schemas/kb';
import { ArticleParams, LocaleQuery } from './article-routes';
import { articleView, versionView } from './article-view';

const VersionNumber = z.coerce.number().int().min(1).max(2_147_483_647);

const knowledgeBase = routeGroup({ tag: 'knowledge base', access: ACCESS.workTickets });

/** An article translation's history: its versions, the diff of two, a restore, archiving. */
export function versionRoutes({ db }: ApiDeps) {
  const list = knowledgeBase.get('/kb/articles/{id}/versions', {
    operationId: 'listKbArticleVersions', summary: "A translation's saves, newest first",
    params: ArticleParams, query: LocaleQuery,
    responses: { 200: { description: 'Versions', schema: z.object({ data: z.array(ArticleVersionSchema) }) } },
    async handler({ auth, params, query }) {
      const versions = await withTenant(db, auth, (trx) => listVersions(trx, auth.orgId, params.id, query.locale));
      if (versions.length === 0) throw notFound('Article');
      return { status: 200, body: { data: versions.map(versionView) } };
    },
  });

  const diff = knowledgeBase.get('/kb/articles/{id}/diff', {
    operationId: 'diffKbArticleVersions', summary: 'What changed between two versions of a translation',
    params: ArticleParams, query: LocaleQuery.extend({ from: VersionNumber, to: VersionNumber }),
    responses: { 200: { description: 'The changes', schema: ArticleDiffSchema } },
    async handler({ auth, params, query }) {
      const versions = await withTenant(db, auth, (trx) => findVersions(trx, auth.orgId, params.id, query.locale, [query.from, query.to]));
      const from = versions.find((row) => row.version === query.from);
      const to = versions.find((row) => row.version === query.to);
      if (!from || !to) throw notFound('Version');
      const change = ({ value, added, removed }: { value: string; added: boolean; removed: boolean }) => ({ value, added, removed });
      return {
        status: 200,
        body: {
          from: from.version, to: to.version,
          title: diffWords(from.title, to.title).map(change),
          body: diffLines(from.body, to.body).map(change),
          unified: createTwoFilesPatch(`v${from.version}`, `v${to.version}`, from.body, to.body),
          status: { from: from.status, to: to.status },
          tags: { added: to.tags.filter((tag) => !from.tags.includes(tag)), removed: from.tags.filter((tag) => !to.tags.includes(tag)) },
        },
      };
    },
  });

  const restore = knowledgeBase.post('/kb/articles/{id}/versions/{version}/restore', {
    operationId: 'restoreKbArticleVersion', summary: "Save an earlier version's content again, as a new version",
    params: z.object({ id: Uuid, version: VersionNumber }), body: z.object({ locale: Locale.default('en') }),
    responses: { 200: { description: 'Restored', schema: ArticleSchema } },
    async handler({ auth, params, body }) {
      const saved = await withTenant(db, auth, async (trx) => {
        const locked = await lockArticle(trx, auth.orgId, params.id, body.locale);
        const old = await findVersion(trx, auth.orgId, params.id, body.locale, params.version);
        if (!locked?.translation || !old) throw notFound('Version');
        // The filing as it was, unless that category or section is gone since.
        const result = await saveArticle(trx, {
          article: locked.article, translation: locked.translation, locale: body.locale, userId: auth.userId,
          filing: await stillFiled(trx, auth.orgId, old.category_id, old.section_id, locked.article),
          content: { title: old.title, body: old.body, status: old.status, tags: old.tags, slug: old.slug },
        });
        return { ...result, locales: await articleLocales(trx, auth.orgId, params.id) };
      });
      return { status: 200, body: articleView(saved.article, saved.translation, saved.locales) };
    },
  });

  const archive = knowledgeBase.post('/kb/articles/{id}/archive', {
    operationId: 'archiveKbArticle', summary: 'Archive an article in every locale (each translation saves a new version)',
    params: ArticleParams,
    responses: { 200: { description: 'Archived', schema: ArticleSchema } },
    async handler({ auth, params }) {
      const saved = await withTenant(db, auth, async (trx) => {
        const locales = await articleLocales(trx, auth.orgId, params.id);
        if (locales.length === 0) throw notFound('Article');
        let last = null;
        for (const locale of locales) {
          const locked = await lockArticle(trx, auth.orgId, params.id, locale);
          const current = locked!.translation!;
          last = current.status === 'archived' ? { article: locked!.article, translation: current } : await saveArticle(trx, {
            article: locked!.article, translation: current, locale, userId: auth.userId,
            filing: { categoryId: locked!.article.category_id, sectionId: locked!.article.section_id },
            content: { title: current.title, body: current.body, status: 'archived', tags: current.tags, slug: current.slug },
          });
        }
        return { ...last!, locales };
      });
      return { status: 200, body: articleView(saved.article, saved.translation, saved.locales) };
    },
  });

  return [list, diff, restore, archive];
}

async function stillFiled(
  trx: Knex.Transaction, orgId: string, categoryId: string | null, sectionId: string | null,
  current: { category_id: string | null; section_id: string | null },
) {
  const exists = async (model: typeof KbCategory | typeof KbSection, id: string | null) => id === null || (await findFiling(model, trx, orgId, id)) !== undefined;
  return (await exists(KbCategory, categoryId)) && (await exists(KbSection, sectionId))
    ? { categoryId, sectionId }
    : { categoryId: current.category_id, sectionId: current.section_id };
}
