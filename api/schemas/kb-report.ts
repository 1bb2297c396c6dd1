import { z } from 'zod';
import { Uuid } from './common';

export const FeedbackSchema = z.object({
  id: Uuid,
  helpful: z.boolean(),
  comment: z.string(),
  locale: z.string(),
  createdAt: z.string(),
}).meta({ id: 'KbFeedback' });

export const KbReportQuery = z.object({
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().meta({ description: 'Start of the period; 30 days before `to` by default' }),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional().meta({ description: 'End of the period (exclusive); now by default' }),
});

const Ratio = z.number().min(0).max(1).nullable();

export const KbArticleFiguresSchema = z.object({
  articleId: Uuid,
  title: z.string(),
  status: z.string(),
  views: z.number().int(),
  helpful: z.number().int(),
  notHelpful: z.number().int(),
  helpfulRatio: Ratio.meta({ description: 'helpful ÷ votes; null without votes' }),
  settledViews: z.number().int().meta({ description: 'Help-centre views by readers known by email whose 72 h are over or who already opened a ticket' }),
  followedByTicket: z.number().int().meta({ description: 'Settled views the reader opened a ticket within 72 h after' }),
  pendingViews: z.number().int().meta({ description: 'Known readers’ views still inside their 72 h, no ticket yet' }),
  resolutionRate: Ratio.meta({ description: 'Settled views not followed by a ticket ÷ settled views; null when none' }),
}).meta({ id: 'KbArticleFigures' });

export const KbReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  resolutionWindowHours: z.number().int(),
  articles: z.array(KbArticleFiguresSchema),
  missing: z.array(z.object({ query: z.string(), searches: z.number().int(), lastSearchedAt: z.string() }))
    .meta({ description: 'Searches that found nothing, most asked first: the queue of articles to write' }),
}).meta({ id: 'KbReport' });
