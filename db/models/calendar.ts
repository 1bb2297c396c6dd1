import { ScopedModel } from './scoped-model';

/** Business hours and holidays that SLA clocks count in. */
export class Calendar extends ScopedModel {
  static override tableName = 'calendars';
  static override idColumn = ['org_id', 'id'];
  static override jsonAttributes = ['holidays', 'week'];

  declare org_id: string;
  declare id: string;
  declare name: string;
  declare time_zone: string;
  declare week: unknown;
  declare holidays: unknown;
  declare created_at: Date;
  declare updated_at: Date;
}
