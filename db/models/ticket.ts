import { Model } from 'objection';
import { Contact } from './contact';
import { TimelineEvent } from './timeline-event';
import { User } from './user';
import { ScopedModel } from './scoped-model';

/** The read model of a ticket workflow (written only by its activities). */
export class Ticket extends ScopedModel {
  static override tableName = 'tickets';
  static override idColumn = ['org_id', 'number'];
  static override jsonAttributes = ['fields'];

  declare org_id: string;
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

  static override get relationMappings() {
    return {
      requester: { relation: Model.BelongsToOneRelation, modelClass: Contact, join: { from: ['tickets.org_id', 'tickets.requester_id'], to: ['contacts.org_id', 'contacts.id'] } },
      assignee: { relation: Model.BelongsToOneRelation, modelClass: User, join: { from: ['tickets.assignee_id'], to: ['users.id'] } },
      events: { relation: Model.HasManyRelation, modelClass: TimelineEvent, join: { from: ['tickets.org_id', 'tickets.number'], to: ['ticket_events.org_id', 'ticket_events.ticket_number'] } },
    };
  }
}
