import { getCurrentScope, onScopeDispose, watch } from 'vue';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { useLiveStore } from '../stores/live';

export interface LiveTiming {
  /** Quiet time after a burst's last event before `onChange` runs. */
  settleMs?: number;
  /** The longest `onChange` waits after a burst's first event, so a steady stream still shows. */
  maxWaitMs?: number;
}

/**
 * Calls `onChange` when events of `topics` arrive, for as long as the calling component lives.
 * A burst (a reply writes a timeline entry and a status change) is one call, `settleMs` after
 * its last event, or `maxWaitMs` after its first in a stream that never pauses: pages re-read
 * what changed instead of polling for it.
 */
export function useLiveTopics(topics: () => readonly string[], onChange: (events: LoggedEvent[]) => void, timing: LiveTiming = {}): void {
  const { settleMs = 150, maxWaitMs = 1_000 } = timing;
  const live = useLiveStore();
  let pending: LoggedEvent[] = [];
  let firstAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const events = pending;
    pending = [];
    onChange(events);
  };
  const onEvent = (event: LoggedEvent) => {
    const now = Date.now();
    if (pending.length === 0) firstAt = now;
    pending.push(event);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, Math.max(0, Math.min(settleMs, firstAt + maxWaitMs - now)));
  };

  let release: (() => void) | null = null;
  watch(topics, (wanted) => {
    release?.();
    release = wanted.length > 0 ? live.listen(wanted, onEvent) : null;
  }, { immediate: true, deep: true });
  if (getCurrentScope()) {
    onScopeDispose(() => {
      release?.();
      if (timer) clearTimeout(timer);
    });
  }
}
