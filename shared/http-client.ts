/**
 * `AimeApi` over the local REST API + server-sent events, derived from the contract table: one
 * loop turns every entry into a request built from its HTTP binding. The settings window uses it
 * when it is opened in a browser (inside Electron the preload's IPC wins); anything else that talks
 * to a running host (the CLI beside the app) can use it too, since it needs only `fetch`.
 */
import { EVENT_TYPES, type AimeEvent } from './api.js';
import {
  AIME_METHODS,
  AimeError,
  EVENTS_PATH,
  SCHEDULER_PREFIX,
  isAimeErrorCode,
  specOf,
  type AimeApi,
  type AimeErrorCode,
  type AimeMethod,
  type HttpRoute,
} from './contract.js';
import { isMessageCode, msg, type MessageRef } from './messages/index.js';

export const API_PREFIX = SCHEDULER_PREFIX;

interface Request {
  method: HttpRoute['method'];
  /** Path under API_PREFIX, query string included. */
  path: string;
  body?: unknown;
}

/** The route an entry is called through: the first whose fixed arguments match the call's. */
function routeFor(name: AimeMethod, args: unknown[]): HttpRoute {
  const routes = specOf(name).http;
  return routes.find((r) => r.args.every((s, i) => s.in !== 'const' || s.value === args[i])) ?? routes[0];
}

/** Builds the request that performs `name(...args)`, as its binding in the table says. */
export function requestFor(name: AimeMethod, args: unknown[]): Request {
  const route = routeFor(name, args);
  let path = route.path;
  const query = new URLSearchParams();
  let body: Record<string, unknown> | unknown;
  route.args.forEach((source, i) => {
    const value = args[i];
    if (source.in === 'path') path = path.replace(`{${source.name}}`, encodeURIComponent(String(value)));
    else if (source.in === 'query') {
      const text = value === undefined ? undefined : source.text.encode(value as never);
      if (text !== undefined) query.set(source.name, text);
    } else if (source.in === 'body') {
      body = source.field === undefined ? value : { ...(body as Record<string, unknown>), [source.field]: value };
    }
  });
  const search = query.toString();
  return { method: route.method, path: search ? `${path}?${search}` : path, ...(body !== undefined ? { body } : {}) };
}

const CODE_BY_STATUS: Record<number, AimeErrorCode> = { 404: 'not_found', 409: 'already_running', 422: 'invalid_input' };

/**
 * Turns an error answer (`{detail, code, ...details}`, FastAPI style) into the AimeError the
 * core threw. Answers that are not ours (a proxy's HTML page) still give a readable message.
 */
export function errorFromResponse(status: number, body: unknown, url: string): AimeError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { detail, code, message, text: ref, ...details } = record;
  const resolvedCode = isAimeErrorCode(code) ? code : (CODE_BY_STATUS[status] ?? 'internal');
  const text =
    typeof detail === 'string'
      ? detail
      : typeof message === 'string'
        ? message
        : typeof body === 'string' && body.trim() !== ''
          ? `HTTP ${status} from ${url}: ${body.trim().slice(0, 200)}`
          : `HTTP ${status} from ${url}`;
  const messageRef = typeof ref === 'object' && ref !== null && isMessageCode((ref as MessageRef).key) ? (ref as MessageRef) : undefined;
  return new AimeError(resolvedCode, text, Object.keys(details).length > 0 ? details : undefined, messageRef);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

type Listener = (event: AimeEvent) => void;

/** The EventSource constructor; injectable because Node 20 has none. */
export type EventSourceLike = new (url: string) => EventSource;

export interface HttpApiOptions {
  EventSource?: EventSourceLike;
  /** Sent with every request (e.g. an `Authorization` header from a command-line caller). */
  headers?: Record<string, string>;
}

/**
 * `baseUrl` is the server's origin ('' = the page's own origin, as when `aime serve`
 * serves the window itself).
 */
export function createHttpApi(baseUrl = '', options: HttpApiOptions = {}): AimeApi {
  const root = baseUrl.replace(/\/+$/, '') + API_PREFIX;

  async function call(name: AimeMethod, args: unknown[]): Promise<unknown> {
    const request = requestFor(name, args);
    const url = root + request.path;
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    const init: RequestInit = { method: request.method, headers };
    if (request.body !== undefined) {
      init.body = JSON.stringify(request.body);
      headers['Content-Type'] = 'application/json';
    }
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AimeError('internal', `Cannot reach the AIME server at ${url}: ${reason}`, undefined, msg('error.server_unreachable', { url }));
    }
    const body = await readBody(response);
    if (response.ok) return body;
    // A failure that is a result (a run that failed) comes back as that result, not as an error.
    const spec = specOf(name);
    if (spec.failedResult && spec.result.safeParse(body).success && spec.failedResult(body)) return body;
    throw errorFromResponse(response.status, body, url);
  }

  // One EventSource shared by every subscriber, closed when the last one leaves.
  const listeners = new Set<Listener>();
  let source: EventSource | null = null;

  function emit(event: AimeEvent): void {
    for (const listener of listeners) listener(event);
  }

  function open(): EventSource {
    const Impl = options.EventSource ?? globalThis.EventSource;
    if (!Impl) throw new AimeError('internal', 'This environment has no EventSource: live updates are unavailable');
    const es = new Impl(root + EVENTS_PATH);
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (message) => {
        try {
          emit(JSON.parse((message as Event & { data: string }).data) as AimeEvent);
        } catch {
          // A malformed frame is dropped: the next event or reload brings the truth back.
        }
      });
    }
    // The browser reconnects by itself after an error and fires `open` again.
    es.addEventListener('open', () => {
      // Events sent before the stream was open — while it was down, or between the window's
      // first load and this first connection (a run started meanwhile) — are lost: announce a
      // fresh config and file list so the window reloads what may have changed.
      api
        .getConfig()
        .then((config) => {
          emit({ type: 'config-changed', config });
          emit({ type: 'files-changed' });
        })
        .catch(() => undefined);
    });
    return es;
  }

  const methods = Object.fromEntries(AIME_METHODS.map((name) => [name, (...args: unknown[]) => call(name, args)]));
  const api = {
    ...methods,
    subscribe(listener: Listener) {
      listeners.add(listener);
      source ??= open();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  } as AimeApi;
  return api;
}
