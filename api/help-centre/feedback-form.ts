import coBody from 'co-body';
import type { Context, Next } from 'koa';
import type { Db } from '../../db/connection';
import { escapeHtml as e } from '../../domain/kb/escape-html';
import { helpCentreOrg } from '../../db/help-centre';
import { voteOnPublishedArticle } from '../kb/help-vote';
import { FeedbackBody } from '../schemas/kb';
import { readerCookie } from './reader-cookie';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FEEDBACK_PATH = new RegExp(`^/help/([^/]+)/articles/(${UUID})/feedback$`);

/** The outcome shown under an article after its form was sent (the `feedback` query parameter). */
export type FeedbackOutcome = 'thanks' | 'invalid' | null;

export function feedbackOutcome(value: unknown): FeedbackOutcome {
  return value === 'thanks' || value === 'invalid' ? value : null;
}

/** "Was this helpful?" under an article: a plain form, so it works without JavaScript. */
export function feedbackForm(articlePath: string, locale: string, outcome: FeedbackOutcome): string {
  if (outcome === 'thanks') return `<section id="feedback"><p role="status">Thank you for your feedback.</p></section>`;
  return `<section id="feedback" aria-labelledby="feedback-title"><h2 id="feedback-title">Was this article helpful?</h2>
${outcome === 'invalid' ? '<p role="alert">Please choose Yes or No, and check the email address.</p>' : ''}
<form method="post" action="${e(articlePath)}/feedback">
<input type="hidden" name="locale" value="${e(locale)}">
<p><label for="feedback-comment">Comment (optional)</label><br><textarea id="feedback-comment" name="comment" maxlength="2000" rows="3" cols="50"></textarea></p>
<p><label for="feedback-email">Your email (optional): tells us whether this article spared you writing to us</label><br><input type="email" id="feedback-email" name="email" maxlength="254"></p>
<p><button name="helpful" value="yes">Yes, it helped</button> <button name="helpful" value="no">No</button></p>
</form></section>`;
}

/**
 * The form's target: POST /help/{orgSlug}/articles/{id}/feedback (form-encoded), then back
 * to the article (303) with the outcome. The same vote as the JSON route.
 */
export function helpCentreFeedback(db: Db, publicUrl: string) {
  return async (ctx: Context, next: Next) => {
    const match = ctx.method === 'POST' ? FEEDBACK_PATH.exec(ctx.path) : null;
    if (!match) return next();
    const org = await helpCentreOrg(db, decodeURIComponent(match[1]!));
    // An unknown org or article falls through to the 404 every other unknown path gets.
    if (!org) return next();
    const form = ctx.is('application/x-www-form-urlencoded') ? await coBody.form(ctx, { limit: '16kb' }) as Record<string, unknown> : {};
    const helpful = form.helpful === 'yes' ? true : form.helpful === 'no' ? false : undefined;
    const parsed = FeedbackBody.safeParse({ helpful, comment: form.comment, locale: form.locale, email: form.email || undefined });
    const reader = readerCookie(ctx, publicUrl);
    const saved = parsed.success ? await voteOnPublishedArticle(db, org, match[2]!, parsed.data, reader.readerId) : null;
    if (parsed.success && !saved) return next();
    if (reader.setCookie) ctx.set('Set-Cookie', reader.setCookie);
    ctx.status = 303;
    ctx.redirect(`/help/${encodeURIComponent(org.slug)}/articles/${match[2]}?feedback=${saved ? 'thanks' : 'invalid'}#feedback`);
  };
}
