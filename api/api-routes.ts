import type { ApiDeps } from './deps';
import type { AnyRoute } from './route';
import { authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendars';
import { reportRoutes } from './routes/reports';
import { reportQueryRoutes } from './routes/report-query';
import { savedReportRoutes } from './routes/saved-reports';
import { reportScheduleRoutes } from './routes/report-schedules';
import { memberSkillRoutes } from './routes/member-skills';
import { ruleRoutes } from './routes/rules';
import { fieldServiceRoutes } from './field-service/routes';
import { slaPolicyRoutes } from './routes/sla-policies';
import { teamRoutes } from './routes/teams';
import { ticketRoutes } from './routes/tickets';
import { userRoutes } from './routes/users';
import { viewRoutes } from './routes/views';
import { mailboxRoutes } from './routes/mailboxes';
import { ticketEmailRoutes } from './routes/ticket-emails';
import { ticketAttachmentRoutes } from './routes/ticket-attachments';
import { rejectedMailRoutes } from './routes/rejected-mail';
import { dispatchRoutes } from './routes/dispatch';
import { invitationRoutes } from './routes/invitations';
import { eventRoutes } from './routes/events';
import { knowledgeBaseRoutes } from './kb/routes';
import { aiRoutes } from './routes/ai';
import { macroRoutes } from './routes/macros';
import { portalRoutes } from './portal/routes';
import { ticketRatingRoutes } from './routes/ticket-ratings';
import { similarTicketRoutes } from './routes/similar-tickets';
import { ticketRelationRoutes } from './routes/ticket-relations';
import { ticketBulkRoutes } from './routes/ticket-bulk';
import { ticketCallRoutes } from './routes/ticket-calls';
import { ticketFollowerRoutes } from './routes/ticket-followers';
import { notificationRoutes } from './routes/notifications';
import { fieldRoutes } from './routes/fields';
import { companyRoutes } from './routes/companies';
import { contactRoutes } from './routes/contacts';

/** Every v1 route, in mounting order: what the router serves and the OpenAPI document describes. */
export function apiRoutes(deps: ApiDeps): AnyRoute[] {
  return [...authRoutes(deps), ...userRoutes(deps), ...invitationRoutes(deps), ...teamRoutes(deps), ...viewRoutes(deps), ...calendarRoutes(deps), ...slaPolicyRoutes(deps), ...ticketBulkRoutes(deps), ...ticketRoutes(deps), ...macroRoutes(deps), ...reportRoutes(deps), ...reportQueryRoutes(deps), ...ruleRoutes(deps), ...memberSkillRoutes(deps), ...fieldServiceRoutes(deps), ...mailboxRoutes(deps), ...ticketEmailRoutes(deps), ...ticketAttachmentRoutes(deps), ...rejectedMailRoutes(deps), ...dispatchRoutes(deps), ...eventRoutes(deps), ...savedReportRoutes(deps), ...reportScheduleRoutes(deps), ...knowledgeBaseRoutes(deps), ...aiRoutes(deps), ...portalRoutes(deps), ...ticketRatingRoutes(deps), ...similarTicketRoutes(deps), ...ticketRelationRoutes(deps), ...ticketCallRoutes(deps), ...ticketFollowerRoutes(deps), ...notificationRoutes(deps), ...fieldRoutes(deps), ...companyRoutes(deps), ...contactRoutes(deps)];
}
