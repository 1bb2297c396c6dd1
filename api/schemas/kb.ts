import { z } from 'zod';
import { Email, Uuid } from './common';

export const ArticleStatus = z.enum(['draft', 'published', 'internal', 'archived']);
/** A BCP 47-style language tag as Keel stores it: `en`, `pt-BR`. */
export const Locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language tag such as en or pt-BR.').max(35);
const Tag = z.string().trim().min(1).max(60);
const Title = z.string().trim().min(1).max(300);
const Body = z.string().max(200_000);
const Slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Lower-case words joined by hyphens.').max(120);

export const CreateArticleBody = z.object({
  title: Title,
  body: Body,
  status: ArticleStatus.default('draft'),
  locale: Locale.default('en'),
  categoryId: Uuid.nullable().optional(),
  sectionId: Uuid.nullable().optional(),
  tags: z.array(Tag).max(30).default([]),
  slug: Slug.optional(),
});

export const UpdateArticleBody = z.object({
  locale: Locale.default('en'),
  title: Title.optional(),
  body: Body.optional(),
  status: ArticleStatus.optional(),
  categoryId: Uuid.nullable().optional(),
  sectionId: Uuid.nullable().optional(),
  tags: z.array(Tag).max(30).optional(),
  slug: Slug.optional(),
});

export const ArticleSchema = z.object({
  id: Uuid,
  locale: z.string(),
  title: z.string(),
  slug: z.string(),
  body: z.string().meta({ description: 'Markdown as written' }),
  bodyHtml: z.string().meta({ description: 'The Markdown rendered and sanitised' }),
  status: ArticleStatus,
  tags: z.array(z.string()),
  ownerId: Uuid,
  version: z.number().int(),
  categoryId: Uuid.nullable(),
  sectionId: Uuid.nullable(),
  locales: z.array(z.string()).meta({ description: 'Every locale the article has a translation in' }),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
}).meta({ id: 'KbArticle' });

export const ArticleSummarySchema = ArticleSchema.omit({ body: true, bodyHtml: true, locales: true }).meta({ id: 'KbArticleSummary' });

export const ArticleVersionSchema = z.object({
  version: z.number().int(),
  locale: z.string(),
  title: z.string(),
  slug: z.string(),
  body: z.string(),
  status: ArticleStatus,
  tags: z.array(z.string()),
  categoryId: Uuid.nullable(),
  sectionId: Uuid.nullable(),
  editedBy: Uuid,
  createdAt: z.string(),
}).meta({ id: 'KbArticleVersion' });

const Change = z.object({ value: z.string(), added: z.boolean(), removed: z.boolean() });
export const ArticleDiffSchema = z.object({
  from: z.number().int(),
  to: z.number().int(),
  title: z.array(Change).meta({ description: 'Word changes of the title' }),
  body: z.array(Change).meta({ description: 'Line changes of the Markdown' }),
  unified: z.string().meta({ description: 'The body as a unified diff' }),
  status: z.object({ from: ArticleStatus, to: ArticleStatus }),
  tags: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
}).meta({ id: 'KbArticleDiff' });

export const SearchHitSchema = z.object({
  id: Uuid,
  title: z.string(),
  snippet: z.string().meta({ description: 'Matching words of the body, HTML-escaped, matches in <mark>' }),
  locale: z.string(),
  slug: z.string(),
  status: ArticleStatus,
  score: z.number(),
  categoryId: Uuid.nullable(),
  sectionId: Uuid.nullable(),
  tags: z.array(z.string()),
}).meta({ id: 'KbSearchHit' });

const SearchText = z.string().trim().min(1).max(500);
const SearchLimit = z.coerce.number().int().min(1).max(50).default(10);

export const SearchQuery = z.object({
  q: SearchText,
  limit: SearchLimit,
  locale: Locale.optional(),
  categoryId: Uuid.optional(),
  sectionId: Uuid.optional(),
  tag: Tag.optional(),
  status: z.enum(['published', 'internal', 'draft', 'archived']).optional(),
});

export const HelpSearchQuery = z.object({ q: SearchText, limit: SearchLimit, locale: Locale.optional() });

export const CategoryBody = z.object({
  name: z.string().trim().min(1).max(120),
  slug: Slug.optional(),
  description: z.string().max(2_000).default(''),
  position: z.number().int().min(0).max(10_000).default(0),
});
export const SectionBody = CategoryBody.extend({ categoryId: Uuid });

export const CategorySchema = z.object({
  id: Uuid, name: z.string(), slug: z.string(), description: z.string(), position: z.number().int(),
}).meta({ id: 'KbCategory' });
export const SectionSchema = CategorySchema.extend({ categoryId: Uuid }).meta({ id: 'KbSection' });

export const FeedbackBody = z.object({
  helpful: z.boolean(),
  comment: z.string().trim().max(2_000).default(''),
  locale: Locale.default('en'),
  email: Email.optional().meta({ description: "The reader's email, if they give it: ties their reading to the tickets they open (the 72 h resolution signal)" }),
});
