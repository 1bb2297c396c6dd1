import type { LoggedEvent } from '../../../domain/realtime/event';
import { BEARER_PREFIX, CLOSE, PROTOCOL, type ClientMessage, type ControlMessage, type ServerMessage, type SubscribeMessage } from '../../../domain/realtime/messages';
import { reconnectDelay, type Backoff } from './backoff';

export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'closed';

/** The part of the browser's WebSocket the stream uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface EventStreamOptions {
  /** `wss://host/api/v1/ws` (see `eventStreamUrl`). */
  url: string;
  /** The current access token, asked before every connection (a refreshed one after expiry). */
  token: () => string | null | Promise<string | null>;
  topics: string[];
  /** Start after this `seq` (the last one the page saw); absent: from now. */
  after?: number;
  onEvent: (event: LoggedEvent) => void;
  onStatus?: (status: StreamStatus) => void;
  /** A subscription the server refused (a topic this member may not read). */
  onRefused?: (detail: string) => void;
  /** Every other control message (presence, for instance): ephemeral, not part of the log. */
  onControl?: (message: ControlMessage) => void;
  backoff?: Partial<Backoff>;
  socket?: SocketFactory;
}

export interface EventStream {
  /** The newest `seq` handed to `onEvent` or confirmed by the server: where a reconnect resumes. */
  lastSeq(): number | null;
  /** Replaces the topics; the server replays nothing already seen. */
  setTopics(topics: string[]): void;
  /** Sends an ephemeral message (presence) on the open socket; dropped while it is not open. */
  send(message: ClientMessage): void;
  close(): void;
}

const OPEN = 1;

/** `ws(s)://{host}/api/v1/ws` for the page's own origin. */
export function eventStreamUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/ws`;
}

/**
 * A live subscription to the org's event log that survives dropped connections: it reconnects
 * with backoff and resumes after the last `seq` it saw, so `onEvent` gets every event once and
 * in order (an event at or below the last seq is dropped, should a replay overlap).
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const backoff: Backoff = { initialMs: 500, maxMs: 30_000, ...options.backoff };
  const factory: SocketFactory = options.socket ?? ((url, protocols) => new WebSocket(url, protocols) as unknown as SocketLike);
  let topics = [...options.topics];
  let last: number | null = options.after ?? null;
  let socket: SocketLike | null = null;
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const status = (value: StreamStatus) => options.onStatus?.(value);
  const subscribe = () => {
    const message: SubscribeMessage = { type: 'subscribe', topics, ...(last !== null && { after: last }) };
    if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
  };

  const receive = (data: unknown) => {
    const message = JSON.parse(String(data)) as ServerMessage;
    if ('seq' in message) {
      if (last !== null && message.seq <= last) return;
      last = message.seq;
      options.onEvent(message);
    } else if (message.type === 'subscribed') {
      last = Math.max(last ?? 0, message.upTo);
      attempt = 0;
      status('live');
    } else if (message.type === 'error' && message.error === 'forbidden-topic') {
      options.onRefused?.(message.detail);
    } else {
      options.onControl?.(message);
    }
  };

  const retry = () => {
    if (closed) return;
    status('reconnecting');
    timer = setTimeout(() => void connect(), reconnectDelay(attempt++, backoff));
  };

  const connect = async () => {
    timer = null;
    status('connecting');
    const token = await Promise.resolve(options.token()).catch(() => null);
    if (closed) return;
    if (!token) return retry();
    const current = factory(options.url, [PROTOCOL, `${BEARER_PREFIX}${token}`]);
    socket = current;
    current.onopen = subscribe;
    current.onmessage = (event) => receive(event.data);
    current.onerror = () => undefined;
    current.onclose = (event) => {
      if (socket !== current) return;
      socket = null;
      // An expired token is not a failing server: reconnect without backing off, with a fresh one.
      if (event.code === CLOSE.tokenExpired) attempt = 0;
      retry();
    };
  };

  void connect();
  return {
    lastSeq: () => last,
    setTopics(next) {
      topics = [...next];
      subscribe();
    },
    send(message) {
      if (socket?.readyState === OPEN) socket.send(JSON.stringify(message));
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.close(1000, 'closed by the page');
      socket = null;
      status('closed');
    },
  };
}
