import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runAiCommand } from '../../bin/lib/ai-eval';

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(path.join(os.tmpdir(), 'keel-ai-eval-'));

function csv(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `keel ai eval …` as a user runs it; resolves with stdout, stderr and the exit code. */
async function keel(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bin/keel.ts'), 'ai', 'eval', ...args], { cwd: ROOT });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

// Quoted fields with commas and line breaks, CRLF line ends and a BOM, as exported files have.
const HEADER = '\uFEFFticket_id,subject,body,queue,priority,type\r\n';
const ROWS = [
  ['Invoice wrong', 'I was charged twice, please refund', 'Billing', 'high', 'Problem'],
  ['Refund', '"Where is my refund?\r\nIt has been weeks"', 'Billing', 'low', 'Request'],
  ['Card billed', 'The card was billed the wrong amount', 'Billing', 'medium', 'Problem'],
  ['Cannot log in', 'My password is rejected', 'Accounts', 'high', 'Incident'],
  ['Locked out', 'Locked out of my account after a reset', 'Accounts', 'medium', 'Incident'],
  ['Login fails', '"Sign in says ""wrong password"""', 'Accounts', 'low', 'Problem'],
];
const rows = (list: string[][]) => list.map((r, i) => [`t-${i}`, ...r].join(',')).join('\r\n') + '\r\n';

describe('keel ai eval', () => {
  it('prints the contract JSON: one result per label column for Keel and the baseline', async () => {
    const train = csv('train.csv', HEADER + rows(ROWS));
    const test = csv('test.csv', HEADER + rows([['Charged twice', 'double charge on my invoice', 'Billing', 'high', 'Problem'], ['Password', 'cannot sign in', 'Accounts', 'low', 'Incident']]));
    const { stdout, code, stderr } = await keel('--task', 'helpdesk', '--train', train, '--test', test, '--json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['task', 'n_train', 'n_test', 'results', 'baseline']);
    expect(report).toMatchObject({ task: 'helpdesk', n_train: 6, n_test: 2 });
    for (const label of ['queue', 'priority', 'type']) {
      expect(Object.keys(report.results[label]).sort()).toEqual(['accuracy', 'coverage', 'macro_f1']);
      expect(Object.keys(report.baseline[label]).sort()).toEqual(['accuracy', 'macro_f1']);
      for (const value of [...Object.values(report.results[label]), ...Object.values(report.baseline[label])]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
    }
  });

  // The errors in-process (a spawn costs the server's whole import graph); bin/keel.ts prints
  // a thrown error's message alone, which the spawn above shows reaches the user.
  it('names the missing columns', () => {
    const train = csv('intent-bad.csv', 'text,label\nhello,greet\n');
    expect(() => runAiCommand(['eval', '--task', 'intent', '--train', train, '--test', train])).toThrow("needs column(s) 'utterance', 'intent'");
  });

  it('says which file does not exist, refuses an unknown task and a broken CSV', () => {
    const missing = path.join(dir, 'nope.csv');
    expect(() => runAiCommand(['eval', '--task', 'intent', '--train', missing, '--test', missing])).toThrow('nope.csv: no such file');
    expect(() => runAiCommand(['eval', '--task', 'weather', '--train', 'a', '--test', 'b'])).toThrow("unknown task 'weather'");
    const broken = csv('broken.csv', 'utterance,intent\n"open,greet\n');
    expect(() => runAiCommand(['eval', '--task', 'intent', '--train', broken, '--test', broken])).toThrow('broken.csv: unterminated quoted field');
    expect(() => runAiCommand(['eval', '--task', 'intent'])).toThrow('--task, --train and --test are required');
  });
});
