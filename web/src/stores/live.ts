import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { LoggedEvent } from '../../../domain/realtime/event';
import type { ClientMessage, ControlMessage } from '../../../domain/realtime/messages';
import { covers, notificationsTopic } from '../../../domain/realtime/topics';
import { socketToken } from '../api/client';
import { eventStreamUrl, openEventStream, type EventStream, type SocketFactory, type StreamStatus } from '../realtime/event-stream';

type EventHandler = (event: LoggedEvent) => void;
type ControlHandler = (message: ControlMessage) => void;

interface Interest {
  topics: readonly string[];
  onEvent: EventHandler;
}

/**
 * The console's one WebSocket: every page that wants live events registers its topics here
 * (`listen`), and the store keeps a single subscription to their union plus the member's own
 * notifications. The stream reconnects with backoff and resumes after the last `seq` it saw,
 * and a page's new topics are replayed from there too, so an event committed between a page's
 * fetch and its subscription still reaches it.
 */
export const useLiveStore = defineStore('live', () => {
  const status = ref<StreamStatus>('closed');
  const interests = new Set<Interest>();
  const controlHandlers = new Set<ControlHandler>();
  let stream: EventStream | null = null;
  let userId: string | null = null;
  /** Tests and other hosts pass their own socket factory and URL. */
  let connection: { url?: string; socket?: SocketFactory } = {};

  const topics = (): string[] => {
    const wanted = new Set<string>(userId ? [notificationsTopic(userId)] : []);
    for (const interest of interests) for (const topic of interest.topics) wanted.add(topic);
    return [...wanted].sort();
  };

  function deliver(event: LoggedEvent): void {
    for (const interest of [...interests]) if (interest.topics.some((topic) => covers(topic, event.topic))) interest.onEvent(event);
  }

  /** Opens the socket for a signed-in member (again after a sign-in as someone else). */
  function start(member: string, options: { url?: string; socket?: SocketFactory } = {}): void {
    if (stream && userId === member) return;
    stop();
    userId = member;
    connection = options;
    stream = openEventStream({
      url: connection.url ?? eventStreamUrl(globalThis.location),
      token: socketToken,
      topics: topics(),
      onEvent: deliver,
      onStatus: (value) => { status.value = value; },
      onControl: (message) => { for (const handler of [...controlHandlers]) handler(message); },
      ...(connection.socket && { socket: connection.socket }),
    });
  }

  function stop(): void {
    stream?.close();
    stream = null;
    userId = null;
  }

  /** Events of `topics` go to `onEvent` until the returned function is called. */
  function listen(wanted: readonly string[], onEvent: EventHandler): () => void {
    const interest: Interest = { topics: [...wanted], onEvent };
    interests.add(interest);
    stream?.setTopics(topics());
    return () => {
      interests.delete(interest);
      stream?.setTopics(topics());
    };
  }

  /** Ephemeral messages from the server (presence) go to `handler` until the returned function is called. */
  function onControl(handler: ControlHandler): () => void {
    controlHandlers.add(handler);
    return () => controlHandlers.delete(handler);
  }

  /** Sends an ephemeral message (presence); dropped while the socket is not open. */
  const send = (message: ClientMessage): void => stream?.send(message);

  return { status, start, stop, listen, onControl, send };
});
