import type { Knex } from 'knex';

/**
 * Who read an article, so the knowledge-base report can tell whether reading it spared a
 * ticket (the 72-hour resolution signal). A help-centre reader is anonymous: the help centre
 * gives each browser a random reader id (the `keel_reader` cookie) and every view and vote
 * carries it. A reader id is tied to a contact's email when that reader names one (the
 * optional email on the feedback form, or a signed-in customer, through linkReader in
 * db/kb-feedback.ts); every view of that reader then carries the email, and a ticket whose
 * requester has it, opened within 72 h after a view, marks the view as not resolved.
 *
 * kb_views and kb_feedback keep their row-level security from 012; no new table.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE kb_views ADD COLUMN reader_id uuid, ADD COLUMN reader_email citext;
    CREATE INDEX kb_views_reader_idx ON kb_views (org_id, reader_id) WHERE reader_id IS NOT NULL;
    CREATE INDEX kb_views_reader_email_idx ON kb_views (org_id, reader_email, viewed_at) WHERE reader_email IS NOT NULL;

    -- One vote per reader and article: voting again changes the vote.
    ALTER TABLE kb_feedback ADD COLUMN reader_id uuid;
    CREATE UNIQUE INDEX kb_feedback_reader_idx ON kb_feedback (org_id, article_id, reader_id) WHERE reader_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS kb_feedback_reader_idx;
    ALTER TABLE kb_feedback DROP COLUMN IF EXISTS reader_id;
    DROP INDEX IF EXISTS kb_views_reader_email_idx, kb_views_reader_idx;
    ALTER TABLE kb_views DROP COLUMN IF EXISTS reader_id, DROP COLUMN IF EXISTS reader_email;
  `);
}
