import { ScopedModel } from './scoped-model';

/** One accepted change on a ticket's timeline. */
export class TimelineEvent extends ScopedModel {
  static override tableName = 'ticket_events';
  static override idColumn = ['org_id', 'ticket_number', 'seq', 'part'];
  static override jsonAttributes = ['data'];

  declare org_id: string;
  declare ticket_number: number;
  declare seq: number;
  declare part: number;
  declare type: string;
  declare actor_id: string | null;
  declare data: unknown;
  declare created_at: Date;
}
