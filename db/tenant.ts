import type { Knex } from 'knex';
import type { Db } from './connection';

/** What a transaction was opened for: the models check it before they run a statement. */
export type TransactionScope = 'tenant' | 'user';
const scopes = new WeakMap<Knex.Transaction, TransactionScope>();

/** `'tenant'` for a `withTenant` transaction, `'user'` for an `asUser` one, else undefined. */
export function transactionScope(trx: unknown): TransactionScope | undefined {
  return typeof trx === 'function' || typeof trx === 'object' ? scopes.get(trx as Knex.Transaction) : undefined;
}

export interface TenantScope {
  orgId: string;
  /** The person acting, when there is one: lets them see their own identity row. */
  userId?: string | null;
}

/**
 * The one way to touch tenant data: a transaction whose `app.org_id` (and `app.user_id`) is
 * set locally, so row-level security scopes every statement in it and nothing outlives it on
 * the pooled connection.
 */
export async function withTenant<T>(db: Db, scope: TenantScope, work: (trx: Knex.Transaction) => PromiseLike<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('app.org_id', ?, true), set_config('app.user_id', ?, true)`, [
      scope.orgId,
      scope.userId ?? '',
    ]);
    scopes.set(trx, 'tenant');
    return work(trx);
  });
}

/** A transaction acting for a person before any tenant is chosen (login, picking an org). */
export async function asUser<T>(db: Db, userId: string, work: (trx: Knex.Transaction) => PromiseLike<T>): Promise<T> {
  return db.transaction(async (trx) => {
    await trx.raw(`SELECT set_config('app.user_id', ?, true)`, [userId]);
    scopes.set(trx, 'user');
    return work(trx);
  });
}
