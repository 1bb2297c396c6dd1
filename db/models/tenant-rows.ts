import { ScopedModel } from './scoped-model';

/** A row of a tenant table: every such table has `org_id`, which row-level security filters on. */
export class TenantRow extends ScopedModel {
  declare org_id: string;
}

/**
 * A tenant row with its own id: the primary key is `(org_id, id)` and the row records when
 * it was created. Most tenant tables are one (see migrations/); the rest, keyed by a parent
 * (a work order's parts, a team's members), extend TenantRow.
 */
export class TenantEntity extends TenantRow {
  static override idColumn: string | string[] = ['org_id', 'id'];

  declare id: string;
  declare created_at: Date;
}

/** A TenantEntity that is edited in place, so it also records when it last changed. */
export class EditableTenantEntity extends TenantEntity {
  declare updated_at: Date;
}
