/**
 * `npm run bench:ai [-- DIR] [--seed N] [--repeats R] [--json]`
 *
 * `keel ai eval` on the ticket samples in DIR (default ../shared/data/tickets, read in place:
 * the helpdesk and tweet samples are non-commercial and are never copied into the
 * repository): per task an 80/20 split with a fixed seed, Keel against the baseline
 * (accuracy, macro-F1, Keel's coverage at its threshold), the time to train and the time to
 * predict one ticket. The samples are small (tens of test rows), so `--repeats R` also
 * reports the mean over R seeds (seed, seed + 1, …) next to the fixed split.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { TASKS, TASK_NAMES, evaluateTask, missingColumns, parseCsvRecords, trainTestSplit, type EvalReport, type LabelTiming, type TaskName } from '../domain/ai';

const SAMPLE_FILES: Readonly<Record<TaskName, string>> = {
  intent: 'bitext_intent_sample.csv',
  helpdesk: 'helpdesk_tickets_sample.csv',
  sentiment: 'airline_sentiment_sample.csv',
};

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { seed: { type: 'string', default: '20250104' }, repeats: { type: 'string', default: '10' }, json: { type: 'boolean', default: false } },
});
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = path.resolve(PROJECT_ROOT, positionals[0] ?? '../shared/data/tickets');
const SEED = Number(values.seed);
const REPEATS = Number(values.repeats);

interface TaskRun {
  readonly split: EvalReport;
  readonly timings: Record<string, LabelTiming>;
  /** Mean accuracy / macro-F1 / coverage over the repeated splits, Keel and baseline. */
  readonly repeated: Record<string, { keel: Mean; baseline: Mean }>;
}
interface Mean { accuracy: number; macro_f1: number; coverage?: number }

function runTask(name: TaskName): TaskRun {
  const file = path.join(DIR, SAMPLE_FILES[name]);
  if (!existsSync(file)) throw new Error(`${file} not found (give the samples' folder: npm run bench:ai -- DIR)`);
  const { columns, rows } = parseCsvRecords(readFileSync(file, 'utf8'));
  const missing = missingColumns(TASKS[name], columns);
  if (missing.length > 0) throw new Error(`${file}: missing column(s) ${missing.join(', ')}`);
  const evaluate = (seed: number, clock?: () => number) => {
    const { train, test } = trainTestSplit(rows.length, 0.2, seed);
    return evaluateTask(TASKS[name], train.map((i) => rows[i]!), test.map((i) => rows[i]!), { seed, ...(clock && { clock }) });
  };
  const { report: split, timings } = evaluate(SEED, () => performance.now());
  const runs = Array.from({ length: REPEATS }, (_, r) => evaluate(SEED + r).report);
  const repeated = Object.fromEntries(TASKS[name].labelColumns.map((label) => [label, {
    keel: mean(runs.map((run) => run.results[label]!)),
    baseline: mean(runs.map((run) => run.baseline[label]!)),
  }]));
  return { split, timings, repeated };
}

function mean(scores: readonly Mean[]): Mean {
  const avg = (pick: (m: Mean) => number | undefined) => scores.reduce((sum, m) => sum + (pick(m) ?? 0), 0) / Math.max(1, scores.length);
  const out: Mean = { accuracy: avg((m) => m.accuracy), macro_f1: avg((m) => m.macro_f1) };
  if (scores[0]?.coverage !== undefined) out.coverage = avg((m) => m.coverage);
  return out;
}

function printTable(runs: Record<string, TaskRun>): void {
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(3));
  console.log(`bench:ai — ${DIR}, split seed ${SEED}, ${REPEATS} repeated splits\n`);
  console.log('| task | label | n train/test | Keel acc | Keel F1 | coverage | base acc | base F1 | mean of splits: Keel acc / F1 vs base acc / F1 | train ms | predict ms/ticket |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [task, run] of Object.entries(runs)) {
    for (const [label, r] of Object.entries(run.split.results)) {
      const b = run.split.baseline[label]!;
      const m = run.repeated[label]!;
      const t = run.timings[label]!;
      console.log(`| ${task} | ${label} | ${run.split.n_train}/${run.split.n_test} | ${f(r.accuracy)} | ${f(r.macro_f1)} | ${f(r.coverage)} | ${f(b.accuracy)} | ${f(b.macro_f1)} | ${f(m.keel.accuracy)} / ${f(m.keel.macro_f1)} vs ${f(m.baseline.accuracy)} / ${f(m.baseline.macro_f1)} | ${t.trainMs.toFixed(0)} | ${t.predictMsPerTicket.toFixed(2)} |`);
    }
  }
}

function main(): void {
  if (!Number.isInteger(SEED) || !(REPEATS >= 1)) throw new Error('--seed must be an integer and --repeats at least 1');
  const runs = Object.fromEntries(TASK_NAMES.map((name) => [name, runTask(name)]));
  const machine = { cores: os.cpus().length, node: process.version, loadAverage: os.loadavg() };
  if (values.json) console.log(JSON.stringify({ machine, data: DIR, seed: SEED, repeats: REPEATS, tasks: runs }, null, 2));
  else printTable(runs);
}

try {
  main();
} catch (error) {
  console.error(`bench:ai: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
