import { ref } from 'vue';
import { http, ok, type ApiError } from '../api/client';
import type { Page, SlaClock, Ticket, TimelineEvent, LoggedCall } from '../api/types';

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
      const [loaded, events, slaClocks] = await Promise.all([fetchTicket(), loadTimeline(), fetchClocks()]);
      ticket.value = loaded;
      timeline.value = events;
      clocks.value = slaClocks;
    } catch (e) {
      error.value = e as Error;
    } finally {
      loading.value = false;
    }
  }

  const path = () => ({ path: { number: number() } });
  const fetchTicket = () => ok(http.GET('/api/v1/tickets/{number}', { params: path() }));
  // The generator reads the clock's component as nullable (a ticket's `sla` may be null); the list holds clocks only.
  const fetchClocks = async () => (await ok(http.GET('/api/v1/tickets/{number}/sla', { params: path() }))).data.filter((clock) => clock !== null);

  /**
   * Clocks, the events they add (warnings, breaches) and what automation rules do change
   * without the agent doing anything, a moment after a command: the page refreshes them on
   * its own.
   */
  async function refreshLive(): Promise<void> {
    if (!ticket.value) return;
    const [current, slaClocks, events] = await Promise.all([fetchTicket(), fetchClocks(), loadTimeline()]);
    ticket.value = current;
    clocks.value = slaClocks;
    timeline.value = events;
  }

  async function loadTimeline(): Promise<TimelineEvent[]> {
    const events: TimelineEvent[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<unknown> = await ok(http.GET('/api/v1/tickets/{number}/timeline', { params: { ...path(), query: { limit: 200, ...(cursor && { cursor }) } } }));
      // The API documents an event's data loosely; its type says which shape it has.
      events.push(...(page.data as TimelineEvent[]));
      cursor = page.nextCursor;
    } while (cursor);
    return events;
  }

  /** Sends a command; on success the ticket and timeline show the server's truth. */
  async function command(send: () => Promise<Ticket>): Promise<void> {
    busy.value = true;
    try {
      ticket.value = await send();
      timeline.value = await loadTimeline();
    } finally {
      busy.value = false;
    }
  }

  /** A macro applied by the server: the ticket its commands left, and its reply for the composer. */
  async function applyMacro(apply: () => Promise<{ ticket: Ticket; reply: { body: string; visibility: 'public' | 'internal' } }>) {
    let reply: { body: string; visibility: 'public' | 'internal' } = { body: '', visibility: 'public' };
    await command(async () => {
      const applied = await apply();
      reply = applied.reply;
      return applied.ticket;
    });
    return reply;
  }

  return {
    ticket, timeline, clocks, loading, error, busy, load, refreshLive, applyMacro,
    /** `basedOnVersion`: the ticket's version the reply was written against (a 409 `reply-conflict` if others wrote since). */
    /** `attachmentIds`: files uploaded to the ticket for this reply (see useReplyAttachments). */
    reply: (body: string, visibility: 'public' | 'internal', basedOnVersion?: number, attachmentIds: string[] = []) =>
      command(() => ok(http.POST('/api/v1/tickets/{number}/replies', {
        params: path(), body: { body, visibility, ...(basedOnVersion !== undefined && { basedOnVersion }), ...(attachmentIds.length > 0 && { attachmentIds }) },
      }))),
    assign: (assigneeId: string | null) => command(() => ok(http.POST('/api/v1/tickets/{number}/assign', { params: path(), body: { assigneeId } }))),
    logCall: (call: LoggedCall) => command(() => ok(http.POST('/api/v1/tickets/{number}/calls', { params: path(), body: call }))),
    setSubject: (subject: string) => command(() => ok(http.POST('/api/v1/tickets/{number}/subject', { params: path(), body: { subject } }))),
    setStatus: (status: Ticket['status']) => command(() => ok(http.POST('/api/v1/tickets/{number}/status', { params: path(), body: { status } }))),
    // The priority select answers a string; the API refuses one it does not know.
    patch: (changes: { priority?: string; tags?: string[]; fields?: Ticket['fields'] }) =>
      command(() => ok(http.PATCH('/api/v1/tickets/{number}', { params: path(), body: changes as { priority?: Ticket['priority']; tags?: string[]; fields?: Ticket['fields'] } }))),
  };
}
