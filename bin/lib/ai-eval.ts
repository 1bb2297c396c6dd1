/**
 * `keel ai eval --task intent|helpdesk|sentiment --train FILE --test FILE [--json]`: trains Keel's
 * classifier and the baseline on the training file and scores both on the test file (CSV in
 * the formats of the ticket samples; see domain/ai/tasks.ts for the columns each task reads).
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CsvError, DEFAULT_THRESHOLD, TASKS, TASK_NAMES, evaluateTask, isTaskName, missingColumns, parseCsvRecords, type EvalReport, type Task } from '../../domain/ai';

export const AI_USAGE = `  ai eval --task ${TASK_NAMES.join('|')} --train FILE --test FILE [--json] [--seed N] [--threshold P]
                   train Keel's text classifier and the baseline on one CSV file, score
                   both on the other (accuracy, macro-F1, coverage at the threshold)`;

export function runAiCommand(args: readonly string[]): void {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'eval') throw new Error(`usage:\n${AI_USAGE}`);
  const { values } = parseArgs({
    args: rest,
    options: {
      task: { type: 'string' },
      train: { type: 'string' },
      test: { type: 'string' },
      json: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
      threshold: { type: 'string', default: String(DEFAULT_THRESHOLD) },
    },
  });
  if (!values.task || !values.train || !values.test) throw new Error(`--task, --train and --test are required\nusage:\n${AI_USAGE}`);
  if (!isTaskName(values.task)) throw new Error(`unknown task '${values.task}' (one of ${TASK_NAMES.join(', ')})`);
  const seed = Number(values.seed);
  const threshold = Number(values.threshold);
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!(threshold >= 0 && threshold <= 1)) throw new Error('--threshold must be a number from 0 to 1');
  const task = TASKS[values.task];
  const { report } = evaluateTask(task, readRows(task, values.train), readRows(task, values.test), { seed, threshold });
  console.log(values.json ? JSON.stringify(report) : formatReport(report));
}

function readRows(task: Task, file: string): Record<string, string>[] {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  let parsed: ReturnType<typeof parseCsvRecords>;
  try {
    parsed = parseCsvRecords(readFileSync(file, 'utf8'));
  } catch (error) {
    if (error instanceof CsvError) throw new Error(`${file}: ${error.message}`);
    throw error;
  }
  const missing = missingColumns(task, parsed.columns);
  if (missing.length > 0) {
    throw new Error(`${file}: task ${task.name} needs column(s) ${missing.map((c) => `'${c}'`).join(', ')}; the header has ${parsed.columns.map((c) => `'${c}'`).join(', ')}`);
  }
  if (parsed.rows.length === 0) throw new Error(`${file}: no rows after the header`);
  return parsed.rows;
}

function formatReport(report: EvalReport): string {
  const f = (x: number) => x.toFixed(3);
  const lines = [`task ${report.task}: ${report.n_train} training rows, ${report.n_test} test rows`, 'label                 keel acc  keel F1  coverage  base acc  base F1'];
  for (const [label, r] of Object.entries(report.results)) {
    const b = report.baseline[label]!;
    lines.push(`${label.padEnd(20)}  ${f(r.accuracy).padStart(8)}  ${f(r.macro_f1).padStart(7)}  ${f(r.coverage).padStart(8)}  ${f(b.accuracy).padStart(8)}  ${f(b.macro_f1).padStart(7)}`);
  }
  return lines.join('\n');
}
