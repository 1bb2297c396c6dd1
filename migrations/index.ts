import type { Knex } from 'knex';
import * as core from './001_core';
import * as sla from './002_sla';
import * as email from './003_email';
import * as fieldService from './004_field_service';
import * as rules from './005_rules';
import * as dispatch from './006_dispatch';
import * as commandRequests from './007_command_requests';
import * as rejectedMail from './008_rejected_mail';
import * as accounts from './010_accounts';
import * as invitations from './011_invitations';
import * as kb from './012_kb';
import * as events from './013_events';
import * as kbPostings from './020_kb_postings';
import * as kbReaders from './021_kb_readers';
import * as portal from './022_portal';
import * as desk from './024_desk';
import * as aiTriage from './025_ai_triage';
import * as savedReports from './026_saved_reports';
import * as ticketRelations from './030_ticket_relations';
import * as passwordResets from './031_password_resets';
import * as memberStatus from './032_member_status';
import * as teamSettings from './033_team_settings';
import * as agentAttachments from './034_agent_attachments';
import * as notifications from './035_notifications';
import * as reportSchedules from './036_report_schedules';
import * as customFields from './037_custom_fields';
import * as ticketFollowers from './038_ticket_followers';
import * as companyContacts from './039_company_contacts';

type Migration = { up(knex: Knex): Promise<void>; down(knex: Knex): Promise<void> };

/** Migrations in order. Listed explicitly so they load the same under tsx, vitest and bundlers. */
const MIGRATIONS: ReadonlyArray<readonly [string, Migration]> = [
  ['001_core', core],
  ['002_sla', sla],
  ['003_email', email],
  ['004_field_service', fieldService],
  ['005_rules', rules],
  ['006_dispatch', dispatch],
  ['007_command_requests', commandRequests],
  ['008_rejected_mail', rejectedMail],
  ['010_accounts', accounts],
  ['011_invitations', invitations],
  ['012_kb', kb],
  ['013_events', events],
  ['020_kb_postings', kbPostings],
  ['021_kb_readers', kbReaders],
  ['022_portal', portal],
  ['024_desk', desk],
  ['025_ai_triage', aiTriage],
  ['026_saved_reports', savedReports],
  ['030_ticket_relations', ticketRelations],
  ['031_password_resets', passwordResets],
  ['032_member_status', memberStatus],
  ['033_team_settings', teamSettings],
  ['034_agent_attachments', agentAttachments],
  ['035_notifications', notifications],
  ['036_report_schedules', reportSchedules],
  ['037_custom_fields', customFields],
  ['038_ticket_followers', ticketFollowers],
  ['039_company_contacts', companyContacts],
];

export const migrationSource: Knex.MigrationSource<readonly [string, Migration]> = {
  getMigrations: async () => [...MIGRATIONS],
  getMigrationName: ([name]) => name,
  getMigration: async ([, migration]) => migration,
};
