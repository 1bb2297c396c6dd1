import { Model, type RelationMappings } from 'objection';
import { belongsToInTenant, hasManyInTenant } from './tenant-relations';
import { Contact } from './contact';
import { TimelineEvent } from './timeline-event';
import { User } from './user';
import { TenantRow } from './tenant-rows';

/** The read model of a ticket workflow (written only by its activities). */
export class Ticket extends TenantRow {
  static override tableName = 'tickets';
  static override idColumn = ['org_id', 'number'];
  static override jsonAttributes = ['fields'];

  declare number: number;
  declare subject: string;
  declare description: string;
  declare status: string;
  declare priority: string;
  declare channel: string;
  declare requester_id: string;
  declare assignee_id: string | null;
  declare team_id: string | null;
  declare tags: string[];
  declare fields: unknown;
  declare version: number;
  declare search: string;
  declare created_at: Date;
  declare updated_at: Date;
  declare solved_at: Date | null;
  declare closed_at: Date | null;

  static override get relationMappings(): RelationMappings {
    return {
      requester: belongsToInTenant(this, 'requester_id', Contact),
      assignee: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['tickets.assignee_id'], to: ['users.id'] } },
      events: hasManyInTenant(this, TimelineEvent, 'ticket_number', 'number'),
    };
  }
}
