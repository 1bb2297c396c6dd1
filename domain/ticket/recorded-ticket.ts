import type { Clock } from '../sla/clock';
import type { CustomFieldValue, TicketChannel, TicketPriority, TicketStatus } from './index';

/**
 * A ticket's row as its write left it, read in the write's own transaction: the API answers a
 * command with it instead of reading the ticket again (a second transaction after the Update).
 * The same columns as the API's read model; times as ISO strings, as they cross the workflow.
 */
export interface RecordedTicket {
  number: number;
  /** Null when longer than `DESCRIPTION_LIMIT`: the answer then reads the ticket instead. */
  description: string | null;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: TicketChannel;
  tags: string[];
  assignee_id: string | null;
  assignee_name: string | null;
  team_id: string | null;
  requester_id: string;
  requester_email: string;
  requester_name: string | null;
  fields: Record<string, CustomFieldValue>;
  created_at: string;
  updated_at: string;
  /**
   * The sequence of the ticket's last change (the workflow's `version`): what a reply is
   * written against. Absent in answers recorded before it was read.
   */
  version?: number;
  /** The ticket's open (running or paused) SLA clocks. */
  clocks: Clock[];
}
