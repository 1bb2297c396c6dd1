import type { Knex } from 'knex';
import { raw } from 'objection';
import type { MacroAction } from '../domain/macros/index';
import { Macro } from './models';

/** What a member writes of a macro: its scope (personal or the org's), name, reply and actions. */
export interface MacroFields {
  personal: boolean;
  name: string;
  replyBody: string;
  replyVisibility: 'public' | 'internal';
  actions: MacroAction[];
}

/** The macros a member may use: the org's and their own, matching `q` in the name when given, most used first. */
export async function listMacros(trx: Knex.Transaction, orgId: string, userId: string, q?: string): Promise<Macro[]> {
  const query = Macro.query(trx)
    .where('org_id', orgId)
    .where((scope) => scope.whereNull('owner_id').orWhere('owner_id', userId))
    .orderBy([{ column: 'usage_count', order: 'desc' }, { column: 'name' }]);
  if (q) query.where('name', 'ilike', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return query;
}

/** One macro the member may use, or undefined (another member's own macros are not theirs to see). */
export async function findMacro(trx: Knex.Transaction, orgId: string, userId: string, id: string): Promise<Macro | undefined> {
  return Macro.query(trx)
    .where({ org_id: orgId, id })
    .where((scope) => scope.whereNull('owner_id').orWhere('owner_id', userId))
    .first();
}

export async function insertMacro(trx: Knex.Transaction, orgId: string, userId: string, id: string, fields: MacroFields): Promise<Macro> {
  return Macro.query(trx).insertAndFetch({ org_id: orgId, id, created_by: userId, ...columnsOf(fields, userId) });
}

export async function updateMacro(trx: Knex.Transaction, orgId: string, userId: string, id: string, fields: MacroFields): Promise<Macro> {
  return Macro.query(trx).patchAndFetchById([orgId, id], { ...columnsOf(fields, userId), updated_at: new Date() });
}

export async function deleteMacro(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await Macro.query(trx).where({ org_id: orgId, id }).delete();
}

/** Counts one use; the count moves in the database, so concurrent uses are all counted. */
export async function countMacroUse(trx: Knex.Transaction, orgId: string, id: string): Promise<void> {
  await Macro.query(trx).where({ org_id: orgId, id }).patch({ usage_count: raw('usage_count + 1') as unknown as number, last_used_at: new Date() });
}

function columnsOf(fields: MacroFields, userId: string) {
  return {
    owner_id: fields.personal ? userId : null,
    name: fields.name,
    reply_body: fields.replyBody,
    reply_visibility: fields.replyVisibility,
    actions: fields.actions,
  };
}
