/**
 * A fake Discogs API on 127.0.0.1 speaking the real collection endpoint:
 * `GET /users/{username}/collection/folders/0/releases?per_page=&page=` answering
 * `{pagination:{page,pages,per_page,items,urls}, releases:[{id, instance_id, date_added, rating,
 * basic_information:{id,title,year,artists,formats,labels,genres,styles,cover_image,...}}]}`,
 * with the X-Discogs-Ratelimit headers, 401 for a wrong token, 403 for a private collection
 * read without the owner's token, 404 for an unknown user, and queued failures (429 +
 * Retry-After, 500) taken by the next requests. It records every request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DiscogsRelease } from '../../electron/core/discogs/client.js';

export interface FakeUser {
  releases: DiscogsRelease[];
  /** The owner's token; requests with another token get 401. */
  token?: string;
  /** A private collection answers 403 without the owner's token. */
  private?: boolean;
}

export interface FakeFailure {
  status: number;
  headers?: Record<string, string>;
}

export interface RecordedDiscogsRequest {
  path: string;
  page: number;
  perPage: number;
  authorization: string | undefined;
  userAgent: string | undefined;
}

export interface FakeDiscogs {
  url: string;
  users: Map<string, FakeUser>;
  /** Taken one per request, before the normal answer. */
  failures: FakeFailure[];
  requests: RecordedDiscogsRequest[];
  /** X-Discogs-Ratelimit-Remaining of the next answers (default 59). */
  remaining: number;
  /** Awaited before each answer (after the request is recorded): a test acts mid-sync there. */
  beforeAnswer?: (request: RecordedDiscogsRequest) => Promise<void> | void;
  close(): Promise<void>;
}

export async function startFakeDiscogs(): Promise<FakeDiscogs> {
  const fake: Omit<FakeDiscogs, 'url' | 'close'> = { users: new Map(), failures: [], requests: [], remaining: 59 };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '50');
    const request: RecordedDiscogsRequest = {
      path: url.pathname,
      page,
      perPage,
      authorization: req.headers.authorization,
      userAgent: req.headers['user-agent'],
    };
    fake.requests.push(request);
    void Promise.resolve(fake.beforeAnswer?.(request)).then(() => answer(url, page, perPage, req, res));
  });
  const answer = (url: URL, page: number, perPage: number, req: http.IncomingMessage, res: http.ServerResponse): void => {
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        'Content-Type': 'application/json',
        'X-Discogs-Ratelimit': '60',
        'X-Discogs-Ratelimit-Used': String(60 - fake.remaining),
        'X-Discogs-Ratelimit-Remaining': String(fake.remaining),
        ...headers,
      });
      res.end(JSON.stringify(body));
    };
    const failure = fake.failures.shift();
    if (failure) return send(failure.status, { message: `fake failure ${failure.status}` }, failure.headers);

    const match = /^\/users\/([^/]+)\/collection\/folders\/0\/releases$/.exec(url.pathname);
    if (!match) return send(404, { message: 'The requested resource was not found.' });
    const token = /^Discogs token=(.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const user = fake.users.get(decodeURIComponent(match[1]!));
    if (token !== undefined && (!user || user.token !== token)) return send(401, { message: 'You must authenticate to access this resource.' });
    if (!user) return send(404, { message: 'User does not exist or may have been deleted.' });
    if (user.private && token !== user.token) return send(403, { message: "You don't have permission to access this resource." });

    const items = user.releases.length;
    const pages = Math.max(1, Math.ceil(items / perPage));
    if (page > pages) return send(404, { message: 'Page not found.' });
    const base = `${address()}${url.pathname}?per_page=${perPage}`;
    send(200, {
      pagination: {
        page,
        pages,
        per_page: perPage,
        items,
        urls: page < pages ? { last: `${base}&page=${pages}`, next: `${base}&page=${page + 1}` } : {},
      },
      releases: user.releases.slice((page - 1) * perPage, page * perPage),
    });
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(fake, {
    url: address(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const GENRES = [['Electronic'], ['Rock', 'Pop'], ['Reggae'], ['Jazz'], ['Folk, World, & Country']];

/**
 * Release `i` of a fake collection, as Discogs shapes it: homonym suffixes, year 0 every
 * seventh, unicode titles, vinyl / CD / file formats with descriptions, labels, genres.
 */
export function fakeRelease(i: number, overrides: Partial<DiscogsRelease['basic_information']> = {}): DiscogsRelease {
  const id = 1_000_000 + i;
  const formats = [
    [{ name: 'Vinyl', qty: '2', descriptions: ['LP', 'Album', 'Reissue'] }],
    [{ name: 'CD', qty: '1', descriptions: ['Album'] }],
    [{ name: 'File', qty: '1', descriptions: ['FLAC', 'Album'] }],
    [{ name: 'Box Set', qty: '1' }, { name: 'Cassette', qty: '3', descriptions: ['Compilation'] }],
  ][i % 4]!;
  return {
    id,
    instance_id: 500_000_000 + i,
    date_added: '2024-03-05T10:20:30-08:00',
    basic_information: {
      id,
      title: i % 5 === 0 ? `Été n°${i} — Ça va ♪` : `Album ${i}`,
      year: i % 7 === 0 ? 0 : 1960 + (i % 60),
      cover_image: `https://i.discogs.com/cover-${id}.jpeg`,
      thumb: `https://i.discogs.com/thumb-${id}.jpeg`,
      formats,
      artists:
        i % 3 === 0
          ? [
              { name: `Artist ${i % 50} (2)`, anv: '', join: '&', id: 10 + (i % 50) },
              { name: 'Björk', anv: '', join: '', id: 97 },
            ]
          : [{ name: `Artist ${i % 50}`, anv: '', join: '', id: 10 + (i % 50) }],
      labels: [{ name: `Label ${i % 9} (3)`, catno: `CAT-${i}` }],
      genres: GENRES[i % GENRES.length],
      styles: ['Style'],
      ...overrides,
    },
  };
}

export function fakeReleases(count: number, from = 0): DiscogsRelease[] {
  return Array.from({ length: count }, (_, k) => fakeRelease(from + k));
}
