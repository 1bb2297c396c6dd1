import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LoggedEvent } from '../../../domain/realtime/event';
import { notificationsTopic } from '../../../domain/realtime/topics';
import { http, ok } from '../api/client';
import type { AppNotification, NotificationPreferences } from '../api/types';
import { useLiveStore } from './live';

/**
 * The signed-in member's notification centre: the unread count the header's bell shows and the
 * latest notifications, kept live by the console's one WebSocket (the member's
 * `notifications:{userId}` topic), never by polling. A new notification counts at once; each
 * event, and each reconnect, also re-reads the count, so a console that missed nothing and one
 * that did agree with the server.
 */
export const useNotificationsStore = defineStore('notifications', () => {
  const unread = ref(0);
  const items = ref<AppNotification[]>([]);
  const nextCursor = ref<string | null>(null);
  const loaded = ref(false);
  const live = useLiveStore();
  let release: (() => void) | null = null;
  let countRead: Promise<void> | null = null;
  let readAgain = false;

  /**
   * Reads the unread count. Asked again while a read is on its way (an event came meanwhile),
   * it reads once more after it, and only the last answer is kept: an answer that may predate
   * the event never overwrites what the event counted.
   */
  function loadCount(): Promise<void> {
    if (countRead) {
      readAgain = true;
      return countRead;
    }
    countRead = (async () => {
      do {
        readAgain = false;
        const answer = await ok(http.GET('/api/v1/notifications/unread-count'));
        if (!readAgain) unread.value = answer.count;
      } while (readAgain);
    })().finally(() => { countRead = null; });
    return countRead;
  }

  async function load(): Promise<void> {
    const page = await ok(http.GET('/api/v1/notifications', { params: { query: { limit: 20 } } }));
    items.value = page.data;
    nextCursor.value = page.nextCursor;
    loaded.value = true;
  }

  async function loadMore(): Promise<void> {
    if (!nextCursor.value) return;
    const page = await ok(http.GET('/api/v1/notifications', { params: { query: { limit: 20, cursor: nextCursor.value } } }));
    items.value = [...items.value, ...page.data.filter((n) => !items.value.some((m) => m.id === n.id))];
    nextCursor.value = page.nextCursor;
  }

  function onEvent(event: LoggedEvent): void {
    if (event.type === 'notification.created' && event.data.channel === 'in_app') {
      const data = event.data as { id: string; kind: AppNotification['kind']; message: string; ticketNumber: number | null; createdAt?: string };
      if (!items.value.some((n) => n.id === data.id)) {
        unread.value += 1;
        items.value = [{ id: data.id, kind: data.kind, message: data.message, ticketNumber: data.ticketNumber, actorId: null, readAt: null, createdAt: data.createdAt ?? event.at }, ...items.value];
      }
    } else if (event.type === 'notification.read') {
      const ids = Array.isArray(event.data.ids) ? (event.data.ids as string[]) : null;
      const at = event.at;
      items.value = items.value.map((n) => (n.readAt === null && (ids === null || ids.includes(n.id)) ? { ...n, readAt: at } : n));
    } else {
      return;
    }
    void loadCount();
  }

  /** Follows a member's notifications from now (the header calls it at sign-in). */
  function start(userId: string): void {
    stop();
    release = live.listen([notificationsTopic(userId)], onEvent);
    void loadCount();
  }

  function stop(): void {
    release?.();
    release = null;
    unread.value = 0;
    items.value = [];
    nextCursor.value = null;
    loaded.value = false;
  }

  async function markRead(id: string): Promise<void> {
    const wasUnread = items.value.some((n) => n.id === id && n.readAt === null);
    const read = await ok(http.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } }));
    items.value = items.value.map((n) => (n.id === id ? read : n));
    if (wasUnread) unread.value = Math.max(0, unread.value - 1);
  }

  async function markAllRead(): Promise<void> {
    await ok(http.POST('/api/v1/notifications/read-all'));
    const now = new Date().toISOString();
    items.value = items.value.map((n) => (n.readAt === null ? { ...n, readAt: now } : n));
    unread.value = 0;
  }

  const preferences = ref<NotificationPreferences>([]);
  async function loadPreferences(): Promise<void> {
    preferences.value = (await ok(http.GET('/api/v1/me/notification-preferences'))).data;
  }
  async function setPreference(kind: NotificationPreferences[number]['kind'], channel: 'in_app' | 'email', enabled: boolean): Promise<void> {
    preferences.value = (await ok(http.PUT('/api/v1/me/notification-preferences', { body: { data: [{ kind, channels: { [channel]: enabled } }] } }))).data;
  }

  return { unread, items, nextCursor, loaded, start, stop, load, loadMore, loadCount, markRead, markAllRead, preferences, loadPreferences, setPreference };
});
