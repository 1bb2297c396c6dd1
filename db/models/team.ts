import { ScopedModel } from './scoped-model';

/** A group of agents a ticket can be assigned to. */
export class Team extends ScopedModel {
  static override tableName = 'teams';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare created_at: Date;
}
