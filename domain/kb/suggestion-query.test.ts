import { describe, expect, it } from 'vitest';
import { usesSearchSyntax } from './query-plan';
import { suggestionQuery, SUGGESTION_QUERY_CHARS } from './suggestion-query';

describe('a ticket as suggestion search text', () => {
  it('reads the subject and messages without quoted mail or signatures', () => {
    const text = suggestionQuery(['Refund not received', 'I asked for a refund.\n-- \nCasey, ACME', 'Still nothing.\nOn Mon, Ann wrote:\n> We sent it']);
    expect(text).toBe('Refund not received I asked for a refund. Still nothing.');
  });

  it('never reads as websearch syntax, and stays within its length', () => {
    const text = suggestionQuery(['"Urgent" -- login or password -broken', 'x'.repeat(5_000)]);
    expect(usesSearchSyntax(text)).toBe(false);
    expect(text.startsWith('Urgent - login password broken x')).toBe(true);
    expect(text.length).toBe(SUGGESTION_QUERY_CHARS);
  });
});
