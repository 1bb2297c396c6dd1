/**
 * Splits a plain-text email into what the writer wrote and the quoted history below it
 * (`> ` lines, an "On … wrote:" attribution, an Outlook "-----Original Message-----" block).
 * The timeline shows the first and folds the second; both are kept.
 */
export function splitQuoted(text: string): { visible: string; quoted: string } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = -1;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (/^-{2,}\s*(original message|forwarded message)\s*-{2,}/i.test(line.trim())) { cut = index; break; }
    if (/^(on\b.{0,200}\bwrote:|am\b.{0,200}\bschrieb\b.*:|le\b.{0,200}\ba écrit\s*:)\s*$/i.test(line.trim())) { cut = index; break; }
    // An attribution wrapped over two lines: "On Mon, … <a@b>" / "wrote:".
    if (/^on\b/i.test(line.trim()) && /^\S*\s*wrote:\s*$/i.test((lines[index + 1] ?? '').trim())) { cut = index; break; }
    if (/^>/.test(line)) {
      // A quote block that runs to the end (blank lines allowed) is history, not inline answers.
      const rest = lines.slice(index);
      if (rest.every((candidate) => candidate.trim() === '' || candidate.startsWith('>'))) { cut = index; break; }
    }
  }
  if (cut < 0) return { visible: text.trim(), quoted: '' };
  const visible = lines.slice(0, cut).join('\n').trim();
  const quoted = lines.slice(cut).join('\n').trim();
  // A message that is nothing but a quote (a forward) keeps its text visible.
  if (visible.length === 0) return { visible: text.trim(), quoted: '' };
  return { visible, quoted };
}
