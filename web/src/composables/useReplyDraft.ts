import { ref } from 'vue';
import { ApiError } from '../api/problem';
import type { components } from '../api/schema';

/** What a refused reply missed: the ticket's version now and the messages written since. */
export interface ReplyConflict {
  currentVersion: number;
  changes: components['schemas']['TimelineEvent'][];
}

/**
 * The version a reply is written against: the ticket's version when the agent started writing
 * it (not when they send it, so a message arriving while they type is one they have not read).
 * A 409 `reply-conflict` keeps the draft and shows what changed; sending again after reading
 * it is based on the version the conflict named.
 */
export function useReplyDraft(currentVersion: () => number | undefined) {
  const basedOn = ref<number | null>(null);
  const conflict = ref<ReplyConflict | null>(null);

  /** The agent typed: the first keystroke of a draft fixes the version it is written against. */
  function started(): void {
    if (basedOn.value === null) basedOn.value = currentVersion() ?? null;
  }

  /** Sends with the draft's version; a conflict is kept for the composer, anything else rethrown. */
  async function send(reply: (basedOnVersion: number | undefined) => Promise<void>): Promise<boolean> {
    started();
    try {
      await reply(basedOn.value ?? undefined);
    } catch (error) {
      if (!(error instanceof ApiError && error.kind === 'reply-conflict')) throw error;
      const problem = error.problem as unknown as Partial<ReplyConflict>;
      conflict.value = { currentVersion: problem.currentVersion ?? currentVersion() ?? 0, changes: problem.changes ?? [] };
      return false;
    }
    basedOn.value = null;
    conflict.value = null;
    return true;
  }

  /** The agent has read what changed: the next send is based on the version the conflict named. */
  function reviewed(): void {
    if (conflict.value) basedOn.value = conflict.value.currentVersion;
    conflict.value = null;
  }

  return { conflict, started, send, reviewed };
}
