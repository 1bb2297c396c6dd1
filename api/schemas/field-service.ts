import { z } from 'zod';
import { WORK_ORDER_PRIORITIES, WORK_ORDER_SOURCES, WORK_ORDER_STATUSES } from '../../domain/work-order/index';
import { PageQuery, RecordNumberParam, Uuid } from './common';

const Lat = z.number().min(-90).max(90);
const Lng = z.number().min(-180).max(180);
const IsoDate = z.iso.date();
const Instant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Skill = z.string().trim().toLowerCase().min(1).max(50);
const Time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:MM.');
const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/**
 * A PATCH body from a create body: every field optional and without its default, so a field
 * left out stays as it is (zod applies a default even inside an optional).
 */
function patchOf<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.object(
    Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, ((schema instanceof z.ZodDefault ? schema.unwrap() : schema) as z.ZodType).optional()])) as unknown as {
      [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]>;
    },
  );
}

// ---- technicians ----------------------------------------------------------------------

export const SkillLevel = z.object({ skill: Skill, level: z.number().int().min(1).max(5) });
export const Certification = z.object({ name: Text(100), number: z.string().max(100).nullable().default(null), expiresOn: IsoDate.nullable() });
export const TimeOff = z.object({ from: IsoDate, to: IsoDate, reason: z.string().max(200).nullable().default(null) });
export const Shifts = z.partialRecord(Weekday, z.array(z.tuple([Time, Time])).max(4));

export const TechnicianBody = z.object({
  userId: Uuid,
  skills: z.array(SkillLevel).max(50).default([]),
  certifications: z.array(Certification).max(50).default([]),
  home: z.object({ lat: Lat, lng: Lng }).nullable().default(null),
  shifts: Shifts.default({}),
  timeZone: z.string().min(1).max(64).default('UTC'),
  timeOff: z.array(TimeOff).max(100).default([]),
  vanLocationId: Uuid.nullable().default(null),
});
export type TechnicianBody = z.infer<typeof TechnicianBody>;
export const PatchTechnicianBody = patchOf(TechnicianBody.omit({ userId: true }).shape).extend({ active: z.boolean().optional() });

export const TechnicianSchema = z
  .object({
    id: Uuid,
    user: z.object({ id: Uuid, name: z.string(), email: z.string() }),
    skills: z.array(SkillLevel),
    certifications: z.array(
      Certification.extend({ number: z.string().nullable(), expiry: z.enum(['valid', 'expiring', 'expired', 'none']) }),
    ),
    /** Only for dispatchers, admins, owners and the technician themself; left out for other roles. */
    home: z.object({ lat: z.number(), lng: z.number() }).nullable().optional(),
    shifts: z.record(z.string(), z.array(z.tuple([z.string(), z.string()]))),
    timeZone: z.string(),
    timeOff: z.array(TimeOff.extend({ reason: z.string().nullable() })),
    vanLocationId: Uuid.nullable(),
    active: z.boolean(),
    /** Like `home`: only for dispatchers, admins, owners and the technician themself. */
    lastPosition: z.object({ lat: z.number(), lng: z.number(), at: z.string() }).nullable().optional(),
  })
  .meta({ id: 'Technician' });
export type TechnicianView = z.infer<typeof TechnicianSchema>;

export const IdParams = z.object({ id: Uuid });

export const PositionsBody = z.object({
  pings: z
    .array(z.object({ lat: Lat, lng: Lng, accuracy: z.number().min(0).max(100_000).nullable().default(null), recordedAt: Instant }))
    .min(1)
    .max(500),
});
export const TrackQuery = z.object({ since: Instant.optional(), limit: z.coerce.number().int().min(1).max(5000).default(1000) });
export const TrackSchema = z.object({ data: z.array(z.object({ lat: z.number(), lng: z.number(), accuracy: z.number().nullable(), recordedAt: z.string() })) });

// ---- assets ---------------------------------------------------------------------------

export const AssetBody = z.object({
  name: Text(200),
  contactId: Uuid.nullable().default(null),
  companyId: Uuid.nullable().default(null),
  siteAddress: z.string().trim().max(500).nullable().default(null),
  site: z.object({ lat: Lat, lng: Lng }).nullable().default(null),
  model: z.string().trim().max(200).nullable().default(null),
  serial: z.string().trim().max(200).nullable().default(null),
  installedOn: IsoDate.nullable().default(null),
  warrantyEndsOn: IsoDate.nullable().default(null),
  parentId: Uuid.nullable().default(null),
});
export type AssetBody = z.infer<typeof AssetBody>;
export const PatchAssetBody = patchOf(AssetBody.shape);

export const AssetSchema = z
  .object({
    id: Uuid,
    name: z.string(),
    contact: z.object({ id: Uuid, email: z.string(), name: z.string().nullable() }).nullable(),
    companyId: Uuid.nullable(),
    siteAddress: z.string().nullable(),
    site: z.object({ lat: z.number(), lng: z.number() }).nullable(),
    model: z.string().nullable(),
    serial: z.string().nullable(),
    installedOn: z.string().nullable(),
    warrantyEndsOn: z.string().nullable(),
    underWarranty: z.boolean(),
    parentId: Uuid.nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Asset' });
export type AssetView = z.infer<typeof AssetSchema>;
export const ListAssetsQuery = z.object({ ...PageQuery, q: z.string().trim().max(200).optional(), parentId: Uuid.optional() });

// ---- inventory ------------------------------------------------------------------------

export const LocationBody = z.object({ name: Text(100), kind: z.enum(['van', 'depot']) });
export const LocationSchema = z.object({ id: Uuid, name: z.string(), kind: z.enum(['van', 'depot']) }).meta({ id: 'StockLocation' });
export const ItemBody = z.object({ sku: Text(64), name: Text(200), unit: z.string().trim().min(1).max(20).default('pcs') });
export const ItemSchema = z.object({ id: Uuid, sku: z.string(), name: z.string(), unit: z.string() }).meta({ id: 'InventoryItem' });
export const StockQuery = z.object({ locationId: Uuid.optional(), itemId: Uuid.optional() });
export const StockSchema = z
  .object({ itemId: Uuid, sku: z.string(), name: z.string(), unit: z.string(), locationId: Uuid, location: z.string(), quantity: z.number(), updatedAt: z.string() })
  .meta({ id: 'StockLevel' });
export const SetStockBody = z.object({ itemId: Uuid, locationId: Uuid, quantity: z.number().min(0).max(1_000_000) });

// ---- maintenance plans ----------------------------------------------------------------

export const PlanBody = z.object({
  assetId: Uuid,
  name: Text(200),
  rrule: z.string().trim().min(5).max(1000),
  checklist: z.array(Text(200)).max(100).default([]),
  requiredSkills: z.array(Skill).max(20).default([]),
  durationMinutes: z.number().int().min(5).max(24 * 60).default(60),
  paused: z.boolean().default(false),
});
export type PlanBody = z.infer<typeof PlanBody>;
export const PatchPlanBody = patchOf(PlanBody.omit({ assetId: true, paused: true }).shape);
export const PlanSchema = z
  .object({
    id: Uuid,
    assetId: Uuid,
    name: z.string(),
    rrule: z.string(),
    checklist: z.array(z.string()),
    requiredSkills: z.array(z.string()),
    durationMinutes: z.number(),
    paused: z.boolean(),
    scheduleId: z.string(),
    nextRuns: z.array(z.string()),
    createdAt: z.string(),
  })
  .meta({ id: 'MaintenancePlan' });
export type PlanView = z.infer<typeof PlanSchema>;

// ---- work orders ----------------------------------------------------------------------

export const WorkOrderNumberParams = z.object({ number: RecordNumberParam });

export const CreateWorkOrderBody = z.object({
  title: Text(250),
  description: z.string().trim().max(20_000).default(''),
  priority: z.enum(WORK_ORDER_PRIORITIES).default('normal'),
  assetId: Uuid.nullable().default(null),
  checklist: z.array(Text(200)).max(100).default([]),
  requiredSkills: z.array(Skill).max(20).default([]),
  durationMinutes: z.number().int().min(5).max(24 * 60).default(60),
});
export type CreateWorkOrderBody = z.infer<typeof CreateWorkOrderBody>;
export const CreateFromTicketBody = CreateWorkOrderBody.extend({
  title: Text(250).optional(),
  solveTicketOnSignOff: z.boolean().default(false),
});

const StatusList = z
  .string()
  .transform((value) => value.split(',').filter(Boolean))
  .pipe(z.array(z.enum(WORK_ORDER_STATUSES)).min(1));

export const ListWorkOrdersQuery = z.object({
  ...PageQuery,
  status: StatusList.optional(),
  technicianId: z.union([z.literal('none'), Uuid]).optional(),
  assetId: Uuid.optional(),
  ticketNumber: RecordNumberParam.optional(),
  /** Work orders whose window starts on this day (UTC). */
  date: IsoDate.optional(),
  q: z.string().trim().max(200).optional(),
});
export type ListWorkOrdersQuery = z.infer<typeof ListWorkOrdersQuery>;

export const SlotBody = z
  .object({ technicianId: Uuid, windowStart: Instant, windowEnd: Instant })
  .refine((slot) => Date.parse(slot.windowEnd) > Date.parse(slot.windowStart), { path: ['windowEnd'], message: 'The window must end after it starts.' });
export const ScheduleBody = z
  .object({
    technicianId: Uuid, windowStart: Instant, windowEnd: Instant,
    override: z.boolean().default(false).meta({ description: "Schedule even where the check refuses the slot (skills, shifts, time off, the technician's other visits)." }),
  })
  .refine((slot) => Date.parse(slot.windowEnd) > Date.parse(slot.windowStart), { path: ['windowEnd'], message: 'The window must end after it starts.' });
export const SlotCheckSchema = z
  .object({
    ok: z.boolean(),
    refusals: z.array(z.object({ reason: z.enum(['inactive', 'skill', 'time-off', 'off-shift', 'overlap']), pointer: z.string(), message: z.string() })),
  })
  .meta({ id: 'SlotCheck' });
export const TransitionBody = z.object({
  status: z.enum(WORK_ORDER_STATUSES),
  reason: z.string().trim().max(1000).nullable().optional(),
  etaAt: Instant.nullable().optional(),
});
export const EtaBody = z.object({ etaAt: Instant });
export const UnscheduleBody = z.object({ reason: z.string().trim().max(1000).nullable().optional() });
export const ChecklistParams = WorkOrderNumberParams.extend({ itemId: z.string().min(1).max(20) });
export const CheckItemBody = z.object({ done: z.boolean(), note: z.string().trim().max(2000).nullable().optional() });
export const PartsBody = z.object({
  /** The client's id for this line; defaults to the Idempotency-Key, else a fresh one. */
  lineId: z.string().min(1).max(100).optional(),
  itemId: Uuid,
  locationId: Uuid,
  quantity: z.number().positive().max(10_000),
});
export const NoteBody = z.object({ body: Text(10_000), noteId: z.string().min(1).max(100).optional() });
const ImageDataUrl = z
  .string()
  .max(1_000_000)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/=]+$/, 'A base64 data URL of a PNG or JPEG image.');
export const PhotoBody = z.object({ image: ImageDataUrl, caption: z.string().trim().max(500).nullable().optional() });
export const SignatureBody = z.object({ image: ImageDataUrl, signerName: Text(200) });
export const WaiverBody = z.object({ reason: Text(1000) });
export const AttachmentParams = WorkOrderNumberParams.extend({ id: Uuid });

export const WorkOrderSchema = z
  .object({
    number: z.number().int(),
    title: z.string(),
    description: z.string(),
    status: z.enum(WORK_ORDER_STATUSES),
    nextStatuses: z.array(z.enum(WORK_ORDER_STATUSES)),
    priority: z.enum(WORK_ORDER_PRIORITIES),
    source: z.enum(WORK_ORDER_SOURCES),
    ticketNumber: z.number().int().nullable(),
    planId: Uuid.nullable(),
    asset: z.object({ id: Uuid, name: z.string(), siteAddress: z.string().nullable(), site: z.object({ lat: z.number(), lng: z.number() }).nullable() }).nullable(),
    technician: z.object({ id: Uuid, name: z.string() }).nullable(),
    windowStart: z.string().nullable(),
    windowEnd: z.string().nullable(),
    durationMinutes: z.number(),
    requiredSkills: z.array(z.string()),
    etaAt: z.string().nullable(),
    arrivedAt: z.string().nullable(),
    completedAt: z.string().nullable(),
    signedOffAt: z.string().nullable(),
    timeOnSiteSeconds: z.number().nullable(),
    checklist: z.array(z.object({ id: z.string(), label: z.string(), done: z.boolean(), note: z.string().nullable() })),
    parts: z.array(z.object({ lineId: z.string(), itemId: Uuid, sku: z.string(), name: z.string(), locationId: Uuid, quantity: z.number() })),
    notes: z.array(z.object({ id: z.string(), body: z.string(), createdAt: z.string() })),
    photos: z.array(z.object({ id: Uuid, caption: z.string().nullable(), url: z.string() })),
    signature: z.object({ signerName: z.string(), url: z.string() }).nullable(),
    signatureWaivedReason: z.string().nullable(),
    report: z.object({ url: z.string(), mailedTo: z.string().nullable() }).nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'WorkOrder' });
export type WorkOrderView = z.infer<typeof WorkOrderSchema>;
