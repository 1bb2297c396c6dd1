import { describe, expect, it } from 'vitest';
import { requiredFieldsRejection } from './solve-check';
import type { TicketState } from './state';

const state = (fields: TicketState['fields']): TicketState => ({
  orgId: 'org', number: 7, subject: 'Printer', status: 'open', priority: 'normal', channel: 'web', tags: [], assigneeId: null, teamId: null, fields, version: 3,
});
const requirements = { fields: [
  { key: 'plan', label: 'Plan', condition: null },
  { key: 'contract', label: 'Contract number', condition: { fieldKey: 'plan', equals: 'pro' } },
] };

describe('a solve and the fields its form requires', () => {
  it('refuses while a shown required field is empty, naming each in the words the API answers with', () => {
    expect(requiredFieldsRejection(state({}), requirements)).toEqual({
      code: 'required_fields_missing', message: 'Ticket #7 cannot be solved while “Plan” is empty.', missingFields: [{ key: 'plan', label: 'Plan' }],
    });
    expect(requiredFieldsRejection(state({ plan: 'pro', contract: ' ' }), requirements)?.missingFields).toEqual([{ key: 'contract', label: 'Contract number' }]);
  });

  it('names several fields at once', () => {
    const two = { fields: [...requirements.fields, { key: 'agreed', label: 'Agreed', condition: null }] };
    expect(requiredFieldsRejection(state({ agreed: false }), two)?.message).toBe('Ticket #7 cannot be solved while “Plan”, “Agreed” are empty.');
  });

  it('accepts once they are filled, or hidden by their condition, or when nothing is required', () => {
    expect(requiredFieldsRejection(state({ plan: 'free' }), requirements)).toBeNull();
    expect(requiredFieldsRejection(state({ plan: 'pro', contract: 'C-1' }), requirements)).toBeNull();
    expect(requiredFieldsRejection(state({}), { fields: [] })).toBeNull();
  });
});
