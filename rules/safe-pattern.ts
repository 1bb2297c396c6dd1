import safeRegex from 'safe-regex2';

const MAX_PATTERN = 500;
/** Text past this length is not searched: a pattern's cost is bounded by its input too. */
export const MAX_MATCHED_TEXT = 20_000;

export type PatternCheck = { ok: true; regex: RegExp } | { ok: false; reason: string };

const compiled = new Map<string, PatternCheck>();

/**
 * Compiles an admin's `matches` pattern, refusing what could backtrack catastrophically
 * (nested quantifiers, star height > 1) so one rule cannot stall every ticket of an org.
 * Matching is case-insensitive.
 */
export function checkPattern(pattern: string): PatternCheck {
  const cached = compiled.get(pattern);
  if (cached) return cached;
  const result = compile(pattern);
  if (compiled.size > 1000) compiled.clear();
  compiled.set(pattern, result);
  return result;
}

function compile(pattern: string): PatternCheck {
  if (pattern.length === 0) return { ok: false, reason: 'The pattern is empty.' };
  if (pattern.length > MAX_PATTERN) return { ok: false, reason: `Patterns are at most ${MAX_PATTERN} characters.` };
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, 'iu');
  } catch (error) {
    return { ok: false, reason: `Not a valid regular expression: ${(error as Error).message}` };
  }
  if (!safeRegex(regex, { limit: 25 })) return { ok: false, reason: 'This pattern can take exponential time (nested repetition); simplify it.' };
  return { ok: true, regex };
}
