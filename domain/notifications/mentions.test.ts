import { describe, expect, it } from 'vitest';
import { mentionedMembers, type MentionableMember } from './mentions';

const ana: MentionableMember = { id: 'ana', name: 'Ana López', email: 'ana.lopez@example.com' };
const anaRuiz: MentionableMember = { id: 'ana-ruiz', name: 'Ana López Ruiz', email: 'aruiz@example.com' };
const bob: MentionableMember = { id: 'bob', name: 'Bob Stone', email: 'bstone@example.com' };
const bobby: MentionableMember = { id: 'bobby', name: 'Bob Marsh', email: 'marsh@example.com' };
const members = [ana, bob];

describe('mentionedMembers', () => {
  it('finds a full name, case-insensitive and whatever the spacing, followed by punctuation or the end', () => {
    expect(mentionedMembers('@ana   lópez, can you look?', members)).toEqual(['ana']);
    expect(mentionedMembers('Over to @Bob Stone', members)).toEqual(['bob']);
    expect(mentionedMembers('(@Bob Stone)', members)).toEqual(['bob']);
  });

  it('prefers the longest name that fits', () => {
    expect(mentionedMembers('@Ana López Ruiz please', [ana, anaRuiz])).toEqual(['ana-ruiz']);
    expect(mentionedMembers('@Ana López please', [ana, anaRuiz])).toEqual(['ana']);
  });

  it('finds an email local part and a first name only one member has', () => {
    expect(mentionedMembers('ping @ana.lopez.', members)).toEqual(['ana']);
    expect(mentionedMembers('@Ana: see above', members)).toEqual(['ana']);
    // Two Bobs: "@Bob" is nobody, their full names or email names still work.
    expect(mentionedMembers('@Bob or @marsh', [ana, bob, bobby])).toEqual(['bobby']);
  });

  it('mentions each member once, in the order of first mention', () => {
    expect(mentionedMembers('@Bob Stone @Ana López @bstone', members)).toEqual(['bob', 'ana']);
  });

  it('ignores email addresses, names that continue, unknown names and a lone @', () => {
    expect(mentionedMembers('write to ana.lopez@example.com', members)).toEqual([]);
    expect(mentionedMembers('@Anabel knows', members)).toEqual([]);
    expect(mentionedMembers('@nobody and @ and a@b', members)).toEqual([]);
    expect(mentionedMembers('no mentions at all', members)).toEqual([]);
    expect(mentionedMembers('@Ana López', [])).toEqual([]);
  });
});
