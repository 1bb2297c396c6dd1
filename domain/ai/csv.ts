/**
 * RFC 4180 CSV: fields separated by commas, records by CRLF or LF; a field in double quotes
 * may hold commas, quotes (doubled) and line breaks. A leading byte-order mark is dropped.
 * No CSV package is installed, and the format is small enough to read in one pass.
 */
export class CsvError extends Error {}

export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => { record.push(field); field = ''; };
  const endRecord = () => { endField(); records.push(record); record = []; };
  while (i < src.length) {
    const ch = src[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (src[i + 1] === '"') { field += '"'; i++; }
      else quoted = false;
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') endRecord();
    else if (ch === '\r' && src[i + 1] === '\n') { endRecord(); i++; }
    else field += ch;
    i++;
  }
  if (quoted) throw new CsvError('unterminated quoted field at the end of the file');
  // A final line break ends the last record; it does not start an empty one.
  if (field !== '' || record.length > 0) endRecord();
  return records;
}

/** Records keyed by the header row's names; short rows read as empty fields. */
export function parseCsvRecords(text: string): { columns: string[]; rows: Record<string, string>[] } {
  const [header, ...body] = parseCsv(text);
  if (!header) throw new CsvError('the file is empty (no header row)');
  const columns = header.map((name) => name.trim());
  const rows = body
    .filter((cells) => !(cells.length === 1 && cells[0] === ''))
    .map((cells) => Object.fromEntries(columns.map((name, i) => [name, cells[i] ?? ''])));
  return { columns, rows };
}
