import { ref } from 'vue';
import type { ApiError} from '../api/client';
import { api } from '../api/client';
import type { Page, SlaClock, Ticket, TimelineEvent } from '../api/types';

/** One ticket and its timeline, with the commands an agent can send. */
export function useTicket(number: () => number) {
  const ticket = ref<Ticket | null>(null);
  const timeline = ref<TimelineEvent[]>([]);
  const clocks = ref<SlaClock[]>([]);
  const loading = ref(true);
  const error = ref<ApiError | Error | null>(null);
  const busy = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [loaded, events, slaClocks] = await Promise.all([api<Ticket>('GET', `/tickets/${number()}`), loadTimeline(), fetchClocks()]);
      ticket.value = loaded;
      timeline.value = events;
      clocks.value = slaClocks;
    } catch (e) {
      error.value = e as Error;
    } finally {
      loading.value = false;
    }
  }

  const fetchClocks = async () => (await api<{ data: SlaClock[] }>('GET', `/tickets/${number()}/sla`)).data;

  /**
   * Clocks, the events they add (warnings, breaches) and what automation rules do change
   * without the agent doing anything, a moment after a command: the page refreshes them on
   * its own.
   */
  async function refreshLive(): Promise<void> {
    if (!ticket.value) return;
    const [current, slaClocks, events] = await Promise.all([api<Ticket>('GET', `/tickets/${number()}`), fetchClocks(), loadTimeline()]);
    ticket.value = current;
    clocks.value = slaClocks;
    timeline.value = events;
  }

  async function loadTimeline(): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<TimelineEvent> = await api<Page<TimelineEvent>>('GET', `/tickets/${number()}/timeline?limit=200${cursor ? `&cursor=${cursor}` : ''}`);
      events.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return events;
  }

  /** Sends a command; on success the ticket and timeline show the server's truth. */
  async function command(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<void> {
    busy.value = true;
    try {
      ticket.value = await api<Ticket>(method, `/tickets/${number()}${path}`, body);
      timeline.value = await loadTimeline();
    } finally {
      busy.value = false;
    }
  }

  return {
    ticket, timeline, clocks, loading, error, busy, load, refreshLive,
    reply: (body: string, visibility: 'public' | 'internal') => command('POST', '/replies', { body, visibility }),
    assign: (assigneeId: string | null) => command('POST', '/assign', { assigneeId }),
    setStatus: (status: string) => command('POST', '/status', { status }),
    patch: (changes: { priority?: string; tags?: string[] }) => command('PATCH', '', changes),
  };
}
