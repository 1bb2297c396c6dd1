import { z } from 'zod';
import { MAX_CALL_SECONDS } from '../../domain/ticket/index';

export const CallBody = z.object({
  direction: z.enum(['inbound', 'outbound']),
  phoneNumber: z.string().trim().min(3).max(32).regex(/^\+?[0-9 ()./-]+$/, 'Digits, spaces and + ( ) . / - only.'),
  durationSeconds: z.number().int().min(0).max(MAX_CALL_SECONDS),
  notes: z.string().trim().max(20_000).default(''),
}).meta({ id: 'LogCall' });
