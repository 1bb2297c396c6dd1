import { z } from 'zod';
import { TICKET_STATUSES } from '../../domain/ticket/index';
import { Email, RecordNumberParam } from './common';

export const PortalParams = z.object({ orgSlug: z.string().min(1).max(100) });
export const PortalRequestParams = PortalParams.extend({ number: RecordNumberParam });

export const SignInLinkBody = z.object({ email: Email });
export const SignInBody = z.object({ token: z.string().min(20).max(100) });

export const PortalCustomerSchema = z.object({ email: z.string(), name: z.string().nullable() }).meta({ id: 'PortalCustomer' });

/** A file sent with the form, as base64 (the JSON body's 1 MB limit bounds the total). */
export const PortalAttachmentInput = z.object({
  filename: z.string().trim().min(1).max(255),
  contentType: z.string().trim().min(1).max(255).regex(/^[\w.+-]+\/[\w.+-]+$/, 'A MIME type such as image/png.'),
  content: z.base64(),
});

export const PortalRequestBody = z.object({
  subject: z.string().trim().min(1).max(500),
  description: z.string().trim().min(1).max(50_000),
  attachments: z.array(PortalAttachmentInput).max(10).default([]),
});

export const PortalReplyBody = z.object({
  body: z.string().trim().min(1).max(50_000),
  attachments: z.array(PortalAttachmentInput).max(10).default([]),
});

export const RatingValue = z.enum(['good', 'bad']);

export const TicketRatingSchema = z.object({
  rating: RatingValue,
  comment: z.string().nullable(),
  createdAt: z.string(),
}).meta({ id: 'TicketRating' });

export const RateTicketBody = z.object({
  rating: RatingValue,
  comment: z.string().trim().max(2000).nullable().default(null),
  /** The signed link's token (from the mail or the portal page): lets the rating in without a session. */
  token: z.string().min(20).max(200).optional(),
});

export const PortalRequestSummary = z.object({
  number: z.number().int(),
  subject: z.string(),
  status: z.enum(TICKET_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Who asked: the signed-in contact, or (seen by a company's designated contact) a colleague. */
  requester: z.object({ email: z.string(), name: z.string().nullable() }),
  /** The signed-in contact is the requester: only they mark it solved and rate it. */
  mine: z.boolean(),
}).meta({ id: 'PortalRequestSummary' });

export const PortalMessageSchema = z.object({
  from: z.enum(['customer', 'support']),
  body: z.string(),
  at: z.string(),
});

export const PortalRequestDetail = PortalRequestSummary.extend({
  /** The opening message, then every public message since; internal notes are never included. */
  messages: z.array(PortalMessageSchema),
  rating: TicketRatingSchema.nullable(),
  /** The one-click rating link, once the ticket is solved (the requester's only). */
  ratingLink: z.string().nullable(),
}).meta({ id: 'PortalRequestDetail' });

export const SolvedSchema = z.object({ number: z.number().int(), status: z.literal('solved') }).meta({ id: 'PortalRequestSolved' });
export const SubmittedSchema = z.object({ number: z.number().int() });
