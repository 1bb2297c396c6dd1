import { describe, expect, it } from 'vitest';
import { CsvError, parseCsv, parseCsvRecords } from './csv';

describe('parseCsv (RFC 4180)', () => {
  it('splits fields and records', () => {
    expect(parseCsv('a,b,c\n1,2,3\n')).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields', () => {
    expect(parseCsv('id,text\n1,"hello, ""world""\nsecond line"\n')).toEqual([['id', 'text'], ['1', 'hello, "world"\nsecond line']]);
  });

  it('reads CRLF line ends, and keeps a CRLF inside quotes as it is', () => {
    expect(parseCsv('a,b\r\n"x\r\ny",z\r\n')).toEqual([['a', 'b'], ['x\r\ny', 'z']]);
  });

  it('drops a leading byte-order mark', () => {
    expect(parseCsv('\uFEFFutterance,intent\nhi,greet')[0]).toEqual(['utterance', 'intent']);
  });

  it('reads a last record without a line break, and empty fields', () => {
    expect(parseCsv('a,b\n,\n1,')).toEqual([['a', 'b'], ['', ''], ['1', '']]);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    expect(parseCsv('a\nsay "hi"\n')).toEqual([['a'], ['say "hi"']]);
  });

  it('refuses an unterminated quoted field', () => {
    expect(() => parseCsv('a\n"open\n')).toThrow(CsvError);
  });
});

describe('parseCsvRecords', () => {
  it('keys rows by the header, short rows read as empty, blank lines skipped', () => {
    const { columns, rows } = parseCsvRecords('text, label \nhello,greet\n\nbye\n');
    expect(columns).toEqual(['text', 'label']);
    expect(rows).toEqual([{ text: 'hello', label: 'greet' }, { text: 'bye', label: '' }]);
  });

  it('refuses an empty file', () => {
    expect(() => parseCsvRecords('')).toThrow(CsvError);
  });
});
