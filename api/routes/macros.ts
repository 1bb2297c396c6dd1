import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { z } from 'zod';
import { isUniqueViolation } from '../../db/failure-classes';
import { deleteMacro, findMacro, insertMacro, listMacros, updateMacro, type MacroFields } from '../../db/macro-store';
import type { Macro } from '../../db/models';
import { withTenant } from '../../db/tenant';
import type { MacroAction } from '../../domain/macros/index';
import { ACCESS, type Auth } from '../auth/roles';
import type { ApiDeps } from '../deps';
import { auditCaller } from '../caller-audit';
import { created } from '../created';
import { applyMacro } from '../macros/apply';
import { Problem, forbidden, found, notFound } from '../problem';
import { routeGroup } from '../route-group';
import { AppliedMacroSchema, ApplyMacroParams, ListMacrosQuery, MacroBody, MacroParams, MacroSchema, type MacroView } from '../schemas/macros';
import { ProblemSchema } from '../schemas/common';

const MANAGE_ORG_MACROS: readonly string[] = ACCESS.manageMembers;

/** Only admins write the org's macros; a personal macro is its author's alone. */
function assertMayWrite(auth: Auth, personal: boolean): void {
  if (!personal && !MANAGE_ORG_MACROS.includes(auth.role)) throw forbidden("Only owners and admins change the organization's macros.");
}

/** The macro the caller changes: 404 if they cannot see it, 403 if its scope is not theirs to write. */
async function writableMacro(trx: Knex.Transaction, auth: Auth, id: string): Promise<Macro> {
  const existing = await findMacro(trx, auth.orgId, auth.userId, id);
  if (!existing) throw notFound('Macro');
  assertMayWrite(auth, existing.owner_id !== null);
  return existing;
}

/** A write that names a macro the same as another in its scope is a 409 with a pointer. */
async function uniqueName<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    throw new Problem(409, 'macro-name-taken', 'A macro of that name exists', { errors: [{ pointer: '/name', message: 'Choose another name.' }] });
  }
}

function fieldsOf(body: MacroBody): MacroFields {
  return { personal: body.personal, name: body.name, replyBody: body.reply.body, replyVisibility: body.reply.visibility, actions: body.actions };
}

function viewOf(row: Macro): MacroView {
  return {
    id: row.id,
    name: row.name,
    personal: row.owner_id !== null,
    reply: { body: row.reply_body, visibility: row.reply_visibility },
    actions: row.actions as MacroAction[],
    usageCount: row.usage_count,
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}

const nameTaken = { 409: { description: 'A macro of that name already exists in the same scope', schema: ProblemSchema } };
/** How the ticket's own commands refuse (see api/tickets/commands.ts). */
const ticketProblems = {
  409: { description: 'The ticket is closed, or the macro\'s status change is not allowed from its status', schema: ProblemSchema },
  422: { description: 'An action cannot be applied (an unknown agent or team)', schema: ProblemSchema },
  503: { description: 'A change could not be recorded; try again', schema: ProblemSchema },
};

const macros = routeGroup({ tag: 'macros', access: ACCESS.workTickets });

/** Macros: reply templates with ticket actions an agent applies from the composer. */
export function macroRoutes(deps: ApiDeps) {
  const { db } = deps;

  const list = macros.get('/macros', {
    operationId: 'listMacros', summary: "The org's macros and the caller's own, most used first; `q` searches names",
    query: ListMacrosQuery,
    responses: { 200: { description: 'Macros', schema: z.object({ data: z.array(MacroSchema) }) } },
    async handler({ auth, query }) {
      const rows = await withTenant(db, auth, (trx) => listMacros(trx, auth.orgId, auth.userId, query.q));
      return { status: 200, body: { data: rows.map(viewOf) } };
    },
  });

  const create = macros.post('/macros', {
    operationId: 'createMacro', summary: "Create a macro: the org's (owners and admins) or a personal one",
    body: MacroBody,
    responses: { 201: { description: 'Created', schema: MacroSchema }, ...nameTaken },
    async handler({ auth, body }) {
      assertMayWrite(auth, body.personal);
      const row = await withTenant(db, auth, async (trx) => {
        const created = await uniqueName(insertMacro(trx, auth.orgId, auth.userId, randomUUID(), fieldsOf(body)));
        await auditCaller(trx, auth, { action: 'macro.created', entityType: 'macro', entityId: created.id, data: { name: created.name, personal: body.personal } });
        return created;
      });
      return created(`/api/v1/macros/${row.id}`, viewOf(row));
    },
  });

  const show = macros.get('/macros/{id}', {
    operationId: 'getMacro', summary: 'One macro',
    params: MacroParams,
    responses: { 200: { description: 'The macro', schema: MacroSchema } },
    async handler({ auth, params }) {
      return { status: 200, body: viewOf(found(await withTenant(db, auth, (trx) => findMacro(trx, auth.orgId, auth.userId, params.id)), 'Macro')) };
    },
  });

  const replace = macros.put('/macros/{id}', {
    operationId: 'updateMacro', summary: 'Rewrite a macro (its scope may change only as far as the caller may write both)',
    params: MacroParams, body: MacroBody,
    responses: { 200: { description: 'The macro', schema: MacroSchema }, ...nameTaken },
    async handler({ auth, params, body }) {
      const row = await withTenant(db, auth, async (trx) => {
        await writableMacro(trx, auth, params.id);
        assertMayWrite(auth, body.personal);
        const updated = await uniqueName(updateMacro(trx, auth.orgId, auth.userId, params.id, fieldsOf(body)));
        await auditCaller(trx, auth, { action: 'macro.updated', entityType: 'macro', entityId: params.id, data: { name: body.name, personal: body.personal } });
        return updated;
      });
      return { status: 200, body: viewOf(row) };
    },
  });

  const remove = macros.delete('/macros/{id}', {
    operationId: 'deleteMacro', summary: 'Delete a macro',
    params: MacroParams,
    responses: { 204: { description: 'Deleted' } },
    async handler({ auth, params }) {
      await withTenant(db, auth, async (trx) => {
        const existing = await writableMacro(trx, auth, params.id);
        await deleteMacro(trx, auth.orgId, params.id);
        await auditCaller(trx, auth, { action: 'macro.deleted', entityType: 'macro', entityId: params.id, data: { name: existing.name } });
      });
      return { status: 204 };
    },
  });

  const apply = macros.post('/tickets/{number}/macros/{id}/apply', {
    operationId: 'applyMacro', summary: "Apply a macro: its actions as the ticket's commands, its reply rendered for the composer",
    params: ApplyMacroParams,
    responses: { 200: { description: 'The ticket after the actions, and the rendered reply', schema: AppliedMacroSchema }, ...ticketProblems },
    async handler({ auth, params }) {
      return { status: 200, body: await applyMacro(deps, auth, params.number, params.id) };
    },
  });

  return [list, create, show, replace, remove, apply];
}
