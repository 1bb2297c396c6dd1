import { Model, type Pojo, type StaticHookArguments } from 'objection';
import { transactionScope, type TransactionScope } from '../tenant';

/**
 * The base of every Keel model. No model class is ever bound to a global knex
 * (`Model.knex(...)` is never called), so `Model.query()` without a transaction fails with
 * objection's "no database connection"; and every statement checks, before it runs, that
 * the transaction it was given was opened by `withTenant` (or `asUser`, for the identity
 * tables). A model query that forgets its `where org_id = ?` is therefore still scoped by
 * row-level security: there is no way to run one on a bare connection.
 */
export class ScopedModel extends Model {
  /** Which transactions a model of this class may run in. */
  static allowedScopes: readonly TransactionScope[] = ['tenant'];

  static override beforeFind(args: StaticHookArguments<ScopedModel>): void {
    this.assertScoped(args);
  }
  static override beforeInsert(args: StaticHookArguments<ScopedModel>): void {
    this.assertScoped(args);
  }
  static override beforeUpdate(args: StaticHookArguments<ScopedModel>): void {
    this.assertScoped(args);
  }
  static override beforeDelete(args: StaticHookArguments<ScopedModel>): void {
    this.assertScoped(args);
  }

  private static assertScoped(args: StaticHookArguments<ScopedModel>): void {
    const scope = transactionScope(args.transaction);
    if (scope === undefined || !this.allowedScopes.includes(scope)) {
      throw new Error(`${this.name} queries run only in a ${this.allowedScopes.join(' or ')} transaction (withTenant / asUser)`);
    }
  }

  // node-postgres already parses jsonb; objection's re-parse would turn a stored JSON string
  // such as "42" into a number. Writes still stringify the model's `jsonAttributes`.
  override $parseDatabaseJson(json: Pojo): Pojo {
    return json;
  }
}

/**
 * Identity rows (users, organizations): global, keyed by their own id, and readable in a
 * tenant or a user transaction.
 */
export class IdentityModel extends ScopedModel {
  static override allowedScopes: readonly TransactionScope[] = ['tenant', 'user'];
  static override idColumn: string | string[] = 'id';

  declare id: string;
  declare created_at: Date;
}
