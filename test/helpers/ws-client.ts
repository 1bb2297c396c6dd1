import WebSocket from 'ws';
import type { LoggedEvent } from '../../domain/realtime/event';
import type { ControlMessage, ServerMessage } from '../../domain/realtime/messages';

/** A test's WebSocket to /api/v1/ws: records every message, in order. */
export class TestSocket {
  readonly messages: ServerMessage[] = [];
  closed: { code: number; reason: string } | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => this.messages.push(JSON.parse(data.toString()) as ServerMessage));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
  }

  /** Opens a socket offering `keel.v1` and the token as `bearer.{token}`; rejects with the refusal's status. */
  static open(baseUrl: string, token: string | null, options: { autoPong?: boolean } = {}): Promise<TestSocket> {
    const protocols = ['keel.v1', ...(token === null ? [] : [`bearer.${token}`])];
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v1/ws`, protocols, { autoPong: options.autoPong ?? true });
    const socket = new TestSocket(ws);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_request, response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => reject(Object.assign(new Error(`refused: ${response.statusCode}`), { status: response.statusCode, body: JSON.parse(body) })));
      });
      ws.once('error', reject);
    });
  }

  events(): LoggedEvent[] {
    return this.messages.filter((message): message is LoggedEvent => 'seq' in message);
  }

  controls(): ControlMessage[] {
    return this.messages.filter((message): message is ControlMessage => !('seq' in message));
  }

  send(message: unknown): void {
    this.ws.send(JSON.stringify(message));
  }

  /** Subscribes and waits for the `subscribed` answer (the replay is then sent). */
  async subscribe(topics: string[], after?: number): Promise<void> {
    const before = this.controls().length;
    this.send({ type: 'subscribe', topics, ...(after !== undefined && { after }) });
    await waitFor(() => this.controls().length > before);
    const answer = this.controls().at(-1)!;
    if (answer.type !== 'subscribed') throw new Error(`subscribe refused: ${JSON.stringify(answer)}`);
  }

  lastSeq(): number {
    return this.events().at(-1)?.seq ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.ws.close();
    await waitFor(() => this.closed !== null);
  }
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('timed out waiting for the socket');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
