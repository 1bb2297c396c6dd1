import { Model, type RelationMappings } from 'objection';
import { belongsToInTenant, hasManyInTenant } from './tenant-relations';
import { Contact } from './contact';
import { TimelineEvent } from './timeline-event';
import { User } from './user';
import { TenantRow } from './tenant-rows';
import type { TicketsRow } from '../table-rows.generated';

/** The read model of a ticket workflow (written only by its activities). */
export interface Ticket extends TicketsRow {}
export class Ticket extends TenantRow {
  static override tableName = 'tickets';
  static override idColumn = ['org_id', 'number'];
  static override jsonAttributes = ['fields'];

  static override relationMappings = (): RelationMappings => ({
    requester: belongsToInTenant(this, 'requester_id', Contact),
    assignee: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['tickets.assignee_id'], to: ['users.id'] } },
    events: hasManyInTenant(this, TimelineEvent, 'ticket_number', 'number'),
  });
}
