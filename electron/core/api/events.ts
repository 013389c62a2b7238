/**
 * `GET …/events`: the engine's live events as server-sent events, one `event: <type>` /
 * `data: <json>` block each. A comment line is sent at once (so a client knows it is subscribed)
 * and then every `heartbeatMs`, which keeps idle proxies and the browser from dropping the stream.
 * The subscription ends when the client goes away or the server closes.
 */
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import type { AimeApi } from '../../../shared/contract.js';
import type { AimeEvent } from '../../../shared/api.js';

export const DEFAULT_HEARTBEAT_MS = 15_000;

export function eventStream(api: AimeApi, c: Context, heartbeatMs: number): Response {
  return streamSSE(c, async (stream) => {
    // Events are written in order: each write waits for the previous one.
    let queue: Promise<void> = Promise.resolve();
    const send = (write: () => Promise<unknown>) => {
      queue = queue.then(write).then(
        () => undefined,
        () => undefined,
      );
    };
    const unsubscribe = api.subscribe((event: AimeEvent) => {
      if (!stream.aborted && !stream.closed) {
        send(() => stream.writeSSE({ event: event.type, data: JSON.stringify(event) }));
      }
    });
    const heartbeat = setInterval(() => send(() => stream.write(': ping\n\n')), heartbeatMs);
    const ended = new Promise<void>((resolve) => {
      stream.onAbort(() => resolve());
      c.req.raw.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    try {
      await stream.write(': connected\n\n');
      await ended;
    } finally {
      clearInterval(heartbeat);
      unsubscribe();
    }
  });
}
