import type { z } from 'zod';
import { recentModels, type ModelSummary } from '../../db/ai-models';
import { trainingLabels } from '../../db/ai-training-set';
import { withTenant } from '../../db/tenant';
import { readTriage, saveLabel, ticketText } from '../../db/ticket-triage';
import { ORG_TASKS, historyVerdict } from '../../domain/ai/index';
import { aiTrainingClient } from '../../clients/ai-training-client';
import { ACCESS } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { notFound } from '../problem';
import { routeGroup } from '../route-group';
import { AiModelsSchema, TicketTriageSchema, TriageLabelBody, TriageLabelSchema } from '../schemas/ai';
import { TicketNumberParams } from '../schemas/tickets';

type ModelView = z.infer<typeof AiModelsSchema>['tasks'][number]['current'];

function modelView(model: ModelSummary | undefined): ModelView {
  return model ? { version: model.version, labels: model.labels, trainedAt: model.trainedAt.toISOString(), ...model.metrics } : null;
}

const ai = routeGroup({ tag: 'ai', access: ACCESS.readTickets });

/**
 * AI triage: a ticket's predictions and an agent's corrections of them; the org's models with
 * their held-out metrics (current and previous, per task), retrained on demand here and every
 * night by a Temporal Schedule.
 */
export function aiRoutes(deps: ApiDeps) {
  const { db } = deps;
  const training = aiTrainingClient(deps);

  async function modelsView(orgId: string): Promise<z.infer<typeof AiModelsSchema>> {
    const { models, labels } = await withTenant(db, { orgId }, async (trx) => ({
      models: await recentModels(trx, orgId),
      labels: await Promise.all(ORG_TASKS.map((task) => trainingLabels(trx, orgId, task))),
    }));
    const tasks = ORG_TASKS.map((task, i) => {
      const versions = models.filter((model) => model.task === task);
      return { task, history: historyVerdict(labels[i]!), current: modelView(versions[0]), previous: modelView(versions[1]) };
    });
    return { tasks, nextScheduledRun: await training.nextScheduledRun(orgId) };
  }

  const triage = ai.get('/tickets/{number}/triage', {
    operationId: 'getTicketTriage', summary: "The ticket's AI triage: each task's label, calibrated confidence, abstention and top terms, and agents' corrections",
    params: TicketNumberParams,
    responses: { 200: { description: 'Triage', schema: TicketTriageSchema } },
    async handler({ auth, params }) {
      const stored = await withTenant(db, auth, (trx) => readTriage(trx, auth.orgId, params.number));
      if (!stored) throw notFound(`Triage of ticket #${params.number}`);
      return {
        status: 200,
        body: {
          triagedAt: stored.triagedAt.toISOString(), predictions: stored.predictions, facts: stored.facts,
          corrections: stored.corrections.map((c) => ({ ...c, at: c.at.toISOString() })),
        },
      };
    },
  });

  const correct = ai.post('/tickets/{number}/triage/labels', {
    access: ACCESS.workTickets, operationId: 'correctTicketTriage', summary: "Correct a prediction: the ticket's true label for the task, which retraining learns from",
    params: TicketNumberParams,
    body: TriageLabelBody,
    responses: { 201: { description: 'The label stored', schema: TriageLabelSchema } },
    async handler({ auth, params, body }) {
      const predicted = await withTenant(db, auth, async (trx) => {
        if (!(await ticketText(trx, auth.orgId, params.number))) throw notFound(`Ticket #${params.number}`);
        const stored = await readTriage(trx, auth.orgId, params.number);
        const said = stored?.predictions[body.task]?.label ?? null;
        await saveLabel(trx, auth.orgId, { number: params.number, task: body.task, label: body.label, predicted: said, actorId: auth.userId });
        return said;
      });
      return { status: 201, body: { task: body.task, label: body.label, predicted } };
    },
  });

  const models = ai.get('/ai/models', {
    operationId: 'listAiModels',
    summary: "The org's triage models per task: held-out accuracy, macro-F1 and coverage of the current and previous model, and whether there is enough history",
    responses: { 200: { description: 'Models', schema: AiModelsSchema } },
    async handler({ auth }) {
      return { status: 200, body: await modelsView(auth.orgId) };
    },
  });

  const retrain = ai.post('/ai/models/retrain', {
    access: ACCESS.manageMembers,
    operationId: 'retrainAiModels', summary: "Retrain the org's triage models from its solved tickets now (and keep the nightly retraining scheduled)",
    responses: { 200: { description: 'The models after retraining', schema: AiModelsSchema } },
    async handler({ auth }) {
      await training.ensureSchedule(auth.orgId);
      await training.retrainNow(auth.orgId);
      return { status: 200, body: await modelsView(auth.orgId) };
    },
  });

  return [triage, correct, models, retrain];
}
