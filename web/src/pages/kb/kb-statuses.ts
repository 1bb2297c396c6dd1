import type { KbArticleStatus } from '../../api/kb-types';

export const KB_STATUSES: readonly KbArticleStatus[] = ['draft', 'published', 'internal', 'archived'];
export const KB_STATUS_LABELS: Record<KbArticleStatus, string> = { draft: 'Draft', published: 'Published', internal: 'Internal (agents only)', archived: 'Archived' };
