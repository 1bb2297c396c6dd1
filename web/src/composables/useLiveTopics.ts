import { getCurrentScope, onScopeDispose, watch } from 'vue';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { useLiveStore } from '../stores/live';

/**
 * Calls `onChange` when events of `topics` arrive, for as long as the calling component lives.
 * A burst (a reply writes a timeline entry and a status change) is one call, `settleMs` after
 * its last event: pages re-read what changed instead of polling for it.
 */
export function useLiveTopics(topics: () => readonly string[], onChange: (events: LoggedEvent[]) => void, settleMs = 150): void {
  const live = useLiveStore();
  let pending: LoggedEvent[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const flush = () => {
    timer = null;
    const events = pending;
    pending = [];
    onChange(events);
  };
  const onEvent = (event: LoggedEvent) => {
    pending.push(event);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, settleMs);
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
