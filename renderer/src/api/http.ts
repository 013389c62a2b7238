/**
 * `AimeApi` over the local REST API + server-sent events (`aime serve`). The window uses it
 * when it is opened in a browser; inside Electron the preload's IPC implementation wins.
 * Every REST route the window uses is in `ROUTES` below, and nowhere else.
 */
import type { AimeApi, AimeEvent, AimeMethod, RunResult } from '../../../shared/api.js';
import { AimeError, HTTP_STATUS, type AimeErrorCode } from '../../../shared/errors.js';

export const API_PREFIX = '/api/v1/services/scheduler';

type HttpMethod = 'GET' | 'POST' | 'PATCH';

interface Route {
  method: HttpMethod;
  /** Path under API_PREFIX, query string included. */
  path: string;
  body?: unknown;
  /** The trigger answers HTTP 500 with a RunResult (status "failed"): a result, not an exception. */
  failureIsResult?: boolean;
}

/** Each AimeApi method → the request that performs it. */
const ROUTES: { [M in AimeMethod]: (...args: Parameters<AimeApi[M]>) => Route } = {
  getConfig: () => ({ method: 'GET', path: '/config' }),
  // The seed's own form: PATCH …/config?max_files_per_type=10 → {"max_files_per_type": 10}
  setMaxFilesPerType: (value) => ({ method: 'PATCH', path: `/config?max_files_per_type=${encodeURIComponent(value)}` }),
  setOutputDir: (path) => ({ method: 'PATCH', path: '/config', body: { output_dir: path } }),
  setSchedulerEnabled: (enabled) => ({ method: 'POST', path: enabled ? '/start' : '/stop' }),
  setCatchUpMissedRuns: (enabled) => ({ method: 'PATCH', path: '/config', body: { catch_up_missed_runs: enabled } }),
  updateTask: (name, patch) => ({ method: 'PATCH', path: `/tasks/${encodeURIComponent(name)}`, body: patch }),
  // The page's own clicks are "manual" in the history; only api/manual travel over HTTP.
  runNow: (task, trigger) => ({
    method: 'POST',
    path: `/trigger/${encodeURIComponent(task)}${trigger === 'manual' ? '?trigger=manual' : ''}`,
    failureIsResult: true,
  }),
  status: () => ({ method: 'GET', path: '/status' }),
  history: (limit) => ({ method: 'GET', path: limit === undefined ? '/history' : `/history?limit=${limit}` }),
  listFiles: () => ({ method: 'GET', path: '/files' }),
  importCollection: (request) => ({ method: 'POST', path: '/import', body: request }),
  collectionStats: () => ({ method: 'GET', path: '/collection' }),
  getEuria: () => ({ method: 'GET', path: '/euria' }),
  updateEuria: (patch) => ({ method: 'PATCH', path: '/euria', body: patch }),
  testEuria: () => ({ method: 'POST', path: '/euria/test' }),
  openOutputFolder: () => ({ method: 'POST', path: '/open-output' }),
};

export const EVENTS_PATH = '/events';

/** Every event type the server may send; the SSE `event:` field carries it. */
export const EVENT_TYPES = [
  'run-started',
  'run-finished',
  'config-changed',
  'files-changed',
  'collection-changed',
] as const satisfies ReadonlyArray<AimeEvent['type']>;

const CODE_BY_STATUS: Record<number, AimeErrorCode> = { 404: 'not_found', 409: 'already_running', 422: 'invalid_input' };

function isErrorCode(value: unknown): value is AimeErrorCode {
  return typeof value === 'string' && Object.hasOwn(HTTP_STATUS, value);
}

/**
 * Turns an error answer (`{detail, code, ...details}`, FastAPI style) into the AimeError the
 * core threw. Answers that are not ours (a proxy's HTML page) still give a readable message.
 */
export function errorFromResponse(status: number, body: unknown, url: string): AimeError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const { detail, code, message, ...details } = record;
  const resolvedCode = isErrorCode(code) ? code : (CODE_BY_STATUS[status] ?? 'internal');
  const text =
    typeof detail === 'string'
      ? detail
      : typeof message === 'string'
        ? message
        : typeof body === 'string' && body.trim() !== ''
          ? `HTTP ${status} from ${url}: ${body.trim().slice(0, 200)}`
          : `HTTP ${status} from ${url}`;
  return new AimeError(resolvedCode, text, Object.keys(details).length > 0 ? details : undefined);
}

function looksLikeRunResult(body: unknown): body is RunResult {
  return typeof body === 'object' && body !== null && 'task' in body && (body as RunResult).status === 'failed';
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
type Result<M extends AimeMethod> = Awaited<ReturnType<AimeApi[M]>>;

/** The EventSource constructor; injectable because Node 20 has none. */
export type EventSourceLike = new (url: string) => EventSource;

export interface HttpApiOptions {
  EventSource?: EventSourceLike;
}

/**
 * `baseUrl` is the server's origin ('' = the page's own origin, as when `aime serve`
 * serves the window itself).
 */
export function createHttpApi(baseUrl = '', options: HttpApiOptions = {}): AimeApi {
  const root = baseUrl.replace(/\/+$/, '') + API_PREFIX;

  async function call<T>(route: Route): Promise<T> {
    const url = root + route.path;
    const init: RequestInit = { method: route.method, headers: { Accept: 'application/json' } };
    if (route.body !== undefined) {
      init.body = JSON.stringify(route.body);
      init.headers = { Accept: 'application/json', 'Content-Type': 'application/json' };
    }
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AimeError('internal', `Cannot reach the AIME server at ${url}: ${reason}`);
    }
    const body = await readBody(response);
    if (response.ok) return body as T;
    if (route.failureIsResult && response.status === 500 && looksLikeRunResult(body)) return body as T;
    throw errorFromResponse(response.status, body, url);
  }

  function invoke<M extends AimeMethod>(method: M): (...args: Parameters<AimeApi[M]>) => Promise<Result<M>> {
    return (...args) => call<Result<M>>((ROUTES[method] as (...a: Parameters<AimeApi[M]>) => Route)(...args));
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
    let lostConnection = false;
    for (const type of EVENT_TYPES) {
      es.addEventListener(type, (message) => {
        try {
          emit(JSON.parse((message as MessageEvent<string>).data) as AimeEvent);
        } catch {
          // A malformed frame is dropped: the next event or reload brings the truth back.
        }
      });
    }
    es.addEventListener('error', () => {
      lostConnection = true;
    });
    es.addEventListener('open', () => {
      if (!lostConnection) return;
      lostConnection = false;
      // Events sent while the connection was down are lost: announce a fresh config and
      // file list so the window reloads what may have changed.
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

  const api: AimeApi = {
    getConfig: invoke('getConfig'),
    setMaxFilesPerType: invoke('setMaxFilesPerType'),
    setOutputDir: invoke('setOutputDir'),
    setSchedulerEnabled: invoke('setSchedulerEnabled'),
    setCatchUpMissedRuns: invoke('setCatchUpMissedRuns'),
    updateTask: invoke('updateTask'),
    runNow: invoke('runNow'),
    status: invoke('status'),
    history: invoke('history'),
    listFiles: invoke('listFiles'),
    importCollection: invoke('importCollection'),
    collectionStats: invoke('collectionStats'),
    getEuria: invoke('getEuria'),
    updateEuria: invoke('updateEuria'),
    testEuria: invoke('testEuria'),
    openOutputFolder: invoke('openOutputFolder'),
    subscribe(listener) {
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
  };
  return api;
}
