/** Mirrors domain/ticket/status.ts on the server: the console offers only valid moves. */
export const STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

const NEXT: Record<Status, readonly Status[]> = {
  new: ['open', 'pending', 'on_hold', 'solved'],
  open: ['pending', 'on_hold', 'solved'],
  pending: ['open', 'on_hold', 'solved'],
  on_hold: ['open', 'pending', 'solved'],
  solved: ['open', 'closed'],
  closed: [],
};

export const nextStatuses = (status: Status): readonly Status[] => NEXT[status];

export const STATUS_LABELS: Record<Status, string> = {
  new: 'New', open: 'Open', pending: 'Pending', on_hold: 'On hold', solved: 'Solved', closed: 'Closed',
};

export const STATUS_TAG_TYPES: Record<Status, 'info' | 'error' | 'warning' | 'default' | 'success'> = {
  new: 'warning', open: 'error', pending: 'info', on_hold: 'default', solved: 'success', closed: 'default',
};
