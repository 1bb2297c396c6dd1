/**
 * Unicode-aware word tokens: letters with their combining marks and digits (any script),
 * an apostrophe inside a word kept ("don't"), emoji and ! ? as tokens of their own since
 * they carry tone. Text is NFKC-normalised and lower-cased; HTML tags (ticket bodies carry
 * `<br>`) are dropped; every digit becomes 0, so order numbers share one shape.
 */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}]+)*|\p{Extended_Pictographic}|[!?]/gu;
const TAG = /<\/?[a-z][^<>]{0,200}>/gi;
const DIGIT = /\p{Nd}/gu;

export function normaliseText(text: string): string {
  return text.replace(TAG, ' ').normalize('NFKC').toLowerCase();
}

export function wordTokens(text: string): string[] {
  return (normaliseText(text).match(TOKEN) ?? []).map((token) => token.replace(DIGIT, '0').replace('’', "'"));
}

/** The plain tokens of the baseline: runs of letters and digits, lower-cased. */
export function plainTokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}
