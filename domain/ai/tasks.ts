/**
 * The evaluation tasks and the columns they read (the formats of the ticket samples): the text
 * is the named columns joined by a line break, each label column is predicted by a model of
 * its own.
 */
export interface Task {
  readonly name: TaskName;
  readonly textColumns: readonly string[];
  readonly labelColumns: readonly string[];
}

export const TASK_NAMES = ['intent', 'helpdesk', 'sentiment'] as const;
export type TaskName = (typeof TASK_NAMES)[number];

export const TASKS: Readonly<Record<TaskName, Task>> = {
  intent: { name: 'intent', textColumns: ['utterance'], labelColumns: ['intent'] },
  helpdesk: { name: 'helpdesk', textColumns: ['subject', 'body'], labelColumns: ['queue', 'priority', 'type'] },
  sentiment: { name: 'sentiment', textColumns: ['text'], labelColumns: ['airline_sentiment'] },
};

export function isTaskName(name: string): name is TaskName {
  return (TASK_NAMES as readonly string[]).includes(name);
}

/** The columns a file must have for the task; the missing ones, in order. */
export function missingColumns(task: Task, columns: readonly string[]): string[] {
  return [...task.textColumns, ...task.labelColumns].filter((name) => !columns.includes(name));
}

export function taskText(task: Task, row: Readonly<Record<string, string>>): string {
  return task.textColumns.map((name) => row[name] ?? '').filter((part) => part.trim() !== '').join('\n');
}
