/**
 * The console's names for the API's shapes: aliases of the generated schema (schema.d.ts,
 * `npm run generate:api`). Where the server's zod schema is looser than what it writes (a
 * timeline event's `data`, a rule's conditions and actions), the console narrows it with the
 * shared `domain/` types the server builds them from.
 */
import type { Priority, Status } from '../domain/lifecycle';
import type { FetchResponse } from 'openapi-fetch';
import type { components, operations } from './schema';
import type { AssignStrategy, ResolvedAction, RuleActionType } from '../../../domain/rules/actions';
import type { RuleDefinition } from '../../../domain/rules/rule';
import type { RuleEventType } from '../../../domain/rules/rule-events';
import type { RuleFiring } from '../../../domain/rules/firing';
import type { FactDescriptor, OperatorDescriptor } from '../../../rules/catalogue';
import type { ConditionOutcome as ConditionResult } from '../../../rules/evaluate';
import type { RuleTemplate } from '../../../rules/templates';

type Schemas = components['schemas'];
/** The JSON an operation answers with a given status. */
export type Answer<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }> ? T : never;
/**
 * What the typed client answers for an operation: its 200 JSON as openapi-fetch reads it (which
 * widens tuples to arrays), for the shapes that hold tuples.
 */
type ClientAnswer<Op extends keyof operations> = NonNullable<Extract<FetchResponse<operations[Op], object, 'application/json'>, { error?: never }>['data']>;
/** The JSON body an operation takes. */
export type RequestBody<Op extends keyof operations> =
  NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer T } } ? T : never;

export type User = Schemas['User'];
/** A directory entry: a member with when they were deactivated (null while active). */
export type Member = Schemas['Member'];
export type Invitation = Schemas['Invitation'];
export type MemberRole = Member['role'];
export type Organization = Schemas['Organization'];
/** What login and sign-up answer, as the console keeps it: the refresh token stays in its HttpOnly cookie. */
export type Session = Omit<Schemas['Session'], 'refreshToken'>;
export interface Page<T> { data: T[]; nextCursor: string | null }

export type Ticket = Schemas['Ticket'];
export type TicketRelations = Schemas['TicketRelations'];
export type TicketLinkKind = TicketRelations['links'][number]['kind'];
export type LoggedCall = RequestBody<'logTicketCall'>;
export type TicketFollower = Schemas['TicketFollowers']['data'][number];
/** One action on a selection of tickets, and what became of each. */
export type BulkAction = RequestBody<'bulkUpdateTickets'>['action'];
export type BulkResult = Schemas['BulkTicketResult'];
export type NewTicket = RequestBody<'createTicket'>;
export type SlaClock = NonNullable<Schemas['SlaClock']>;
export type SlaTarget = SlaClock['target'];

export type TimelineEvent =
  | EventOf<'created', { subject: string; priority: Priority; channel: string }>
  | EventOf<'replied', { body: string; visibility: 'public' | 'internal'; attachments?: TicketAttachment[] }>
  | EventOf<'assigned', { from: Assignment; to: Assignment }>
  | EventOf<'status_changed', { from: Status; to: Status }>
  | EventOf<'priority_changed', { from: Priority; to: Priority }>
  | EventOf<'subject_changed', { from: string; to: string }>
  | EventOf<'tags_changed', { added: string[]; removed: string[] }>
  | EventOf<'fields_changed', { changes: Record<string, { from: unknown; to: unknown }> }>
  | EventOf<'customer_replied', { body: string; email?: { messageId: string; from: string } }>
  | EventOf<'email_delivery', EmailDelivery>
  | EventOf<'sla_warning', { target: SlaTarget; dueAt: string | null }>
  | EventOf<'sla_breached', { target: SlaTarget; breachedAt: string }>
  | EventOf<'rule_fired', RuleFiring>
  | EventOf<'rule_action_refused', { ruleId: string; ruleName: string; action: string; reason: string; fields?: string[] }>
  | EventOf<'merged_into', { number: number }>
  | EventOf<'merged_from', { number: number; subject: string }>
  | EventOf<'split_out', { seq: number; number: number }>
  | EventOf<'linked', { number: number; kind: TicketLinkKind }>
  | EventOf<'unlinked', { number: number; kind: TicketLinkKind }>
  | EventOf<'cc_added', { email: string; name: string | null }>
  | EventOf<'cc_removed', { email: string }>
  | EventOf<'call_logged', LoggedCall>;

interface Assignment { assigneeId: string | null; teamId: string | null }
type EventOf<T extends string, D> = Omit<Schemas['TimelineEvent'], 'type' | 'data'> & { type: T; data: D };

export type SavedView = Schemas['SavedView'];
export type TicketFilters = SavedView['filters'] & { sla?: string };
export type StatusCounts = Answer<'countTickets'>;

export type BusinessCalendar = Schemas['Calendar'];
export type Hours = BusinessCalendar['week']['mon'][number];

// The server describes a stored policy loosely (`{ id }` and its fields passed through): they
// are the fields of the body it was saved from, every default filled in.
export type SlaPolicy = { id: Schemas['SlaPolicy']['id'] } & Required<RequestBody<'createSlaPolicy'>>;
export type PolicyPreview = Schemas['SlaPolicyPreview'];

export type SlaReport = Schemas['SlaReport'];
export type ComplianceGroup = SlaReport['byPolicy'][number];

export type Team = Schemas['Team'];
export type Company = Schemas['Company'];
export type Contact = Schemas['Contact'];
export type PublicInvitation = Schemas['PublicInvitation'];

// The email channel.
export type Mailbox = Schemas['Mailbox'];
export type Tls = NonNullable<Mailbox['smtp']>['tls'];
export type MailboxBody = RequestBody<'createMailbox'>;
export type TicketEmail = Schemas['TicketEmail'];
export type Attachment = TicketEmail['attachments'][number];
/** A file an agent uploaded to a ticket, sent with a reply or note. */
export type TicketAttachment = Schemas['TicketAttachment'];
export type RejectedMail = Schemas['RejectedMail'];
export type RetriedMail = Schemas['RetriedMail'];

// Field service (work orders, technicians, assets, stock) and dispatch.
export type WorkOrder = Schemas['WorkOrder'];
export type WorkOrderStatus = WorkOrder['status'];
export type WorkOrderTimelineEvent = Answer<'getWorkOrderTimeline'>['data'][number];
export type NewWorkOrder = RequestBody<'createWorkOrder'>;
export type Technician = ClientAnswer<'getTechnician'>;
export type Asset = Schemas['Asset'];
export type NewAsset = RequestBody<'createAsset'>;
export type AssetHistory = Answer<'getAssetHistory'>;
export type InventoryItem = Schemas['InventoryItem'];
export type StockLevel = Schemas['StockLevel'];
export type StockLocation = Schemas['StockLocation'];
export type MaintenancePlan = Schemas['MaintenancePlan'];
export type NewMaintenancePlan = RequestBody<'createMaintenancePlan'>;
export type DispatchPlan = Schemas['DispatchPlan'];
export type DispatchProposal = NonNullable<Schemas['DispatchProposal']>;
export type DispatchRoute = DispatchProposal['routes'][number];
export type LatLng = DispatchPlan['sites'][string];
export type { DispatchEdit, Violation } from '../../../domain/dispatch/types';
import type { EmailDelivery } from '../../../domain/ticket/events';
export type { EmailDelivery };

// Automation rules: the definition is the shared domain type the server validates against.
export type { AssignStrategy, NotifyRecipient, ResolvedAction, RuleAction, RuleActionType } from '../../../domain/rules/actions';
export type { ConditionGroup, ConditionLeaf, ConditionNode, ConditionValue } from '../../../domain/rules/conditions';
export type { RuleDefinition } from '../../../domain/rules/rule';
export type { RuleEventType } from '../../../domain/rules/rule-events';
export type { TimeAnchor, TimeTrigger } from '../../../domain/rules/time-triggers';
export type { RuleFiring } from '../../../domain/rules/firing';
export type { FactDescriptor, FactType, OperatorDescriptor, OperatorName, ValueShape } from '../../../rules/catalogue';

export type RuleView = Omit<Schemas['Rule'], keyof RuleDefinition> & RuleDefinition;
export type { RuleTemplate } from '../../../rules/templates';
/** A condition tree as a dry run evaluated it: every node carries its result (null: not reached, the engine short-circuited). */
export type { ConditionOutcome as ConditionResult } from '../../../rules/evaluate';

/** The API documents no shape for the catalogue: it is built from the shared catalogue and rule types. */
export interface RuleCatalogue {
  events: { type: RuleEventType; label: string }[];
  facts: FactDescriptor[];
  operators: OperatorDescriptor[];
  actions: { type: RuleActionType; label: string }[];
  strategies: AssignStrategy[];
  templates: RuleTemplate[];
}

// Where the schema describes a definition, an outcome or actions loosely, they are the shared domain types.
type WithActions<T> = Omit<T, 'actions'> & { actions: ResolvedAction[] };
export type RuleVersion = Omit<Answer<'listRuleVersions'>['data'][number], 'definition'> & { definition: RuleDefinition };
export type RuleTestResult = Omit<WithActions<Answer<'testDraftRule'>>, 'conditions'> & { conditions: ConditionResult };
type Backtest = Answer<'backtestRule'>;
export type BacktestResult = Omit<Backtest, 'matches'> & { matches: WithActions<Backtest['matches'][number]>[] };

export type TicketTriage = Schemas['TicketTriage'];
export type TriagePrediction = Schemas['TriagePrediction'];
export type TriageLabelBody = NonNullable<operations['correctTicketTriage']['requestBody']>['content']['application/json'];
export type AiModels = Schemas['AiModels'];
export type AiModel = Schemas['AiModel'];
// The knowledge base's shapes are in kb-types.ts.
export type SimilarTicket = Schemas['SimilarTicket'];
export type Macro = Schemas['Macro'];
export type AppliedMacro = Schemas['AppliedMacro'];
export type MacroAction = Schemas['MacroAction'];
export type MacroBody = RequestBody<'createMacro'>;

/** The notification centre: one of the member's notifications, and their switches per kind and channel. */
export type AppNotification = Schemas['Notification'];
export type NotificationKind = Schemas['NotificationKind'];
export type NotificationPreferences = Schemas['NotificationPreferences']['data'];
export type FieldDefinition = Schemas['FieldDefinition'];
export type FieldType = FieldDefinition['type'];
export type TicketForm = Schemas['TicketForm'];
export type FieldValue = Ticket['fields'][string];
