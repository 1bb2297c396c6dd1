/** Longest text a suggestion searches with: the search keeps the rarest words of it anyway. */
export const SUGGESTION_QUERY_CHARS = 2_000;

/**
 * A ticket's question as search text: the subject first (it names the problem), then the
 * messages, quoted mail and signatures cut, whitespace collapsed, within the length a
 * search reads. The search treats it as words, never as websearch syntax.
 */
export function suggestionQuery(parts: readonly string[]): string {
  const text = parts.map(withoutQuotedMail).join(' ').replace(/["()]|(^|\s)-(?=\S)|\bor\b/gi, ' ').replace(/\s+/g, ' ').trim();
  return text.slice(0, SUGGESTION_QUERY_CHARS);
}

/** A message without the quoted mail (`> …` lines, "On … wrote:") and the signature after `-- `. */
function withoutQuotedMail(message: string): string {
  const kept: string[] = [];
  for (const line of message.split(/\r?\n/)) {
    if (line === '-- ' || /^On .+ wrote:$/.test(line.trim())) break;
    if (!line.startsWith('>')) kept.push(line);
  }
  return kept.join(' ');
}
