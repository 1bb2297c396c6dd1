import { TenantRow } from './tenant-rows';

/**
 * One accepted change on an entity's timeline. Tickets and work orders keep the same event
 * row (migrations 001 and 004); each subclass names its table and the column of its entity's number.
 */
export class EntityEvent extends TenantRow {
  static override jsonAttributes = ['data'];

  declare seq: number;
  declare part: number;
  declare type: string;
  declare actor_id: string | null;
  declare data: unknown;
  declare created_at: Date;
}
