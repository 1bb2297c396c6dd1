import type { TicketEvent } from './events';
import type { CustomFieldValue, TicketState } from './state';

/** The part of a ticket its timeline events change. */
export type TicketFacets = Pick<TicketState, 'status' | 'priority' | 'tags' | 'assigneeId' | 'teamId' | 'fields'>;

/** A ticket's facets after one event. */
export function applyEvent(facets: TicketFacets, event: TicketEvent): TicketFacets {
  return shift(facets, event, 'forward');
}

/** A ticket's facets before one event: the timeline, read backwards from the current row. */
export function undoEvent(facets: TicketFacets, event: TicketEvent): TicketFacets {
  return shift(facets, event, 'back');
}

function shift(facets: TicketFacets, event: TicketEvent, direction: 'forward' | 'back'): TicketFacets {
  const pick = <T>(change: { from: T; to: T }): T => (direction === 'forward' ? change.to : change.from);
  switch (event.type) {
    case 'status_changed':
      return { ...facets, status: pick(event.data) };
    case 'priority_changed':
      return { ...facets, priority: pick(event.data) };
    case 'assigned':
      return { ...facets, ...(direction === 'forward' ? event.data.to : event.data.from) };
    case 'tags_changed': {
      const [add, remove] = direction === 'forward' ? [event.data.added, event.data.removed] : [event.data.removed, event.data.added];
      return { ...facets, tags: [...new Set([...facets.tags.filter((tag) => !remove.includes(tag)), ...add])].sort() };
    }
    case 'fields_changed': {
      const fields: Record<string, CustomFieldValue> = { ...facets.fields };
      for (const [key, change] of Object.entries(event.data.changes)) {
        const value = pick(change) as CustomFieldValue;
        if (value === null || value === undefined) delete fields[key];
        else fields[key] = value;
      }
      return { ...facets, fields };
    }
    default:
      return facets;
  }
}
