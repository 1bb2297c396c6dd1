import { ScopedModel } from './scoped-model';

/** One accepted change on a work order's timeline. */
export class WorkOrderEvent extends ScopedModel {
  static override tableName = 'work_order_events';
  static override idColumn = ['org_id', 'work_order_number', 'seq', 'part'];
  static override jsonAttributes = ['data'];

  declare org_id: string;
  declare work_order_number: number;
  declare seq: number;
  declare part: number;
  declare type: string;
  declare actor_id: string | null;
  declare data: unknown;
  declare created_at: Date;
}
