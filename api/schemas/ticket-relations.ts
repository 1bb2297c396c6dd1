import { z } from 'zod';
import { TICKET_STATUSES } from '../../domain/ticket/index';
import { RecordNumber, RecordNumberParam, Uuid } from './common';

export const LINK_KINDS = ['related', 'parent', 'child'] as const;

export const MergeBody = z.object({
  /** The ticket this one goes into: it stays open and takes this one's conversation and people. */
  into: RecordNumber,
}).meta({ id: 'MergeTicket' });

export const SplitBody = z.object({
  /** The change (`seq` of a timeline entry's id `number-seq-part`) whose message becomes the new ticket. */
  seq: RecordNumber,
  /** The new ticket's subject; by default the old one's, prefixed with where it came from. */
  subject: z.string().trim().min(1).max(250).optional(),
}).meta({ id: 'SplitTicket' });

export const LinkBody = z.object({
  number: RecordNumber,
  /** In this ticket's terms: `parent` makes `number` this ticket's parent. */
  kind: z.enum(LINK_KINDS).default('related'),
}).meta({ id: 'LinkTicket' });

export const LinkParams = z.object({ number: RecordNumberParam, linked: RecordNumberParam });

const RelatedTicket = z.object({ number: z.number().int(), subject: z.string(), status: z.enum(TICKET_STATUSES) });

export const RelationsSchema = z.object({
  mergedInto: RelatedTicket.nullable(),
  merged: z.array(RelatedTicket),
  links: z.array(RelatedTicket.extend({ kind: z.enum(LINK_KINDS) })),
  ccs: z.array(z.object({ id: Uuid, email: z.string(), name: z.string().nullable() })),
}).meta({ id: 'TicketRelations' });

export const CcBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().max(200).optional(),
}).meta({ id: 'AddTicketCc' });

export const CcParams = z.object({ number: RecordNumberParam, contactId: Uuid });
