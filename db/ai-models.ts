import type { Knex } from 'knex';
import type { ModelMetrics, OrgTask } from '../domain/ai/index';
import type { TextClassifierJson } from '../domain/ai/text-classifier';
import { AiModel } from './models';

export interface StoredModel {
  task: OrgTask;
  version: number;
  /** Null when the caller said it already holds this version (weights are the large part). */
  model: TextClassifierJson | null;
}

export interface ModelSummary {
  task: OrgTask;
  version: number;
  labels: string[];
  metrics: ModelMetrics;
  trainedAt: Date;
}

/** The org's current model (highest version) of every task it has one for. */
export async function currentModels(trx: Knex.Transaction, orgId: string, held: (task: OrgTask, version: number) => boolean = () => false): Promise<StoredModel[]> {
  const versions = await AiModel.query(trx)
    .where({ org_id: orgId })
    .distinctOn('task')
    .orderBy([{ column: 'task' }, { column: 'version', order: 'desc' }])
    .select('task', 'version');
  const out: StoredModel[] = [];
  for (const { task, version } of versions) {
    const model = held(task, version) ? null : ((await AiModel.query(trx).findById([orgId, task, version]).select('model'))?.model as TextClassifierJson | undefined) ?? null;
    out.push({ task, version, model });
  }
  return out;
}

/** The current and previous versions of each task, newest first, without their weights. */
export async function recentModels(trx: Knex.Transaction, orgId: string): Promise<ModelSummary[]> {
  const rows = await trx.raw<{ rows: { task: OrgTask; version: number; labels: string[]; metrics: ModelMetrics; trained_at: Date }[] }>(`
    SELECT task, version, labels, metrics, trained_at FROM (
      SELECT task, version, labels, metrics, trained_at, row_number() OVER (PARTITION BY task ORDER BY version DESC) AS age
      FROM ai_models WHERE org_id = ?
    ) recent WHERE age <= 2 ORDER BY task, version DESC`, [orgId]);
  return rows.rows.map((row) => ({ task: row.task, version: row.version, labels: row.labels, metrics: row.metrics, trainedAt: row.trained_at }));
}

/** Stores a new version of the task's model; its version is the next after the current one. */
export async function insertModel(trx: Knex.Transaction, orgId: string, task: OrgTask, model: TextClassifierJson, metrics: ModelMetrics): Promise<number> {
  // Two retrains of one org at once: the lock makes the second wait and take the next version.
  await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`ai_models:${orgId}:${task}`]);
  const last = await AiModel.query(trx).where({ org_id: orgId, task }).max('version as version').first() as unknown as { version: number | null } | undefined;
  const version = (last?.version ?? 0) + 1;
  await AiModel.query(trx).insert({ org_id: orgId, task, version, labels: [...model.labels], model, metrics });
  return version;
}
