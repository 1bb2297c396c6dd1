import { z } from 'zod';
import { RecordNumber, RecordNumberParam, pgInteger } from './common';
import { MAX_EDITS, REGION_PATTERN_SOURCE } from '../../domain/dispatch/index';

const IsoDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
const WorkOrderNumber = RecordNumber;

export const CreatePlanBody = z.object({
  date: IsoDate,
  region: z.string().trim().toLowerCase().regex(new RegExp(REGION_PATTERN_SOURCE), 'Lowercase letters, digits and dashes.').default('default'),
  timeLimitSeconds: z.number().min(0.2).max(300).default(10),
  seed: z.number().int().min(1).max(2 ** 31 - 1).optional(),
  /** How long a proposal waits for the dispatcher before the policy applies. */
  approvalTimeoutSeconds: z.number().int().min(1).max(7 * 24 * 3600).default(4 * 3600),
  timeoutPolicy: z.enum(['notify', 'auto_approve']).default('notify'),
});
export type CreatePlanBody = z.infer<typeof CreatePlanBody>;

export const PlanParams = z.object({ id: z.string().min(1).max(80) });

export const DispatchEditSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('move'), workOrderNumber: WorkOrderNumber, technicianId: z.uuid(), position: z.number().int().min(0).max(1000).optional() }),
  z.object({ kind: z.literal('lock'), workOrderNumber: WorkOrderNumber, technicianId: z.uuid() }),
  z.object({ kind: z.literal('unassign'), workOrderNumber: WorkOrderNumber }),
]);

export const ApproveBody = z.object({
  version: pgInteger(1).optional(),
  edits: z.array(DispatchEditSchema).max(MAX_EDITS).default([]),
});
export const CheckBody = z.object({ edits: z.array(DispatchEditSchema).min(1).max(MAX_EDITS) });
export const RejectBody = z.object({ reason: z.string().trim().max(1000).optional() });
export const UrgentBody = z.object({ workOrderNumber: WorkOrderNumber });

export const WindowsParams = z.object({ number: RecordNumberParam });
export const WindowsBody = z.object({
  windows: z.array(z.object({ start: Instant, end: Instant }).refine((w) => Date.parse(w.end) > Date.parse(w.start), 'A window must end after it starts.')).max(20),
});

const LatLng = z.object({ lat: z.number(), lng: z.number() });
const Stop = z.object({
  workOrderNumber: z.number(), title: z.string(), eta: z.string(), start: z.string(), end: z.string(), locked: z.boolean(), started: z.boolean(),
});
const ProposalSchema = z
  .object({
    routes: z.array(z.object({ technicianId: z.string(), technicianName: z.string(), stops: z.array(Stop), travelSeconds: z.number(), travelMeters: z.number() })),
    unassigned: z.array(z.object({ workOrderNumber: z.number(), title: z.string(), reason: z.string() })),
    summary: z.object({ assigned: z.number(), unassigned: z.number(), travelSeconds: z.number(), technicians: z.number() }),
  })
  .meta({ id: 'DispatchProposal' });

export const PlanSchema = z
  .object({
    id: z.string(),
    date: z.string(),
    region: z.string(),
    status: z.enum(['planning', 'proposed', 'reviewing', 'committing', 'committed']),
    version: z.number(),
    trigger: z.enum(['initial', 'rejected', 'urgent']),
    proposal: ProposalSchema.nullable(),
    committed: ProposalSchema.nullable(),
    committedVersion: z.number(),
    changes: z.array(z.object({ workOrderNumber: z.number(), kind: z.string(), from: z.unknown(), to: z.unknown() })),
    locks: z.record(z.string(), z.string()),
    technicianIds: z.array(z.string()),
    sites: z.record(z.string(), LatLng),
    homes: z.record(z.string(), LatLng),
    escalated: z.boolean(),
    approvedBy: z.string().nullable(),
    autoApproved: z.boolean(),
  })
  .meta({ id: 'DispatchPlan' });
