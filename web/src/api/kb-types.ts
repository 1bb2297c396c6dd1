/** The console's names for the knowledge base's API shapes (the rest are in types.ts). */
import type { components } from './schema';
import type { RequestBody } from './types';

type Schemas = components['schemas'];

export type KbArticle = Schemas['KbArticle'];
export type KbArticleSummary = Schemas['KbArticleSummary'];
export type KbArticleStatus = KbArticle['status'];
export type KbArticleVersion = Schemas['KbArticleVersion'];
export type KbArticleDiff = Schemas['KbArticleDiff'];
export type KbSearchHit = Schemas['KbSearchHit'];
export type KbCategory = Schemas['KbCategory'];
export type KbSection = Schemas['KbSection'];
export type KbReport = Schemas['KbReport'];
export type KbSuggestion = Schemas['KbSuggestion'];
export type NewKbArticle = RequestBody<'createKbArticle'>;
export type KbArticleChanges = RequestBody<'updateKbArticle'>;
