import { computed, getCurrentScope, onScopeDispose, ref, watch } from 'vue';
import { PRESENCE_TTL_MS, TYPING_TTL_MS, type PresentMember } from '../../../domain/realtime/messages';
import { useLiveStore } from '../stores/live';
import { useSessionStore } from '../stores/session';

/**
 * Who else is on this ticket, and whether they are typing (ephemeral, through the gateway):
 * announces this console as viewing while the ticket is open, renews the announcement before
 * it expires and after a reconnect, and says `typing` (at most every TYPING_TTL_MS / 2) while
 * the agent writes.
 */
export function usePresence(number: () => number) {
  const live = useLiveStore();
  const session = useSessionStore();
  const members = ref<PresentMember[]>([]);
  const others = computed(() => members.value.filter((member) => member.userId !== session.user?.id));
  let lastTyping = 0;

  const announce = (activity: 'viewing' | 'typing' | 'left', ticket = number()) => live.send({ type: 'presence', ticket, activity });
  const stopListening = live.onControl((message) => {
    if (message.type === 'presence' && message.ticket === number()) members.value = message.members;
  });
  watch(number, (ticket, previous) => {
    if (previous !== undefined) announce('left', previous);
    members.value = [];
    announce('viewing', ticket);
  }, { immediate: true });
  // A new socket knows nothing of this console: announce again once it is live.
  watch(() => live.status, (status) => { if (status === 'live') announce('viewing'); });
  const renew = setInterval(() => announce('viewing'), PRESENCE_TTL_MS / 3);

  function typing(): void {
    const now = Date.now();
    if (now - lastTyping < TYPING_TTL_MS / 2) return;
    lastTyping = now;
    announce('typing');
  }

  if (getCurrentScope()) {
    onScopeDispose(() => {
      clearInterval(renew);
      stopListening();
      announce('left');
    });
  }
  return { others, typing };
}
