import { EditableTenantEntity } from './tenant-rows';

/** Business hours and holidays that SLA clocks count in. */
export class Calendar extends EditableTenantEntity {
  static override tableName = 'calendars';
  static override jsonAttributes = ['holidays', 'week'];

  declare name: string;
  declare time_zone: string;
  declare week: unknown;
  declare holidays: unknown;
}
