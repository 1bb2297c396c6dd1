import { EditableTenantEntity } from './tenant-rows';
import type { ReportSchedulesRow } from '../table-rows.generated';

/** A saved report or prebuilt dashboard mailed on a cadence; its Temporal Schedule is named after the row. */
export interface ReportSchedule extends ReportSchedulesRow {}
export class ReportSchedule extends EditableTenantEntity {
  static override tableName = 'report_schedules';
  static override jsonAttributes = ['cadence'];
}
