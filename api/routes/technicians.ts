import type { Knex } from 'knex';
import { z } from 'zod';
import { isVan } from '../../db/inventory';
import { isMember } from '../../db/member-directory';
import {
  findTechnician, insertTechnician, listTechnicians, listTrack, recordPositions, updateTechnician, type TechnicianColumns, type TechnicianRow,
} from '../../db/technician-directory';
import { withTenant } from '../../db/tenant';
import { appendEvents } from '../../db/event-log';
import { DISPATCH } from '../../domain/realtime/topics';
import { expiryOf } from '../../domain/work-order/certification-expiry';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { created } from '../created';
import { listWorkOrders, technicianIdOf } from '../field-service/work-orders';
import { orderForRoute } from '../field-service/route-order';
import { Problem, found, notFound } from '../problem';
import { routeGroup } from '../route-group';
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

function view(row: TechnicianRow, today = new Date().toISOString().slice(0, 10)): TechnicianView {
  return {
    id: row.id,
    user: { id: row.user_id, name: row.user_name, email: row.user_email },
    skills: row.skills as TechnicianView['skills'],
    certifications: row.certifications.map((certification) => ({ ...certification, expiry: expiryOf(certification.expiresOn, today) })),
    home: row.home_lat !== null && row.home_lng !== null ? { lat: row.home_lat, lng: row.home_lng } : null,
    shifts: row.shifts as TechnicianView['shifts'],
    timeZone: row.time_zone,
    timeOff: row.time_off as TechnicianView['timeOff'],
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

export async function getTechnician(trx: Knex.Transaction, orgId: string, id: string): Promise<TechnicianView | null> {
  const row = await findTechnician(trx, orgId, id);
  return row ? view(row) : null;
}

const columns = (body: Partial<z.infer<typeof TechnicianBody>> & { active?: boolean }): TechnicianColumns => ({
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
  if (!(await isVan(trx, orgId, vanLocationId))) {
    throw new Problem(422, 'unknown-van', 'No such van', { errors: [{ pointer: '/vanLocationId', message: 'Not a van of this organization.' }] });
  }
}

async function myTechnician(trx: Knex.Transaction, auth: Auth): Promise<string> {
  const id = await technicianIdOf(trx, auth);
  if (!id) throw notFound('Technician profile for this member');
  return id;
}

const technicians = routeGroup({ tag: 'technicians', access: ACCESS.fieldWork });

export function technicianRoutes({ db }: ApiDeps) {
  const list = technicians.get('/technicians', {
    access: ACCESS.staff, operationId: 'listTechnicians', summary: 'Technicians with skills, certifications (expiry flagged) and last position',
    responses: { 200: { description: 'Technicians', schema: z.object({ data: z.array(TechnicianSchema) }) } },
    async handler({ auth }) {
      const rows = await withTenant(db, auth, (trx) => listTechnicians(trx, auth.orgId));
      return { status: 200, body: { data: rows.map((row) => forViewer(view(row), auth)) } };
    },
  });

  const create = technicians.post('/technicians', {
    access: ACCESS.dispatch, operationId: 'createTechnician', summary: 'Make a member (role technician) a technician',
    body: TechnicianBody,
    responses: { 201: { description: 'Created', schema: TechnicianSchema } },
    async handler({ auth, body }) {
      checkZone(body.timeZone);
      const technician = await withTenant(db, auth, async (trx) => {
        if (!(await isMember(trx, auth.orgId, body.userId))) throw new Problem(422, 'unknown-member', 'No such member', { errors: [{ pointer: '/userId', message: 'Not a member of this organization.' }] });
        await checkVan(trx, auth.orgId, body.vanLocationId);
        const id = crypto.randomUUID();
        await insertTechnician(trx, auth.orgId, id, body.userId, columns(body));
        await auditCaller(trx, auth, { action: 'technician.created', entityType: 'technician', entityId: id, data: body });
        return getTechnician(trx, auth.orgId, id);
      });
      return created(`/api/v1/technicians/${technician?.id}`, technician);
    },
  });

  const me = technicians.get('/technicians/me', {
    operationId: 'getMyTechnicianProfile', summary: "The calling technician's own profile",
    responses: { 200: { description: 'The technician', schema: TechnicianSchema } },
    async handler({ auth }) {
      const technician = await withTenant(db, auth, async (trx) => getTechnician(trx, auth.orgId, await myTechnician(trx, auth)));
      return { status: 200, body: found(technician, 'Technician') };
    },
  });

  const myJobs = technicians.get('/technicians/me/jobs', {
    operationId: 'listMyJobs', summary: "The calling technician's jobs for a day (default: today in their time zone), in route order",
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

  const positions = technicians.post('/technicians/me/positions', {
    operationId: 'recordMyPositions', summary: "Location pings: appended to the technician's track; the newest becomes the latest position",
    body: PositionsBody,
    responses: { 204: { description: 'Stored' } },
    async handler({ auth, body }) {
      await withTenant(db, auth, async (trx) => {
        const id = await myTechnician(trx, auth);
        const newest = await recordPositions(trx, auth.orgId, id, body.pings);
        // The map shows the latest position: one event when it moves, none for older pings.
        if (newest) {
          await appendEvents(trx, auth.orgId, [{
            type: 'technician.position', topic: DISPATCH, at: newest.recordedAt,
            data: { technicianId: id, lat: newest.lat, lng: newest.lng, accuracy: newest.accuracy ?? null },
          }]);
        }
      });
      return { status: 204 };
    },
  });

  const show = technicians.get('/technicians/{id}', {
    access: ACCESS.staff, operationId: 'getTechnician', summary: 'One technician',
    params: IdParams,
    responses: { 200: { description: 'The technician', schema: TechnicianSchema } },
    async handler({ auth, params }) {
      const technician = found(await withTenant(db, auth, (trx) => getTechnician(trx, auth.orgId, params.id)), 'Technician');
      return { status: 200, body: forViewer(technician, auth) };
    },
  });

  const patch = technicians.patch('/technicians/{id}', {
    access: ACCESS.dispatch, operationId: 'updateTechnician', summary: 'Change skills, certifications, home base, shifts, time off, van',
    params: IdParams, body: PatchTechnicianBody,
    responses: { 200: { description: 'The technician', schema: TechnicianSchema } },
    async handler({ auth, params, body }) {
      checkZone(body.timeZone);
      const technician = await withTenant(db, auth, async (trx) => {
        await checkVan(trx, auth.orgId, body.vanLocationId);
        if (!(await updateTechnician(trx, auth.orgId, params.id, columns(body)))) return null;
        // The line holds what the request set: each changed part of the record as it now is.
        await auditCaller(trx, auth, { action: 'technician.updated', entityType: 'technician', entityId: params.id, data: body });
        return getTechnician(trx, auth.orgId, params.id);
      });
      return { status: 200, body: found(technician, 'Technician') };
    },
  });

  const track = technicians.get('/technicians/{id}/track', {
    operationId: 'getTechnicianTrack', summary: "A technician's track of location pings, oldest first",
    params: IdParams, query: TrackQuery,
    responses: { 200: { description: 'Pings', schema: TrackSchema } },
    async handler({ auth, params, query: q }) {
      const rows = await withTenant(db, auth, async (trx) => {
        if (auth.role === 'technician' && (await technicianIdOf(trx, auth)) !== params.id) throw notFound('Technician');
        return listTrack(trx, auth.orgId, params.id, q);
      });
      return {
        status: 200,
        body: { data: rows.map((row) => ({ lat: row.lat, lng: row.lng, accuracy: row.accuracy_m, recordedAt: row.recorded_at.toISOString() })) },
      };
    },
  });

  return [list, create, me, myJobs, positions, show, patch, track];
}
