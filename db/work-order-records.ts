import type { Knex } from 'knex';
import type { ChecklistItem } from '../domain/work-order/state';
import type { WorkOrderPriority, WorkOrderSource, WorkOrderStatus } from '../domain/work-order/status';
import type { WorkOrdersRow } from './table-rows.generated';
import { tenantJoin } from './tenant-join';

/**
 * The work-order read model: the rows the work-order workflow writes (through its local
 * activity), read back for the API with the asset's site and the technician's name.
 */
export type WorkOrderRow = Omit<WorkOrdersRow, 'status' | 'priority' | 'source' | 'required_skills' | 'checklist'> & {
  status: WorkOrderStatus;
  priority: WorkOrderPriority;
  source: WorkOrderSource;
  /** JSON columns, in the shape the workflow writes them. */
  required_skills: string[];
  checklist: ChecklistItem[];
  /** From the asset and the technician's login. */
  asset_name: string | null;
  site_address: string | null;
  site_lat: number | null;
  site_lng: number | null;
  technician_name: string | null;
};

/** What a work order holds beyond its row: parts used, notes, attached photos, its report, the status it was held from. */
export interface WorkOrderDetails {
  heldFrom: WorkOrderStatus | null;
  parts: { line_id: string; item_id: string; sku: string; name: string; location_id: string; quantity: string }[];
  notes: { id: string; body: string; created_at: Date }[];
  photos: { id: string; caption: string | null }[];
  report: { mailed_to: string | null } | null;
}

export interface WorkOrderFilter {
  status?: readonly string[] | undefined;
  /** `'none'`: unassigned only. */
  technicianId?: string | undefined;
  onlyTechnician: string | null;
  assetId?: string | undefined;
  ticketNumber?: number | undefined;
  /** A day (YYYY-MM-DD) in `timeZone` that the window starts on. */
  date?: string | undefined;
  timeZone: string;
  search?: string | undefined;
  beforeNumber: number | null;
  limit: number;
}

function workOrders(trx: Knex.Transaction, orgId: string) {
  return trx('work_orders as w')
    .leftJoin('assets as a', tenantJoin(['a.id', 'w.asset_id']))
    .leftJoin('technicians as t', tenantJoin(['t.id', 'w.technician_id']))
    .leftJoin('users as u', 'u.id', 't.user_id')
    .where('w.org_id', orgId)
    .select(
      'w.*', 'a.name as asset_name', 'a.site_address', 'a.site_lat', 'a.site_lng', 'u.name as technician_name',
    );
}

export async function findWorkOrderRow(trx: Knex.Transaction, orgId: string, number: number): Promise<WorkOrderRow | undefined> {
  return workOrders(trx, orgId).andWhere('w.number', number).first();
}

export async function workOrderExists(trx: Knex.Transaction, orgId: string, number: number): Promise<boolean> {
  return (await trx('work_orders').where({ org_id: orgId, number }).first('number')) !== undefined;
}

/** Who the work order is assigned to; undefined when there is no such work order. */
export async function workOrderTechnician(trx: Knex.Transaction, orgId: string, number: number): Promise<{ technician_id: string | null } | undefined> {
  return trx('work_orders').where({ org_id: orgId, number }).first<{ technician_id: string | null } | undefined>('technician_id');
}

export async function workOrderDetails(trx: Knex.Transaction, orgId: string, row: WorkOrderRow): Promise<WorkOrderDetails> {
  const { number } = row;
  // The status it returns to is the one recorded when it was put on hold.
  const held = row.status !== 'on_hold' ? undefined : await trx('work_order_events')
    .where({ org_id: orgId, work_order_number: number, type: 'status_changed' })
    .whereRaw(`data->>'to' = 'on_hold'`)
    .orderBy('seq', 'desc')
    .first<{ data: { from: WorkOrderStatus } } | undefined>('data');
  const parts = await trx('work_order_parts as p')
    .join('inventory_items as i', tenantJoin(['i.id', 'p.item_id']))
    .where({ 'p.org_id': orgId, 'p.work_order_number': number })
    .orderBy('p.created_at')
    .select('p.line_id', 'p.item_id', 'i.sku', 'i.name', 'p.location_id', 'p.quantity');
  const notes = await trx('work_order_notes').where({ org_id: orgId, work_order_number: number }).orderBy('created_at').select('id', 'body', 'created_at');
  const photos = await trx('work_order_attachments')
    .where({ org_id: orgId, work_order_number: number, kind: 'photo', attached: true })
    .orderBy('created_at')
    .select('id', 'caption');
  const report = await trx('work_order_reports').where({ org_id: orgId, work_order_number: number }).first<{ mailed_to: string | null } | undefined>('mailed_to');
  return { heldFrom: held?.data.from ?? null, parts, notes, photos, report: report ?? null };
}

/** Newest first, before `beforeNumber`; one row more than asked shows there are more. */
export async function listWorkOrderRows(trx: Knex.Transaction, orgId: string, filter: WorkOrderFilter): Promise<WorkOrderRow[]> {
  const builder = workOrders(trx, orgId);
  if (filter.status) builder.whereIn('w.status', filter.status);
  if (filter.technicianId === 'none') builder.whereNull('w.technician_id');
  else if (filter.technicianId) builder.where('w.technician_id', filter.technicianId);
  if (filter.onlyTechnician !== null) builder.where('w.technician_id', filter.onlyTechnician);
  if (filter.assetId) builder.where('w.asset_id', filter.assetId);
  if (filter.ticketNumber) builder.where('w.ticket_number', filter.ticketNumber);
  if (filter.date) builder.whereRaw(`(w.window_start AT TIME ZONE ?)::date = ?::date`, [filter.timeZone, filter.date]);
  if (filter.search) builder.whereILike('w.title', `%${filter.search.replace(/[%_\\]/g, (char) => `\\${char}`)}%`);
  if (filter.beforeNumber !== null) builder.where('w.number', '<', filter.beforeNumber);
  return builder.orderBy('w.number', 'desc').limit(filter.limit + 1);
}

/** Statuses in which a work order holds its technician's time. */
const HOLDING_TIME = ['scheduled', 'dispatched', 'en_route', 'on_site'] as const;

/**
 * A technician's visits that still hold their time (scheduled up to on site) with a window
 * starting within `[from, to)`, other than work order `except`: what a manual schedule must
 * not overlap.
 */
export async function technicianVisits(
  trx: Knex.Transaction, orgId: string, technicianId: string, range: { from: Date; to: Date }, except: number,
): Promise<{ number: number; window_start: Date; duration_minutes: number }[]> {
  return trx('work_orders')
    .where({ org_id: orgId, technician_id: technicianId })
    .whereIn('status', HOLDING_TIME)
    .whereNot('number', except)
    .where('window_start', '>=', range.from)
    .where('window_start', '<', range.to)
    .orderBy('window_start')
    .select('number', 'window_start', 'duration_minutes');
}
