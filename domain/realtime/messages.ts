import type { LoggedEvent } from './event';

/**
 * The WebSocket protocol at `/api/v1/ws`. The client authenticates in the handshake by
 * offering the subprotocols `keel.v1` and `bearer.{access token}` (the server answers with
 * `keel.v1`; the token never goes in the URL, where access logs would keep it).
 */
export const PROTOCOL = 'keel.v1';
export const BEARER_PREFIX = 'bearer.';

/**
 * Replaces the socket's subscription. `after`: replay the events after this `seq` first (the
 * last one the client saw), then go on live; absent: live from now.
 */
export interface SubscribeMessage {
  type: 'subscribe';
  topics: string[];
  after?: number;
}

/**
 * Presence on a ticket, ephemeral (never in the log): the console sends `viewing` while the
 * ticket is open (again at least every PRESENCE_TTL_MS / 2), `typing` while its composer is
 * being written in, and `left` when it closes the ticket.
 */
export interface PresenceMessage {
  type: 'presence';
  ticket: number;
  activity: 'viewing' | 'typing' | 'left';
}

export type ClientMessage = SubscribeMessage | PresenceMessage;

/** One member on a ticket, as the other viewers are told. */
export interface PresentMember {
  userId: string;
  typing: boolean;
}

/** A viewing announcement lasts this long unless renewed; a typing one, TYPING_TTL_MS. */
export const PRESENCE_TTL_MS = 45_000;
export const TYPING_TTL_MS = 6_000;

/** Control messages carry no `seq`; event messages (`LoggedEvent`) always do. */
export type ControlMessage =
  /** The replay is done: every event up to `seq` has been sent, live ones follow. */
  | { type: 'subscribed'; topics: string[]; upTo: number }
  | { type: 'error'; error: 'invalid-message' | 'forbidden-topic'; detail: string }
  /** Who is on the ticket now (sent to its viewers whenever that changes). */
  | { type: 'presence'; ticket: number; members: PresentMember[] };

export type ServerMessage = LoggedEvent | ControlMessage;

/** Close codes the gateway uses besides the standard ones; a client reconnects after each. */
export const CLOSE = {
  /** The access token expired: reconnect with a fresh one. */
  tokenExpired: 4001,
  /** The client did not read fast enough; reconnect and resume from the last `seq`. */
  tooSlow: 4008,
} as const;
