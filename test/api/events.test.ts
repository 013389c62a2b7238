/**
 * `GET …/events`: server-sent events of the real core. A client sees the runs that another
 * request starts, config changes, keep-alive pings; its subscription ends when it goes away.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AimeApi } from '../../shared/contract.js';
import type { AimeEvent } from '../../shared/api.js';
import { startApiServer, type ApiServer } from '../../electron/core/api/index.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { PREFIX, request, serve, type Served } from './harness.js';
import { assertMatches } from './openapi-check.js';

/** Reads an SSE response block by block (blocks end with a blank line). */
class SseReader {
  private buffer = '';
  private readonly decoder = new TextDecoder();
  constructor(private readonly reader: ReadableStreamDefaultReader<Uint8Array>) {}

  async next(): Promise<string> {
    for (;;) {
      const end = this.buffer.indexOf('\n\n');
      if (end >= 0) {
        const block = this.buffer.slice(0, end);
        this.buffer = this.buffer.slice(end + 2);
        return block;
      }
      const { done, value } = await this.reader.read();
      if (done) throw new Error('the event stream ended');
      this.buffer += this.decoder.decode(value, { stream: true });
    }
  }

  /** The next event (comments skipped), parsed. */
  async nextEvent(): Promise<{ type: string; data: AimeEvent }> {
    for (;;) {
      const block = await this.next();
      if (block.startsWith(':')) continue;
      const type = /^event: (.+)$/m.exec(block)?.[1];
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => line.slice(6))
        .join('\n');
      return { type: type ?? '', data: JSON.parse(data) as AimeEvent };
    }
  }
}

async function open(base: string): Promise<{ reader: SseReader; controller: AbortController; res: Response }> {
  const controller = new AbortController();
  const res = await fetch(`${base}${PREFIX}/events`, { signal: controller.signal });
  const reader = new SseReader(res.body!.getReader());
  // The server says it is subscribed before anything else.
  expect(await reader.next()).toBe(': connected');
  return { reader, controller, res };
}

let s: Served;
beforeAll(async () => {
  s = await serve({ withCollection: true });
});
afterAll(async () => s?.close());

describe('event stream', () => {
  it('is text/event-stream, not cached', async () => {
    const { res, controller } = await open(s.base);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    controller.abort();
  });

  it('delivers run-started then run-finished for a trigger made by another request', async () => {
    const { reader, controller } = await open(s.base);
    const trigger = request(s.server.port, 'POST', `${PREFIX}/trigger/export_collection_markdown`);
    const started = await reader.nextEvent();
    expect(started.type).toBe('run-started');
    assertMatches('AimeEvent', started.data);
    expect(started.data).toMatchObject({ type: 'run-started', run: { task: 'export_collection_markdown', status: 'running', trigger: 'api' } });
    const finished = await reader.nextEvent();
    expect(finished.type).toBe('run-finished');
    assertMatches('AimeEvent', finished.data);
    const reply = await trigger;
    expect(reply.status).toBe(200);
    const result = reply.json() as { run_id: number; file: string };
    expect(finished.data).toMatchObject({ run: { id: result.run_id, status: 'completed', file: result.file } });
    expect((await reader.nextEvent()).type).toBe('files-changed');
    controller.abort();
  });

  it('delivers config changes made through the API', async () => {
    const { reader, controller } = await open(s.base);
    await request(s.server.port, 'PATCH', `${PREFIX}/config?max_files_per_type=9`);
    const event = await reader.nextEvent();
    expect(event.type).toBe('config-changed');
    assertMatches('AimeEvent', event.data);
    expect(event.data).toMatchObject({ config: { max_files_per_type: 9 } });
    controller.abort();
  });
});

describe('subscriptions and keep-alive', () => {
  let server: ApiServer;
  let live = 0;
  beforeAll(async () => {
    // The real core's API, observed: the subscribe calls still reach the real event bus.
    const api: AimeApi = {
      ...s.core.api,
      subscribe(listener) {
        live += 1;
        const off = s.core.api.subscribe(listener);
        return () => {
          live -= 1;
          off();
        };
      },
    };
    server = await startApiServer({ api, port: 0, log: createMemoryLogger(), heartbeatMs: 50 });
  });
  afterAll(async () => server?.close());

  it('sends a ping comment while idle', async () => {
    const { reader, controller } = await open(server.url);
    expect(await reader.next()).toBe(': ping');
    controller.abort();
  });

  it('unsubscribes when the client goes away', async () => {
    await expect.poll(() => live, { timeout: 5000 }).toBe(0);
    const clients = await Promise.all([open(server.url), open(server.url), open(server.url)]);
    expect(live).toBe(3);
    for (const client of clients) client.controller.abort();
    await expect.poll(() => live, { timeout: 5000 }).toBe(0);
  });

  it('close() ends open streams instead of waiting for them', async () => {
    const other = await startApiServer({ api: s.core.api, port: 0, log: createMemoryLogger() });
    const { reader } = await open(other.url);
    await other.close();
    await expect(reader.next()).rejects.toThrow();
  });
});
