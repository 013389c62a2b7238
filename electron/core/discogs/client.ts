/**
 * A small Discogs API client for one endpoint: a user's whole collection
 * (`GET /users/{username}/collection/folders/0/releases`), page by page.
 *
 * Written on fetch rather than @lionralfs/discogs-client: that library fixes its host and
 * paces with its own timers, while this one must take its base URL from AIME_DISCOGS_API_URL
 * (tests, mirrors) and its clock from the caller (tests never wait).
 *
 * - Pacing: Discogs allows N requests per moving minute and says how many are left in
 *   X-Discogs-Ratelimit-Remaining; below a few, the next request waits for the window to refill.
 * - 429: waits Retry-After (seconds), then asks again.
 * - 5xx and network failures: retried with exponential backoff, then given up with the status.
 * - 401, 403, 404: no retry; a message saying what the user should do.
 * The token is sent only in the Authorization header and never appears in an error.
 */
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import type { Fetcher } from '../types.js';

export const DEFAULT_DISCOGS_API_URL = 'https://api.discogs.com';
export const DISCOGS_API_URL_ENV = 'AIME_DISCOGS_API_URL';
/** Discogs asks every application to name itself. */
export const DISCOGS_USER_AGENT = 'AIMEScheduler/0.1 +ch.aime.scheduler';
export const PER_PAGE = 100;

/** Below this many requests left in the window, pace. */
const PACE_BELOW = 5;
const WINDOW_MS = 60_000;
const MAX_RETRIES = 5;
const BACKOFF_START_MS = 1_000;
const RETRY_AFTER_DEFAULT_S = 60;

export interface DiscogsRelease {
  id: number;
  instance_id: number;
  date_added?: string;
  basic_information: {
    id: number;
    title: string;
    year: number;
    cover_image?: string;
    thumb?: string;
    formats?: Array<{ name: string; qty?: string; descriptions?: string[]; text?: string }>;
    artists?: Array<{ name: string; anv?: string; join?: string; id?: number }>;
    labels?: Array<{ name: string; catno?: string }>;
    genres?: string[];
    styles?: string[];
  };
}

interface CollectionPage {
  pagination: { page: number; pages: number; per_page: number; items: number };
  releases: DiscogsRelease[];
}

export interface DiscogsClientOptions {
  fetch: Fetcher;
  /** Waits `ms`; tests pass one that records and returns at once. */
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  baseUrl?: string;
  token?: string | null;
  signal?: AbortSignal;
  /** Called after each page, with the page count once known. */
  onPage?: (page: number, pages: number) => void;
}

/** The base URL from the environment, checked; default api.discogs.com. */
export function discogsBaseUrl(env: Record<string, string | undefined>): string {
  const raw = env[DISCOGS_API_URL_ENV]?.trim();
  if (!raw) return DEFAULT_DISCOGS_API_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AimeError('invalid_input', `${DISCOGS_API_URL_ENV} is not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new AimeError('invalid_input', `${DISCOGS_API_URL_ENV} must be an http(s) URL (got ${url.protocol})`);
  }
  return raw.replace(/\/+$/, '');
}

/** Every release in the user's collection ("All" folder), in Discogs' order. */
export async function* collectionReleases(
  username: string,
  options: DiscogsClientOptions,
): AsyncGenerator<DiscogsRelease> {
  const base = options.baseUrl ?? DEFAULT_DISCOGS_API_URL;
  let pages = 1;
  for (let page = 1; page <= pages; page++) {
    const url = `${base}/users/${encodeURIComponent(username)}/collection/folders/0/releases?per_page=${PER_PAGE}&page=${page}`;
    const body = await getJson(url, username, options);
    const data = checkPage(body, page);
    pages = Math.max(1, data.pagination.pages);
    options.onPage?.(page, pages);
    yield* data.releases;
  }
}

async function getJson(url: string, username: string, options: DiscogsClientOptions): Promise<unknown> {
  const headers: Record<string, string> = { 'User-Agent': DISCOGS_USER_AGENT, Accept: 'application/json' };
  if (options.token) headers.Authorization = `Discogs token=${options.token}`;
  let failures = 0;
  for (;;) {
    options.signal?.throwIfAborted();
    let response: Response;
    try {
      response = await options.fetch(url, { headers, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      if (++failures > MAX_RETRIES) {
        throw AimeError.said('run_failed', msg('error.discogs_unreachable'), undefined, `Discogs cannot be reached (${describe(error)})`);
      }
      await options.sleep(backoff(failures), options.signal);
      continue;
    }
    if (response.ok) {
      const body = (await response.json()) as unknown;
      await pace(response, options);
      return body;
    }
    await response.body?.cancel();
    if (response.status === 429) {
      if (++failures > MAX_RETRIES) throw AimeError.said('run_failed', msg('error.discogs_busy'), undefined, 'Discogs keeps refusing: too many requests (429)');
      await options.sleep(retryAfter(response) * 1000, options.signal);
      continue;
    }
    if (response.status >= 500) {
      if (++failures > MAX_RETRIES) {
        throw AimeError.said(
          'run_failed',
          msg('error.discogs_down', { status: String(response.status) }),
          undefined,
          `Discogs failed ${failures} times in a row (HTTP ${response.status})`,
        );
      }
      await options.sleep(backoff(failures), options.signal);
      continue;
    }
    throw refusal(response.status, username, Boolean(options.token));
  }
}

async function pace(response: Response, options: DiscogsClientOptions): Promise<void> {
  const remaining = Number(response.headers.get('X-Discogs-Ratelimit-Remaining'));
  const limit = Number(response.headers.get('X-Discogs-Ratelimit')) || 60;
  if (!response.headers.has('X-Discogs-Ratelimit-Remaining') || !Number.isFinite(remaining)) return;
  if (remaining >= PACE_BELOW) return;
  // Requests leave the moving window one per WINDOW_MS / limit on average.
  await options.sleep(Math.ceil((WINDOW_MS / limit) * (PACE_BELOW - remaining)), options.signal);
}

function retryAfter(response: Response): number {
  // Discogs sends seconds; an HTTP date (allowed by RFC 9110) cannot be read against an injected clock.
  const seconds = Number(response.headers.get('Retry-After') ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 3600) : RETRY_AFTER_DEFAULT_S;
}

function backoff(failures: number): number {
  return BACKOFF_START_MS * 2 ** (failures - 1);
}

function refusal(status: number, username: string, hasToken: boolean): AimeError {
  switch (status) {
    case 401:
      return new AimeError(
        'invalid_input',
        'Discogs refused the token (401): check the personal access token in Discogs → Settings → Developers',
        { status },
        msg('error.discogs_token'),
      );
    case 403:
      return new AimeError(
        'invalid_input',
        hasToken
          ? `the collection of Discogs user "${username}" is private and this token is not its owner's (403)`
          : `the collection of Discogs user "${username}" is private (403): link it with the owner's token`,
        { status },
        msg('error.discogs_private', { username }),
      );
    case 404:
      return new AimeError('not_found', `Discogs has no user "${username}" (404)`, { status }, msg('error.discogs_no_user', { username }));
    default:
      return new AimeError('run_failed', `Discogs answered HTTP ${status}`, { status }, msg('error.discogs_refused', { status: String(status) }));
  }
}

function checkPage(body: unknown, page: number): CollectionPage {
  const data = body as Partial<CollectionPage> | null;
  if (
    !data ||
    typeof data !== 'object' ||
    !data.pagination ||
    typeof data.pagination.pages !== 'number' ||
    !Array.isArray(data.releases)
  ) {
    throw AimeError.said(
      'run_failed',
      msg('error.discogs_odd_page'),
      undefined,
      `Discogs page ${page} is not a collection page (no pagination or releases)`,
    );
  }
  return data as CollectionPage;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error instanceof Error ? error.message : String(error));
}
