import { EditableTenantEntity } from './tenant-rows';
import type { CalendarsRow } from '../table-rows.generated';

/** Business hours and holidays that SLA clocks count in. */
export interface Calendar extends CalendarsRow {}
export class Calendar extends EditableTenantEntity {
  static override tableName = 'calendars';
  static override jsonAttributes = ['holidays', 'week'];
}
