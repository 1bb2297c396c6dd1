import { z } from 'zod';
import { ClockViewSchema } from './sla';
import { MAX_REPLY_ATTACHMENTS, TICKET_CHANNELS, TICKET_PRIORITIES, TICKET_STATUSES } from '../../domain/ticket/index';
import { Email, PageQuery, ProblemSchema, RecordNumberParam, Uuid } from './common';
import { QUEUE_SORTS } from '../../db/ticket-read-model';

export const Tag = z.string().trim().min(1).max(50).regex(/^[^\s,]+$/, 'A tag has no spaces or commas.');
export const FieldValue = z.union([z.string().max(2000), z.number(), z.boolean(), z.array(z.string().max(200)).max(200), z.null()]);
export const FieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'Field keys are snake_case identifiers.');

export const TicketSchema = z
  .object({
    number: z.number().int(),
    subject: z.string(),
    description: z.string(),
    status: z.enum(TICKET_STATUSES),
    priority: z.enum(TICKET_PRIORITIES),
    channel: z.enum(TICKET_CHANNELS),
    tags: z.array(z.string()),
    assigneeId: Uuid.nullable(),
    assignee: z.object({ id: Uuid, name: z.string() }).nullable(),
    teamId: Uuid.nullable(),
    requester: z.object({ id: Uuid, email: z.string(), name: z.string().nullable() }),
    fields: z.record(z.string(), FieldValue),
    createdAt: z.string(),
    updatedAt: z.string(),
    /** The sequence of the ticket's last change: a reply carries it as `basedOnVersion`. */
    version: z.number().int(),
    /** The open SLA clock closest to (or furthest past) its deadline, for countdown badges. */
    sla: ClockViewSchema.nullable(),
  })
  .meta({ id: 'Ticket' });
export type TicketView = z.infer<typeof TicketSchema>;

export const CreateTicketBody = z.object({
  subject: z.string().trim().min(1).max(250),
  description: z.string().trim().min(1).max(100_000),
  priority: z.enum(TICKET_PRIORITIES).default('normal'),
  requester: z.object({ email: Email, name: z.string().trim().min(1).max(100).optional() }),
  channel: z.enum(TICKET_CHANNELS).default('web'),
  tags: z.array(Tag).max(30).default([]),
  fields: z.record(FieldKey, FieldValue).default({}),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

export const IdempotencyHeaders = z.object({ 'idempotency-key': z.string().min(1).max(200).optional() });

export const TicketNumberParams = z.object({ number: RecordNumberParam });

const StatusList = z
  .string()
  .transform((value) => value.split(',').filter(Boolean))
  .pipe(z.array(z.enum(TICKET_STATUSES)).min(1));

/** `breached`, or `due_within:SECONDS`. */
const SlaFilter = z.union([
  z.literal('breached'),
  z.string().regex(/^due_within:\d{1,7}$/, 'Use breached or due_within:SECONDS.').transform((value) => ({ dueWithinSeconds: Number(value.split(':')[1]) })),
]);

export const TicketFilters = {
  sla: SlaFilter.optional(),
  assigneeId: z.union([z.literal('none'), Uuid]).optional(),
  priority: z.enum(TICKET_PRIORITIES).optional(),
  tag: z.string().max(50).optional(),
  q: z.string().trim().max(200).optional(),
  field: z.string().max(300).regex(/^[a-z][a-z0-9_]{0,62}:.{1,200}$/, 'Use key:value, e.g. plan:pro.')
    .transform((value) => ({ key: value.slice(0, value.indexOf(':')), value: value.slice(value.indexOf(':') + 1) }))
    .optional().describe("Tickets whose custom field has this value, as `key:value` (a multi-select's: includes it)"),
};
export const ListTicketsQuery = z.object({
  status: StatusList.optional(), ...TicketFilters, ...PageQuery,
  sort: z.enum(QUEUE_SORTS).default('-updated').describe('The order: updated, created, priority or number; `-` first for descending. Ties go by number the same way.'),
});
export type ListTicketsQuery = z.infer<typeof ListTicketsQuery>;
export const CountTicketsQuery = z.object(TicketFilters);

export const StatusCountsSchema = z.object(Object.fromEntries(TICKET_STATUSES.map((status) => [status, z.number().int()])));

export const ReplyBody = z.object({
  body: z.string().trim().min(1).max(100_000),
  visibility: z.enum(['public', 'internal']).default('public'),
  /**
   * The ticket's `version` the reply was written against. When given, a reply is refused with
   * 409 `reply-conflict` if someone else wrote on the ticket since (the customer, another agent).
   */
  basedOnVersion: z.number().int().min(0).max(2_147_483_647).optional(),
  /** Files uploaded to this ticket (`POST /tickets/{number}/attachments`) and not sent yet; a public reply mails them. */
  attachmentIds: z.array(Uuid).max(MAX_REPLY_ATTACHMENTS)
    .refine((ids) => new Set(ids).size === ids.length, 'Each attachment once.').optional(),
});
export const AssignBody = z
  .object({ assigneeId: Uuid.nullable().optional(), teamId: Uuid.nullable().optional() })
  .refine((body) => body.assigneeId !== undefined || body.teamId !== undefined, {
    message: 'Send assigneeId or teamId (null clears it).',
  });
export const StatusBody = z.object({ status: z.enum(TICKET_STATUSES) });
export const SubjectBody = z.object({ subject: z.string().trim().min(1).max(250) });
export const PatchBody = z
  .object({
    priority: z.enum(TICKET_PRIORITIES).optional(),
    tags: z.array(Tag).max(30).optional().meta({ description: 'The whole set of tags.' }),
    addTags: z.array(Tag).min(1).max(30).optional().meta({ description: 'Tags to add to the ticket\'s tags as they are when the change runs (composes with concurrent changes).' }),
    removeTags: z.array(Tag).min(1).max(30).optional().meta({ description: 'Tags to remove, likewise.' }),
    fields: z.record(FieldKey, FieldValue).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'Nothing to change.' });

export const TimelineEventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    actor: z.object({ id: Uuid, name: z.string() }).nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
  })
  .meta({ id: 'TimelineEvent' });
export const TimelineQuery = z.object(PageQuery);

/** The 409 of a reply written against an older version of a conversation that moved on. */
export const ReplyConflictSchema = ProblemSchema.extend({
  /** The ticket's version now: send again with it as `basedOnVersion` once the changes are read. */
  currentVersion: z.number().int(),
  /** The messages written since the reply's `basedOnVersion`, oldest first. */
  changes: z.array(TimelineEventSchema),
}).meta({ id: 'ReplyConflict' });

/** A file an agent uploaded to a ticket, to send with a reply or note. */
export const TicketAttachmentSchema = z
  .object({ id: Uuid, filename: z.string(), contentType: z.string(), size: z.number().int() })
  .meta({ id: 'TicketAttachment' });
export const AttachmentUploadQuery = z.object({ filename: z.string().trim().min(1).max(255).optional() });
export const AttachmentUploadHeaders = z.object({
  'content-type': z.string().meta({ description: "The file's media type, e.g. image/png" }),
  'content-disposition': z.string().optional().meta({ description: 'attachment; filename="…" (instead of the filename query parameter)' }),
});
