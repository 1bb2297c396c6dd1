import type { Knex } from 'knex';
import type { SavedReportInput } from '../domain/metrics/saved-report';
import { SavedReport } from './models';

export interface SavedReportView {
  id: string;
  name: string;
  ownerId: string;
  query: unknown;
  chart: SavedReport['chart'];
  rangeDays: number | null;
  shared: boolean;
  dashboardPosition: number | null;
  updatedAt: string;
}

const view = (row: SavedReport): SavedReportView => ({
  id: row.id, name: row.name, ownerId: row.owner_id, query: row.query, chart: row.chart, rangeDays: row.range_days,
  shared: row.shared, dashboardPosition: row.dashboard_position, updatedAt: new Date(row.updated_at).toISOString(),
});

/** The reports a member sees: the org's shared ones and their own. */
const visible = (trx: Knex.Transaction, orgId: string, userId: string) =>
  SavedReport.query(trx).where({ org_id: orgId }).where((q) => q.where('shared', true).orWhere('owner_id', userId));

export async function listSavedReports(trx: Knex.Transaction, orgId: string, userId: string): Promise<SavedReportView[]> {
  return (await visible(trx, orgId, userId).orderBy('name').orderBy('id')).map(view);
}

export async function findSavedReport(trx: Knex.Transaction, orgId: string, userId: string, id: string): Promise<SavedReportView | null> {
  const row = await visible(trx, orgId, userId).findOne({ id });
  return row ? view(row) : null;
}

export async function insertSavedReport(trx: Knex.Transaction, orgId: string, ownerId: string, id: string, input: SavedReportInput): Promise<SavedReportView> {
  const row = await SavedReport.query(trx).insert({
    org_id: orgId, id, owner_id: ownerId, name: input.name, query: input.query, chart: input.chart, range_days: input.rangeDays, shared: input.shared,
  }).returning('*');
  return view(row as unknown as SavedReport);
}

export async function updateSavedReport(trx: Knex.Transaction, orgId: string, id: string, patch: Partial<SavedReportInput>): Promise<SavedReportView> {
  const row = await SavedReport.query(trx).where({ org_id: orgId, id }).patch({
    ...(patch.name !== undefined && { name: patch.name }),
    ...(patch.query !== undefined && { query: patch.query }),
    ...(patch.chart !== undefined && { chart: patch.chart }),
    ...(patch.rangeDays !== undefined && { range_days: patch.rangeDays }),
    ...(patch.shared !== undefined && { shared: patch.shared }),
    updated_at: new Date(),
  }).returning('*').first();
  return view(row as unknown as SavedReport);
}

export async function deleteSavedReport(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await SavedReport.query(trx).where({ org_id: orgId, id }).delete();
}

/**
 * Puts the listed reports on the custom dashboard in that order and takes the caller's other
 * visible reports off it. Answers false (and changes nothing) if one is not visible to them.
 */
export async function arrangeDashboard(trx: Knex.Transaction, orgId: string, userId: string, reportIds: string[]): Promise<boolean> {
  const seen = await visible(trx, orgId, userId).select('id');
  const ids = new Set(seen.map((row) => row.id));
  if (!reportIds.every((id) => ids.has(id))) return false;
  await visible(trx, orgId, userId).whereNotIn('id', reportIds).patch({ dashboard_position: null });
  for (const [position, id] of reportIds.entries()) {
    await SavedReport.query(trx).where({ org_id: orgId, id }).patch({ dashboard_position: position });
  }
  return true;
}

/** A saved report by id, whoever wrote it: what a schedule an admin set up mails. */
export async function savedReportById(trx: Knex.Transaction, orgId: string, id: string): Promise<SavedReportView | null> {
  const row = await SavedReport.query(trx).findOne({ org_id: orgId, id });
  return row ? view(row) : null;
}
