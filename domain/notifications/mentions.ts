/**
 * `@name` mentions in an internal note. The syntax:
 *
 * - A mention starts with `@` at the start of the text or after a character that is not a
 *   letter, digit, `.`, `_`, `-` or `@` (so `ana@example.com` mentions nobody).
 * - After the `@` comes one of, in this order:
 *   1. a member's full name, case-insensitive, any run of spaces matching a space
 *      (`@Ana López`, `@ana   lópez`); the longest name that fits wins (`@Ana López Ruiz`
 *      before `@Ana López`);
 *   2. the local part of a member's email (`@ana.lopez` for ana.lopez@example.com);
 *   3. a first name that exactly one member has (`@Ana`).
 *   Whatever matched must end the text or be followed by a character that is not a letter or
 *   digit (`@Ana,` and `@Ana.` mention Ana; `@Anabel` does not mention Ana).
 * - Only the members given (the org's active members) can be mentioned; anything else after an
 *   `@` is text.
 */
export interface MentionableMember {
  id: string;
  name: string;
  email: string;
}

const WORD = /[\p{L}\p{N}]/u;
const BEFORE_MENTION = /[\p{L}\p{N}._@-]/u;
const TOKEN = /^[\p{L}\p{N}._-]+/u;

const normalise = (text: string) => text.normalize('NFC').toLocaleLowerCase('en').replace(/\s+/gu, ' ');
const endsAt = (text: string, index: number) => index >= text.length || !WORD.test(text[index]!);

/** The members a text mentions, each once, in the order of their first mention. */
export function mentionedMembers(text: string, members: readonly MentionableMember[]): string[] {
  if (!text.includes('@') || members.length === 0) return [];
  const body = normalise(text);
  const names = members
    .map((member) => ({ id: member.id, name: normalise(member.name.trim()) }))
    .filter((member) => member.name.length > 0)
    .sort((a, b) => b.name.length - a.name.length);
  const locals = new Map<string, string>();
  for (const member of members) locals.set(normalise(member.email.split('@')[0] ?? ''), member.id);
  const firsts = new Map<string, string | null>();
  for (const { id, name } of names) {
    const first = name.split(' ')[0]!;
    firsts.set(first, firsts.has(first) && firsts.get(first) !== id ? null : id);
  }

  const found: string[] = [];
  const add = (id: string) => { if (!found.includes(id)) found.push(id); };
  for (let at = body.indexOf('@'); at !== -1; at = body.indexOf('@', at + 1)) {
    if (at > 0 && BEFORE_MENTION.test(body[at - 1]!)) continue;
    const rest = body.slice(at + 1);
    const byName = names.find(({ name }) => rest.startsWith(name) && endsAt(rest, name.length));
    if (byName) { add(byName.id); continue; }
    const token = TOKEN.exec(rest)?.[0].replace(/[._-]+$/u, '');
    if (!token) continue;
    const id = locals.get(token) ?? firsts.get(token);
    if (id) add(id);
  }
  return found;
}
