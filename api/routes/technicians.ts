import type { Knex } from 'knex';
import { z } from 'zod';
import { withTenant } from '../../db/tenant';
import { appendEvents } from '../../db/event-log';
import { DISPATCH } from '../../domain/realtime/topics';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { listWorkOrders, technicianIdOf } from '../field-service/work-orders';
import { orderForRoute } from '../field-service/route-order';
import { Problem, notFound } from '../problem';
import { route } from '../route';
import {
  IdParams,
  PatchTechnicianBody,
  PositionsBody,
  TechnicianBody,
  TechnicianSchema,
  TrackQuery,
  TrackSchema,
  WorkOrderSchema,
  type TechnicianView,
} from '../schemas/field-service';

/** Certifications expiring within this many days are flagged `expiring`. */
export const EXPIRY_WARNING_DAYS = 30;

interface TechnicianRow {
  id: string;
  user_id: string;
  user_name: string;
  user_email: string;
  skills: TechnicianView['skills'];
  certifications: { name: string; number: string | null; expiresOn: string | null }[];
  home_lat: number | null;
  home_lng: number | null;
  shifts: TechnicianView['shifts'];
  time_zone: string;
  time_off: TechnicianView['timeOff'];
  van_location_id: string | null;
  active: boolean;
  last_lat: number | null;
  last_lng: number | null;
  last_seen_at: Date | null;
}

export function expiryOf(expiresOn: string | null, today: string): 'valid' | 'expiring' | 'expired' | 'none' {
  if (expiresOn === null) return 'none';
  if (expiresOn < today) return 'expired';
  const warnUntil = new Date(Date.parse(`${today}T00:00:00Z`) + EXPIRY_WARNING_DAYS * 86_400_000).toISOString().slice(0, 10);
  return expiresOn <= warnUntil ? 'expiring' : 'valid';
}

function view(row: TechnicianRow, today = new Date().toISOString().slice(0, 10)): TechnicianView {
  return {
    id: row.id,
    user: { id: row.user_id, name: row.user_name, email: row.user_email },
    skills: row.skills,
    certifications: row.certifications.map((certification) => ({ ...certification, expiry: expiryOf(certification.expiresOn, today) })),
    home: row.home_lat !== null && row.home_lng !== null ? { lat: row.home_lat, lng: row.home_lng } : null,
    shifts: row.shifts,
    timeZone: row.time_zone,
    timeOff: row.time_off,
    vanLocationId: row.van_location_id,
    active: row.active,
    lastPosition: row.last_lat !== null && row.last_lng !== null && row.last_seen_at ? { lat: row.last_lat, lng: row.last_lng, at: row.last_seen_at.toISOString() } : null,
  };
}

/**
 * Where a technician lives and is right now is for the people who plan their day (and for
 * the technician themself), not for every staff role.
 */
function forViewer(technician: TechnicianView, auth: Auth): TechnicianView {
  if ((ACCESS.dispatch as readonly string[]).includes(auth.role) || technician.user.id === auth.userId) return technician;
  const { home: _home, lastPosition: _lastPosition, ...rest } = technician;
  return rest;
}

function query(trx: Knex.Transaction, orgId: string) {
  return trx('technicians as t').join('users as u', 'u.id', 't.user_id').where('t.org_id', orgId).select('t.*', 'u.name as user_name', 'u.email as user_email');
}

export async function getTechnician(trx: Knex.Transaction, orgId: string, id: string): Promise<TechnicianView | null> {
  const row: TechnicianRow | undefined = await query(trx, orgId).andWhere('t.id', id).first();
  return row ? view(row) : null;
}

const columns = (body: Partial<z.infer<typeof TechnicianBody>> & { active?: boolean }) => ({
  ...(body.skills !== undefined && { skills: JSON.stringify(body.skills) }),
  ...(body.certifications !== undefined && { certifications: JSON.stringify(body.certifications) }),
  ...(body.home !== undefined && { home_lat: body.home?.lat ?? null, home_lng: body.home?.lng ?? null }),
  ...(body.shifts !== undefined && { shifts: JSON.stringify(body.shifts) }),
  ...(body.timeZone !== undefined && { time_zone: body.timeZone }),
  ...(body.timeOff !== undefined && { time_off: JSON.stringify(body.timeOff) }),
  ...(body.vanLocationId !== undefined && { van_location_id: body.vanLocationId }),
  ...(body.active !== undefined && { active: body.active }),
});

function checkZone(timeZone: string | undefined): void {
  if (timeZone === undefined) return;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Problem(400, 'validation', 'The request is not valid', { errors: [{ pointer: '/timeZone', message: 'Unknown IANA time zone.' }] });
  }
}

/** A technician's van is one of this org's stock locations of kind van (nothing else stocks parts lines). */
async function checkVan(trx: Knex.Transaction, orgId: string, vanLocationId: string | null | undefined): Promise<void> {
  if (vanLocationId === null || vanLocationId === undefined) return;
  if (!(await trx('stock_locations').where({ org_id: orgId, id: vanLocationId, kind: 'van' }).first('id'))) {
    throw new Problem(422, 'unknown-van', 'No such van', { errors: [{ pointer: '/vanLocationId', message: 'Not a van of this organization.' }] });
  }
}

async function myTechnician(trx: Knex.Transaction, auth: Auth): Promise<string> {
  const id = await technicianIdOf(trx, auth);
  if (!id) throw notFound('Technician profile for this member');
  return id;
}

export function technicianRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = route({
    method: 'get', path: '/technicians', tag: 'technicians', access: ACCESS.staff,
    operationId: 'listTechnicians',
    summary: 'Technicians with skills, certifications (expiry flagged) and last position',
    responses: { 200: { description: 'Technicians', schema: z.object({ data: z.array(TechnicianSchema) }) } },
    async handler({ auth }) {
      const rows: TechnicianRow[] = await withTenant(db, auth, (trx) => query(trx, auth.orgId).orderBy('u.name'));
      return { status: 200, body: { data: rows.map((row) => forViewer(view(row), auth)) } };
    },
  });

  const create = route({
    method: 'post', path: '/technicians', tag: 'technicians', access: ACCESS.dispatch,
    operationId: 'createTechnician',
    summary: 'Make a member (role technician) a technician',
    body: TechnicianBody,
    responses: { 201: { description: 'Created', schema: TechnicianSchema } },
    async handler({ auth, body }) {
      checkZone(body.timeZone);
      const technician = await withTenant(db, auth, async (trx) => {
        const member = await trx('memberships').where({ org_id: auth.orgId, user_id: body.userId }).first<{ role: string } | undefined>('role');
        if (!member) throw new Problem(422, 'unknown-member', 'No such member', { errors: [{ pointer: '/userId', message: 'Not a member of this organization.' }] });
        await checkVan(trx, auth.orgId, body.vanLocationId);
        const id = crypto.randomUUID();
        await trx('technicians').insert({ org_id: auth.orgId, id, user_id: body.userId, ...columns(body) });
        return getTechnician(trx, auth.orgId, id);
      });
      return { status: 201, body: technician, headers: { Location: `/api/v1/technicians/${technician?.id}` } };
    },
  });

  const me = route({
    method: 'get', path: '/technicians/me', tag: 'technicians', access: ACCESS.fieldWork,
    operationId: 'getMyTechnicianProfile',
    summary: "The calling technician's own profile",
    responses: { 200: { description: 'The technician', schema: TechnicianSchema } },
    async handler({ auth }) {
      const technician = await withTenant(db, auth, async (trx) => getTechnician(trx, auth.orgId, await myTechnician(trx, auth)));
      if (!technician) throw notFound('Technician');
      return { status: 200, body: technician };
    },
  });

  const myJobs = route({
    method: 'get', path: '/technicians/me/jobs', tag: 'technicians', access: ACCESS.fieldWork,
    operationId: 'listMyJobs',
    summary: "The calling technician's jobs for a day (default: today in their time zone), in route order",
    query: z.object({ date: z.iso.date().optional() }),
    responses: { 200: { description: 'Jobs in route order', schema: z.object({ data: z.array(WorkOrderSchema) }) } },
    async handler({ auth, query: { date } }) {
      const jobs = await withTenant(db, auth, async (trx) => {
        const id = await myTechnician(trx, auth);
        const technician = await getTechnician(trx, auth.orgId, id);
        const timeZone = technician?.timeZone ?? 'UTC';
        // en-CA formats dates as YYYY-MM-DD.
        const day = date ?? new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
        const page = await listWorkOrders(trx, auth.orgId, { limit: 200, date: day }, id, timeZone);
        const open = page.data.filter((job) => job.status !== 'cancelled');
        return orderForRoute(open, technician?.home ?? null);
      });
      return { status: 200, body: { data: jobs } };
    },
  });

  const positions = route({
    method: 'post', path: '/technicians/me/positions', tag: 'technicians', access: ACCESS.fieldWork,
    operationId: 'recordMyPositions',
    summary: "Location pings: appended to the technician's track; the newest becomes the latest position",
    body: PositionsBody,
    responses: { 204: { description: 'Stored' } },
    async handler({ auth, body }) {
      await withTenant(db, auth, async (trx) => {
        const id = await myTechnician(trx, auth);
        await trx('technician_positions')
          .insert(body.pings.map((ping) => ({ org_id: auth.orgId, technician_id: id, recorded_at: ping.recordedAt, lat: ping.lat, lng: ping.lng, accuracy_m: ping.accuracy })))
          .onConflict(['org_id', 'technician_id', 'recorded_at']).ignore();
        const newest = body.pings.reduce((a, b) => (Date.parse(b.recordedAt) > Date.parse(a.recordedAt) ? b : a));
        const moved = await trx('technicians')
          .where({ org_id: auth.orgId, id })
          .andWhere((builder) => builder.whereNull('last_seen_at').orWhere('last_seen_at', '<', newest.recordedAt))
          .update({ last_lat: newest.lat, last_lng: newest.lng, last_seen_at: newest.recordedAt });
        // The map shows the latest position: one event when it moves, none for older pings.
        if (moved > 0) {
          await appendEvents(trx, auth.orgId, [{
            type: 'technician.position', topic: DISPATCH, at: newest.recordedAt,
            data: { technicianId: id, lat: newest.lat, lng: newest.lng, accuracy: newest.accuracy ?? null },
          }]);
        }
      });
      return { status: 204 };
    },
  });

  const show = route({
    method: 'get', path: '/technicians/{id}', tag: 'technicians', access: ACCESS.staff,
    operationId: 'getTechnician',
    summary: 'One technician',
    params: IdParams,
    responses: { 200: { description: 'The technician', schema: TechnicianSchema } },
    async handler({ auth, params }) {
      const technician = await withTenant(db, auth, (trx) => getTechnician(trx, auth.orgId, params.id));
      if (!technician) throw notFound('Technician');
      return { status: 200, body: forViewer(technician, auth) };
    },
  });

  const patch = route({
    method: 'patch', path: '/technicians/{id}', tag: 'technicians', access: ACCESS.dispatch,
    operationId: 'updateTechnician',
    summary: 'Change skills, certifications, home base, shifts, time off, van',
    params: IdParams, body: PatchTechnicianBody,
    responses: { 200: { description: 'The technician', schema: TechnicianSchema } },
    async handler({ auth, params, body }) {
      checkZone(body.timeZone);
      const technician = await withTenant(db, auth, async (trx) => {
        await checkVan(trx, auth.orgId, body.vanLocationId);
        const changes = columns(body);
        const updated = await trx('technicians').where({ org_id: auth.orgId, id: params.id }).update({ ...changes, updated_at: trx.fn.now() });
        return updated === 0 ? null : getTechnician(trx, auth.orgId, params.id);
      });
      if (!technician) throw notFound('Technician');
      return { status: 200, body: technician };
    },
  });

  const track = route({
    method: 'get', path: '/technicians/{id}/track', tag: 'technicians', access: ACCESS.fieldWork,
    operationId: 'getTechnicianTrack',
    summary: "A technician's track of location pings, oldest first",
    params: IdParams, query: TrackQuery,
    responses: { 200: { description: 'Pings', schema: TrackSchema } },
    async handler({ auth, params, query: q }) {
      const rows = await withTenant(db, auth, async (trx) => {
        if (auth.role === 'technician' && (await technicianIdOf(trx, auth)) !== params.id) throw notFound('Technician');
        const builder = trx('technician_positions').where({ org_id: auth.orgId, technician_id: params.id });
        if (q.since) builder.where('recorded_at', '>=', q.since);
        return builder.orderBy('recorded_at').limit(q.limit).select('lat', 'lng', 'accuracy_m', 'recorded_at');
      });
      return {
        status: 200,
        body: { data: rows.map((row: { lat: number; lng: number; accuracy_m: number | null; recorded_at: Date }) => ({ lat: row.lat, lng: row.lng, accuracy: row.accuracy_m, recordedAt: row.recorded_at.toISOString() })) },
      };
    },
  });

  return [list, create, me, myJobs, positions, show, patch, track];
}
