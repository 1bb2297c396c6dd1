import { Model, type RelationMapping } from 'objection';

/**
 * Tenant tables reference each other by composite key, `(org_id, x)`, so that a reference can
 * never name another tenant's row. These build the objection mapping for such a reference.
 */
function tenantJoin(relation: RelationMapping<Model>['relation'], owner: typeof Model, ownerColumn: string, target: typeof Model, targetColumn: string): RelationMapping<Model> {
  const from = owner.tableName;
  const to = target.tableName;
  return {
    relation,
    modelClass: target,
    join: { from: [`${from}.org_id`, `${from}.${ownerColumn}`], to: [`${to}.org_id`, `${to}.${targetColumn}`] },
  };
}

/** `owner.(org_id, column)` names one row of `target` by `(org_id, targetColumn)`. */
export function belongsToInTenant(owner: typeof Model, column: string, target: typeof Model, targetColumn = 'id'): RelationMapping<Model> {
  return tenantJoin(Model.BelongsToOneRelation, owner, column, target, targetColumn);
}

/** The rows of `target` whose `(org_id, foreignColumn)` name the owner row by `(org_id, ownerColumn)`. */
export function hasManyInTenant(owner: typeof Model, target: typeof Model, foreignColumn: string, ownerColumn = 'id'): RelationMapping<Model> {
  return tenantJoin(Model.HasManyRelation, owner, ownerColumn, target, foreignColumn);
}
