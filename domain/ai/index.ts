export { parseCsv, parseCsvRecords, CsvError } from './csv';
export { accuracy, macroF1, coverage } from './metrics';
export { trainTextClassifier, TextClassifier, type Prediction, type Recipe, type TextClassifierJson } from './text-classifier';
export { KEEL_RECIPE, KEEL_RECIPES, BASELINE_RECIPE, DEFAULT_THRESHOLD } from './recipes';
export { TASKS, TASK_NAMES, isTaskName, missingColumns, type Task, type TaskName } from './tasks';
export { evaluateTask, type EvalReport, type LabelTiming } from './evaluate';
export { trainTestSplit } from './split';
