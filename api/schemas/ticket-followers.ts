import { z } from 'zod';
import { RecordNumberParam, Timestamp, Uuid } from './common';

export const FollowBody = z.object({
  /** The member who follows: the caller themselves, or (for owners and admins) any active member who works tickets. */
  userId: Uuid,
}).meta({ id: 'FollowTicket' });

export const FollowerParams = z.object({ number: RecordNumberParam, userId: Uuid });

export const FollowersSchema = z.object({
  data: z.array(z.object({
    userId: Uuid,
    name: z.string(),
    email: z.string(),
    /** Who made them a follower (themselves, or an owner or admin); null when that account is gone. */
    addedBy: Uuid.nullable(),
    createdAt: Timestamp,
  })),
}).meta({ id: 'TicketFollowers' });
