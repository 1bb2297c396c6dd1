import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { KbView } from './models';
import type { KbFeedbackRow } from './table-rows.generated';

/**
 * Who is reading: a help-centre reader's random id (the `keel_reader` cookie), and the
 * contact email that reader is known by, if any (see migrations/021_kb_readers.ts).
 */
export interface Reader {
  readerId?: string | null;
  email?: string | null;
}

export interface ArticleRead {
  orgId: string;
  articleId: string;
  locale: string;
  source: 'help' | 'agent';
  reader?: Reader;
}

/**
 * Ties a reader id to a contact email: the reader's earlier views carry it from now on, so
 * a ticket that contact opens within 72 h after one of them counts against the article.
 */
export async function linkReader(trx: Knex.Transaction, orgId: string, readerId: string, email: string): Promise<void> {
  await KbView.query(trx).where({ org_id: orgId, reader_id: readerId }).whereNull('reader_email').patch({ reader_email: email });
}

/** The email a reader id was already tied to, if any. */
async function knownEmail(trx: Knex.Transaction, orgId: string, readerId: string): Promise<string | null> {
  const row = await KbView.query(trx).where({ org_id: orgId, reader_id: readerId }).whereNotNull('reader_email').select('reader_email').first();
  return row?.reader_email ?? null;
}

/** One view of an article translation, with its reader when known. */
export async function recordView(trx: Knex.Transaction, read: ArticleRead): Promise<void> {
  const readerId = read.reader?.readerId ?? null;
  const email = read.reader?.email ?? (readerId ? await knownEmail(trx, read.orgId, readerId) : null);
  await KbView.query(trx).insert({
    org_id: read.orgId, id: randomUUID(), article_id: read.articleId, locale: read.locale, source: read.source, reader_id: readerId, reader_email: email,
  });
}

export interface Vote {
  helpful: boolean;
  comment: string;
  userId?: string | null;
}

/**
 * A "was this helpful?" vote. A reader with an id votes once per article: voting again
 * replaces the vote (and its comment), so one reader cannot tip the ratio.
 */
export async function recordVote(trx: Knex.Transaction, read: ArticleRead, vote: Vote): Promise<KbFeedbackRow> {
  const readerId = read.reader?.readerId ?? null;
  if (readerId && read.reader?.email) await linkReader(trx, read.orgId, readerId, read.reader.email);
  const row = { org_id: read.orgId, article_id: read.articleId, locale: read.locale, helpful: vote.helpful, comment: vote.comment, user_id: vote.userId ?? null, reader_id: readerId };
  const result = await trx.raw(
    `INSERT INTO kb_feedback (org_id, id, article_id, locale, helpful, comment, user_id, reader_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (org_id, article_id, reader_id) WHERE reader_id IS NOT NULL
     DO UPDATE SET helpful = excluded.helpful, comment = excluded.comment, locale = excluded.locale, created_at = now()
     RETURNING *`,
    [row.org_id, randomUUID(), row.article_id, row.locale, row.helpful, row.comment, row.user_id, row.reader_id],
  );
  return result.rows[0];
}
