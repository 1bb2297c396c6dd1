import { ScopedModel } from './scoped-model';

/** An organization a contact works for. */
export class Company extends ScopedModel {
  static override tableName = 'companies';
  static override idColumn = ['org_id', 'id'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare domain: string | null;
  declare created_at: Date;
}
