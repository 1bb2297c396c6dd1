import { z } from 'zod';

/** A `seq` of the event log, as a query parameter. */
export const SeqParam = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const ListEventsQuery = z.object({
  after: SeqParam.default(0).meta({ description: 'Answer the events after this `seq` (0: from the first).' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const EventSchema = z
  .object({
    seq: z.number().int().meta({ description: "Increases per org in commit order: pass the last one seen as `after`." }),
    type: z.string().meta({ description: '`ticket.replied`, `work_order.scheduled`, `dispatch.approved`, `technician.position`, `notification.created`…' }),
    topic: z.string().meta({ description: '`ticket:{number}`, `work-order:{number}`, `dispatch`, `notifications:{userId}`' }),
    at: z.string(),
    data: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Event' });

export const EventPage = z.object({
  data: z.array(EventSchema),
  nextCursor: z.string().nullable().meta({ description: 'The `after` of the next page; null when this page reached the newest event.' }),
});
