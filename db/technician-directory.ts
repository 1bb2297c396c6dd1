import type { Knex } from 'knex';
import type { TechniciansRow } from './table-rows.generated';

/** Technicians: the field workers dispatch plans for, with their login's name and email. */
export type TechnicianRow = Omit<TechniciansRow, 'certifications'> & {
  user_name: string;
  user_email: string;
  /** JSON columns: their shape is the API's schema, checked when written. */
  certifications: { name: string; number: string | null; expiresOn: string | null }[];
};

/** Settable columns, JSON ones already serialised. */
export type TechnicianColumns = Partial<{
  skills: string; certifications: string; home_lat: number | null; home_lng: number | null; shifts: string;
  time_zone: string; time_off: string; van_location_id: string | null; active: boolean;
}>;

export interface PositionPing { recordedAt: string; lat: number; lng: number; accuracy: number | null | undefined }
export interface TrackRow { lat: number; lng: number; accuracy_m: number | null; recorded_at: Date }

function technicians(trx: Knex.Transaction, orgId: string) {
  return trx('technicians as t').join('users as u', 'u.id', 't.user_id').where('t.org_id', orgId).select('t.*', 'u.name as user_name', 'u.email as user_email');
}

/** Every technician of the org, by name. */
export async function listTechnicians(trx: Knex.Transaction, orgId: string): Promise<TechnicianRow[]> {
  return technicians(trx, orgId).orderBy('u.name');
}

export async function findTechnician(trx: Knex.Transaction, orgId: string, id: string): Promise<TechnicianRow | undefined> {
  return technicians(trx, orgId).andWhere('t.id', id).first();
}

/** The technician record of a member, if they are one. */
export async function technicianIdOfUser(trx: Knex.Transaction, orgId: string, userId: string): Promise<string | null> {
  const row = await trx('technicians').where({ org_id: orgId, user_id: userId }).first<{ id: string } | undefined>('id');
  return row?.id ?? null;
}

export async function insertTechnician(trx: Knex.Transaction, orgId: string, id: string, userId: string, columns: TechnicianColumns): Promise<void> {
  await trx('technicians').insert({ org_id: orgId, id, user_id: userId, ...columns });
}

/** False when the org has no such technician. */
export async function updateTechnician(trx: Knex.Transaction, orgId: string, id: string, columns: TechnicianColumns): Promise<boolean> {
  return (await trx('technicians').where({ org_id: orgId, id }).update({ ...columns, updated_at: trx.fn.now() })) > 0;
}

/**
 * Appends location pings to the technician's track (a ping sent twice is kept once) and makes
 * the newest the latest position, unless a newer one is already stored.
 */
/** Stores the pings; answers the newest when it moved the technician's last position, else null. */
export async function recordPositions(trx: Knex.Transaction, orgId: string, technicianId: string, pings: readonly PositionPing[]): Promise<PositionPing | null> {
  await trx('technician_positions')
    .insert(pings.map((ping) => ({ org_id: orgId, technician_id: technicianId, recorded_at: ping.recordedAt, lat: ping.lat, lng: ping.lng, accuracy_m: ping.accuracy })))
    .onConflict(['org_id', 'technician_id', 'recorded_at']).ignore();
  const newest = pings.reduce((a, b) => (Date.parse(b.recordedAt) > Date.parse(a.recordedAt) ? b : a));
  const moved = await trx('technicians')
    .where({ org_id: orgId, id: technicianId })
    .andWhere((builder) => builder.whereNull('last_seen_at').orWhere('last_seen_at', '<', newest.recordedAt))
    .update({ last_lat: newest.lat, last_lng: newest.lng, last_seen_at: newest.recordedAt });
  return moved > 0 ? newest : null;
}

/** The technician's pings, oldest first, from `since` when given. */
export async function listTrack(trx: Knex.Transaction, orgId: string, technicianId: string, page: { since?: string | undefined; limit: number }): Promise<TrackRow[]> {
  const builder = trx('technician_positions').where({ org_id: orgId, technician_id: technicianId });
  if (page.since) builder.where('recorded_at', '>=', page.since);
  return builder.orderBy('recorded_at').limit(page.limit).select('lat', 'lng', 'accuracy_m', 'recorded_at');
}
