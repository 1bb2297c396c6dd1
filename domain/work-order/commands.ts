import type { WorkOrderEvent } from './events';
import type { ChecklistItem, WorkOrderState } from './state';
import { isFinal, type WorkOrderStatus } from './status';

/** A change someone asks of a work order. `actorId` is the member acting, null for the system. */
export type WorkOrderCommand =
  | { kind: 'schedule'; actorId: string | null; technicianId: string; windowStart: string; windowEnd: string }
  | { kind: 'unschedule'; actorId: string | null; reason?: string | null }
  | { kind: 'transition'; actorId: string | null; to: WorkOrderStatus; reason?: string | null; etaAt?: string | null }
  | { kind: 'setEta'; actorId: string | null; etaAt: string }
  | { kind: 'checkItem'; actorId: string | null; itemId: string; done: boolean; note?: string | null }
  | { kind: 'useParts'; actorId: string | null; lineId: string; itemId: string; locationId: string; quantity: number }
  | { kind: 'addNote'; actorId: string | null; noteId: string; body: string }
  | { kind: 'addPhoto'; actorId: string | null; attachmentId: string; caption?: string | null }
  | { kind: 'sign'; actorId: string | null; attachmentId: string; signerName: string }
  | { kind: 'waiveSignature'; actorId: string | null; reason: string }
  | { kind: 'recordReport'; actorId: null; mailedTo: string | null };

export type WorkOrderCommandKind = WorkOrderCommand['kind'];

export type WorkOrderRejectionCode =
  | 'work_order_closed'
  | 'invalid_transition'
  | 'invalid_command'
  | 'checklist_incomplete'
  | 'signature_required';

export interface WorkOrderRejection {
  code: WorkOrderRejectionCode;
  message: string;
}

export interface WorkOrderDecision {
  events: WorkOrderEvent[];
  state: WorkOrderState;
}

export type WorkOrderDecideResult = { ok: true; decision: WorkOrderDecision } | { ok: false; rejection: WorkOrderRejection };

/**
 * Which status a `transition` may move to from which. `scheduled` is reached with a
 * `schedule` command (it needs a technician and a window); a work order on hold returns to
 * the status it was held from, or is cancelled.
 */
const NEXT: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  created: ['on_hold', 'cancelled'],
  scheduled: ['dispatched', 'on_hold', 'cancelled'],
  dispatched: ['en_route', 'on_site', 'on_hold', 'cancelled'],
  en_route: ['on_site', 'on_hold', 'cancelled'],
  on_site: ['completed', 'on_hold'],
  completed: ['signed_off'],
  signed_off: [],
  cancelled: [],
  on_hold: ['cancelled'],
};

/** Whether a `transition` to `to` is allowed from the state's status (ignoring completion's conditions). */
export function canTransition(state: Pick<WorkOrderState, 'status' | 'heldFrom'>, to: WorkOrderStatus): boolean {
  if (state.status === 'on_hold' && to === state.heldFrom) return true;
  return NEXT[state.status].includes(to);
}

/** Statuses a transition may go to next, for the console's buttons. */
export function nextStatuses(state: Pick<WorkOrderState, 'status' | 'heldFrom'>): WorkOrderStatus[] {
  return [...(state.status === 'on_hold' && state.heldFrom ? [state.heldFrom] : []), ...NEXT[state.status]];
}

const reject = (code: WorkOrderRejectionCode, message: string): WorkOrderDecideResult => ({ ok: false, rejection: { code, message } });

const MAX_TEXT = 10_000;

/**
 * Decides what a command does to a work order, purely. `at` is the moment of the decision
 * (the workflow's deterministic clock). Validators call it to refuse bad commands before they
 * reach history; handlers call it again, in order, to apply them. A command that changes
 * nothing is accepted with no events, so retries are harmless.
 */
export function decide(state: WorkOrderState, command: WorkOrderCommand, at: string): WorkOrderDecideResult {
  if (command.kind === 'recordReport') {
    if (state.status !== 'signed_off') return reject('invalid_command', 'A service report follows sign-off.');
    return accept(state, [{ type: 'report_generated', data: { mailedTo: command.mailedTo } }], {});
  }
  if (isFinal(state.status)) {
    return reject('work_order_closed', `Work order #${state.number} is ${state.status.replace('_', ' ')} and cannot change.`);
  }
  switch (command.kind) {
    case 'schedule':
      return decideSchedule(state, command);
    case 'unschedule':
      return decideUnschedule(state, command.reason?.trim() || null);
    case 'transition':
      return decideTransition(state, command, at);
    case 'setEta':
      if (!['dispatched', 'en_route'].includes(state.status)) return reject('invalid_command', 'An ETA is set on the way to the site.');
      if (!isInstant(command.etaAt)) return reject('invalid_command', 'etaAt must be an ISO date-time.');
      if (state.etaAt === command.etaAt) return accept(state, [], {});
      return accept(state, [{ type: 'eta_set', data: { etaAt: command.etaAt } }], { etaAt: command.etaAt });
    case 'checkItem':
      return decideCheckItem(state, command);
    case 'useParts':
      return decideUseParts(state, command);
    case 'addNote':
      if (command.body.trim().length === 0 || command.body.length > MAX_TEXT) return reject('invalid_command', 'A note needs a body (at most 10,000 characters).');
      if (state.noteIds.includes(command.noteId)) return accept(state, [], {});
      return accept(state, [{ type: 'note_added', data: { noteId: command.noteId, body: command.body } }], { noteIds: [...state.noteIds, command.noteId] });
    case 'addPhoto':
      if (!['en_route', 'on_site', 'completed'].includes(state.status)) return reject('invalid_command', 'Photos are taken at the site.');
      if (state.photoIds.includes(command.attachmentId)) return accept(state, [], {});
      return accept(state, [{ type: 'photo_added', data: { attachmentId: command.attachmentId, caption: command.caption ?? null } }], {
        photoIds: [...state.photoIds, command.attachmentId],
      });
    case 'sign':
      if (state.status !== 'on_site') return reject('invalid_command', 'The customer signs at the site, before completion.');
      if (command.signerName.trim().length === 0) return reject('invalid_command', 'A signature needs the signer\'s name.');
      if (state.signature?.attachmentId === command.attachmentId) return accept(state, [], {});
      return accept(state, [{ type: 'signed', data: { attachmentId: command.attachmentId, signerName: command.signerName.trim() } }], {
        signature: { attachmentId: command.attachmentId, signerName: command.signerName.trim() },
      });
    case 'waiveSignature':
      if (state.status === 'completed') return reject('invalid_command', 'The work order is already completed.');
      if (command.reason.trim().length === 0) return reject('invalid_command', 'Waiving the signature needs a reason.');
      if (state.signatureWaived) return accept(state, [], {});
      return accept(state, [{ type: 'signature_waived', data: { reason: command.reason.trim() } }], {
        signatureWaived: { reason: command.reason.trim(), by: command.actorId },
      });
  }
}

function decideSchedule(state: WorkOrderState, command: Extract<WorkOrderCommand, { kind: 'schedule' }>): WorkOrderDecideResult {
  if (!['created', 'scheduled', 'dispatched'].includes(state.status)) {
    return reject('invalid_transition', `A work order that is ${state.status.replace('_', ' ')} cannot be (re)scheduled.`);
  }
  if (!isInstant(command.windowStart) || !isInstant(command.windowEnd)) return reject('invalid_command', 'The window needs ISO date-times.');
  if (Date.parse(command.windowEnd) <= Date.parse(command.windowStart)) return reject('invalid_command', 'The window must end after it starts.');
  const unchanged =
    state.status === 'scheduled' &&
    state.technicianId === command.technicianId &&
    sameInstant(state.windowStart, command.windowStart) &&
    sameInstant(state.windowEnd, command.windowEnd);
  if (unchanged) return accept(state, [], {});
  const events: WorkOrderEvent[] = [
    {
      type: 'scheduled',
      data: {
        technicianId: command.technicianId,
        windowStart: command.windowStart,
        windowEnd: command.windowEnd,
        previous: { technicianId: state.technicianId, windowStart: state.windowStart, windowEnd: state.windowEnd },
      },
    },
  ];
  if (state.status !== 'scheduled') events.push(statusChanged(state.status, 'scheduled', null));
  return accept(state, events, {
    status: 'scheduled',
    technicianId: command.technicianId,
    windowStart: command.windowStart,
    windowEnd: command.windowEnd,
  });
}

/**
 * Takes the technician and window off a work order nobody has set out for yet (a dispatcher
 * unassigning it, or an approved plan leaving it out): back to `created`, to be planned again.
 * One already unscheduled is accepted with no events.
 */
function decideUnschedule(state: WorkOrderState, reason: string | null): WorkOrderDecideResult {
  if (state.status === 'created' && state.technicianId === null) return accept(state, [], {});
  if (state.status !== 'scheduled' && state.status !== 'dispatched') {
    return reject('invalid_transition', `A work order that is ${state.status.replace('_', ' ')} cannot be unscheduled.`);
  }
  const previous = { technicianId: state.technicianId, windowStart: state.windowStart, windowEnd: state.windowEnd };
  return accept(state, [{ type: 'unscheduled', data: { previous, reason } }, statusChanged(state.status, 'created', reason)], {
    status: 'created', technicianId: null, windowStart: null, windowEnd: null, etaAt: null,
  });
}

function decideTransition(state: WorkOrderState, command: Extract<WorkOrderCommand, { kind: 'transition' }>, at: string): WorkOrderDecideResult {
  const { to } = command;
  const reason = command.reason?.trim() || null;
  if (to === state.status) return accept(state, [], {});
  if (!canTransition(state, to)) {
    const hint = to === 'scheduled' ? ' Schedule it with a technician and a window instead.' : '';
    return reject('invalid_transition', `A ${state.status.replace('_', ' ')} work order cannot become ${to.replace('_', ' ')}.${hint}`);
  }
  if ((to === 'on_hold' || to === 'cancelled') && reason === null) return reject('invalid_command', `Putting a work order ${to.replace('_', ' ')} needs a reason.`);
  const events: WorkOrderEvent[] = [statusChanged(state.status, to, reason)];
  const changes: Partial<WorkOrderState> = { status: to };
  if (state.status === 'on_hold') changes.heldFrom = null;
  switch (to) {
    case 'dispatched':
      if (state.technicianId === null) return reject('invalid_transition', 'Only a scheduled work order with a technician can be dispatched.');
      break;
    case 'en_route':
      if (command.etaAt != null) {
        if (!isInstant(command.etaAt)) return reject('invalid_command', 'etaAt must be an ISO date-time.');
        events.push({ type: 'eta_set', data: { etaAt: command.etaAt } });
        changes.etaAt = command.etaAt;
      }
      break;
    case 'on_site':
      if (state.status !== 'on_hold') {
        events.push({ type: 'arrived', data: { at } });
        changes.arrivedAt = at;
      }
      break;
    case 'on_hold':
      changes.heldFrom = state.status;
      break;
    case 'completed': {
      const open = state.checklist.filter((item) => !item.done);
      if (open.length > 0) {
        return reject('checklist_incomplete', `The checklist is not done: ${open.map((item) => item.label).join(', ')}.`);
      }
      if (state.signature === null && state.signatureWaived === null) {
        return reject('signature_required', 'Completion needs the customer\'s signature, or a dispatcher to waive it.');
      }
      const timeOnSiteSeconds = state.arrivedAt === null ? null : Math.max(0, Math.round((Date.parse(at) - Date.parse(state.arrivedAt)) / 1000));
      events.push({ type: 'completed', data: { at, timeOnSiteSeconds } });
      changes.completedAt = at;
      changes.timeOnSiteSeconds = timeOnSiteSeconds;
      break;
    }
    case 'signed_off':
      changes.signedOffAt = at;
      break;
    default:
      break;
  }
  return accept(state, events, changes);
}

function decideCheckItem(state: WorkOrderState, command: Extract<WorkOrderCommand, { kind: 'checkItem' }>): WorkOrderDecideResult {
  if (state.status !== 'on_site') return reject('invalid_command', 'The checklist is worked at the site.');
  const item = state.checklist.find((candidate) => candidate.id === command.itemId);
  if (!item) return reject('invalid_command', `No checklist item ${command.itemId}.`);
  const note = command.note === undefined ? item.note : (command.note?.trim() || null);
  if (item.done === command.done && item.note === note) return accept(state, [], {});
  const updated: ChecklistItem = { ...item, done: command.done, note };
  return accept(state, [{ type: 'checklist_item_updated', data: { itemId: item.id, label: item.label, done: command.done, note } }], {
    checklist: state.checklist.map((candidate) => (candidate.id === item.id ? updated : candidate)),
  });
}

function decideUseParts(state: WorkOrderState, command: Extract<WorkOrderCommand, { kind: 'useParts' }>): WorkOrderDecideResult {
  if (state.status !== 'on_site') return reject('invalid_command', 'Parts are used at the site.');
  if (!(command.quantity > 0) || !Number.isFinite(command.quantity)) return reject('invalid_command', 'A part line needs a positive quantity.');
  if (command.lineId.length === 0 || command.lineId.length > 100) return reject('invalid_command', 'A part line needs a lineId.');
  const existing = state.parts.find((line) => line.lineId === command.lineId);
  if (existing) {
    const same = existing.itemId === command.itemId && existing.locationId === command.locationId && existing.quantity === command.quantity;
    return same ? accept(state, [], {}) : reject('invalid_command', `Part line ${command.lineId} was already recorded with other values.`);
  }
  const line = { lineId: command.lineId, itemId: command.itemId, locationId: command.locationId, quantity: command.quantity };
  return accept(state, [{ type: 'parts_used', data: line }], { parts: [...state.parts, line] });
}

function statusChanged(from: WorkOrderStatus, to: WorkOrderStatus, reason: string | null): WorkOrderEvent {
  return { type: 'status_changed', data: { from, to, reason } };
}

function accept(state: WorkOrderState, events: WorkOrderEvent[], changes: Partial<WorkOrderState>): WorkOrderDecideResult {
  if (events.length === 0) return { ok: true, decision: { events, state } };
  return { ok: true, decision: { events, state: { ...state, ...changes, version: state.version + 1 } } };
}

function isInstant(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

function sameInstant(a: string | null, b: string): boolean {
  return a !== null && Date.parse(a) === Date.parse(b);
}

/** The initial live state of a new work order. */
export function initialWorkOrderState(input: {
  orgId: string;
  number: number;
  title: string;
  priority: WorkOrderState['priority'];
  source: WorkOrderState['source'];
  ticketNumber: number | null;
  assetId: string | null;
  checklist: string[];
}): WorkOrderState {
  return {
    orgId: input.orgId,
    number: input.number,
    title: input.title,
    status: 'created',
    heldFrom: null,
    priority: input.priority,
    source: input.source,
    ticketNumber: input.ticketNumber,
    assetId: input.assetId,
    technicianId: null,
    windowStart: null,
    windowEnd: null,
    etaAt: null,
    arrivedAt: null,
    completedAt: null,
    signedOffAt: null,
    timeOnSiteSeconds: null,
    checklist: input.checklist.map((label, index) => ({ id: `c${index + 1}`, label, done: false, note: null })),
    parts: [],
    noteIds: [],
    photoIds: [],
    signature: null,
    signatureWaived: null,
    version: 1,
  };
}

