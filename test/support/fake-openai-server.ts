/**
 * A real chat-completions server on 127.0.0.1 for tests and the bench (haiku, CLI, API).
 * Each request takes the next queued behaviour, else the default one: answer well, slowly,
 * with an HTTP error (+ Retry-After), invalid JSON, a custom reply (think blocks, chatter…),
 * or never answer. It records every request (headers, parsed body) and the peak number of
 * requests in flight, so tests can assert what the client sent and how parallel it was.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Behaviour =
  /**
   * 200 with `content` (default: a three-line haiku naming the album quoted in the prompt),
   * sent once `after` settles when given (a test holds the answers to see requests overlap).
   */
  | { kind: 'ok'; content?: string; model?: string; delayMs?: number; after?: Promise<unknown> }
  /** An error status with an OpenAI-style JSON body `{error:{message}}` (or a raw body). */
  | { kind: 'status'; status: number; message?: string; rawBody?: string; retryAfter?: string; delayMs?: number }
  /** 200 whose body is not JSON. */
  | { kind: 'invalid-json'; body?: string; delayMs?: number }
  /** Reads the request and never answers (until the client gives up or the server closes). */
  | { kind: 'hang' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or null when it was not JSON. */
  body: ChatRequestBody | null;
}

export interface ChatRequestBody {
  model?: string;
  messages?: Array<{ role: string; content: string }>;
  max_tokens?: number;
  temperature?: number;
  reasoning_effort?: string;
  [key: string]: unknown;
}

export interface ChatServer {
  /** The chat-completions URL to put in `euria.url`. */
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Peak number of requests being handled at the same time. */
  readonly maxInFlight: number;
  readonly inFlight: number;
  /** Settles once `count` requests are in flight at the same time (at once if they already are). */
  whenInFlight(count: number): Promise<void>;
  /** Behaviours for the next requests, in order; when the queue is empty the default applies. */
  enqueue(...behaviours: Behaviour[]): void;
  /** The default behaviour, fixed or computed per request. */
  setDefault(behaviour: Behaviour | ((request: RecordedRequest) => Behaviour)): void;
  /** Resets the recorded requests and the in-flight peak. */
  reset(): void;
  close(): Promise<void>;
}

export interface ChatServerOptions {
  /** Added before every answer (the bench uses 300 ms). */
  latencyMs?: number;
  defaultBehaviour?: Behaviour | ((request: RecordedRequest) => Behaviour);
  /** Path served (default /v1/chat/completions); other paths get 404. */
  path?: string;
}

/** The album title the prompt quotes (« … » or “ … ”), so default replies can be traced back to their album. */
export function quotedTitle(request: RecordedRequest): string {
  const messages = request.body?.messages ?? [];
  const text = messages.map((m) => m.content).join('\n');
  const match = /«\s*(.+?)\s*»|“(.+?)”/u.exec(text);
  return match?.[1] ?? match?.[2] ?? 'cet album';
}

/** The reply the default behaviour gives: three lines, the first naming the album. */
export function defaultHaiku(request: RecordedRequest): string {
  return `Écho de ${quotedTitle(request)}\nle sillon garde la nuit\nune voix s'éteint`;
}

function completion(content: string, model: string): string {
  return JSON.stringify({
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  });
}

export async function startChatServer(options: ChatServerOptions = {}): Promise<ChatServer> {
  const servedPath = options.path ?? '/v1/chat/completions';
  const queue: Behaviour[] = [];
  let fallback: Behaviour | ((request: RecordedRequest) => Behaviour) = options.defaultBehaviour ?? { kind: 'ok' };
  const requests: RecordedRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const timers = new Set<NodeJS.Timeout>();
  const inFlightWaiters: Array<{ count: number; resolve: () => void }> = [];

  const later = (ms: number, fn: () => void) => {
    if (ms <= 0) return fn();
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      let body: ChatRequestBody | null = null;
      try {
        body = JSON.parse(rawBody) as ChatRequestBody;
      } catch {
        body = null;
      }
      const recorded: RecordedRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, rawBody, body };
      requests.push(recorded);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      for (const waiter of inFlightWaiters.filter((w) => inFlight >= w.count)) {
        inFlightWaiters.splice(inFlightWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
      let done = false;
      const finish = () => {
        if (!done) {
          done = true;
          inFlight--;
        }
      };
      res.on('close', finish);

      if ((req.url ?? '').split('?')[0] !== servedPath || req.method !== 'POST') {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: { message: `no route ${req.method} ${req.url}` } }));
        return;
      }
      const next = queue.shift() ?? (typeof fallback === 'function' ? fallback(recorded) : fallback);
      if (next.kind === 'hang') return;
      const delay = (options.latencyMs ?? 0) + (next.delayMs ?? 0);
      const held = next.kind === 'ok' && next.after ? next.after.then(() => undefined, () => undefined) : Promise.resolve();
      void held.then(() => later(delay, () => {
        if (res.destroyed) return;
        if (next.kind === 'ok') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(completion(next.content ?? defaultHaiku(recorded), next.model ?? body?.model ?? 'test-model'));
        } else if (next.kind === 'status') {
          const headers: Record<string, string> = { 'Content-Type': 'application/json' };
          if (next.retryAfter !== undefined) headers['Retry-After'] = next.retryAfter;
          res.writeHead(next.status, headers);
          res.end(next.rawBody ?? JSON.stringify({ error: { message: next.message ?? `status ${next.status}`, type: 'test' } }));
        } else {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end(next.body ?? '<html>Bad gateway</html>');
        }
      }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${servedPath}`,
    requests,
    get maxInFlight() {
      return maxInFlight;
    },
    get inFlight() {
      return inFlight;
    },
    whenInFlight: (count) =>
      inFlight >= count ? Promise.resolve() : new Promise<void>((resolve) => void inFlightWaiters.push({ count, resolve })),
    enqueue: (...behaviours) => void queue.push(...behaviours),
    setDefault: (behaviour) => {
      fallback = behaviour;
    },
    reset: () => {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
