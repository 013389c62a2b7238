/**
 * Loopback-only guards, run before any route (DESIGN.md §5). A web page in the user's browser can
 * reach 127.0.0.1, so the API must refuse what a browser would send on a page's behalf:
 * - `Host` must be a loopback name with this server's port: defeats DNS rebinding
 *   (evil.example resolving to 127.0.0.1 still sends `Host: evil.example`);
 * - a present `Origin` must be this server's own: defeats cross-site fetch/form posts and
 *   EventSource. `curl` sends no Origin, so the seed's command lines work unchanged;
 * - bodies are capped at 1 MiB, whether announced by Content-Length or streamed without it.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getCookie } from 'hono/cookie';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import { sameToken } from '../api-token.js';
import type { IncomingMessage } from 'node:http';
import { jsonError } from './responses.js';

export const MAX_BODY_BYTES = 1024 * 1024;

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'] as const;
const HOST_PATTERN = /^(localhost|127\.0\.0\.1|\[::1\])(?::(\d+))?$/;

/** The Node request behind a Hono context when served by @hono/node-server; absent under `app.request()`. */
function incomingOf(c: Context): IncomingMessage | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined;
  return env?.incoming;
}

/** The port this request really arrived on (the socket's), else the one the app was told about. */
function serverPort(c: Context, configuredPort: number | undefined): number | undefined {
  return incomingOf(c)?.socket?.localPort ?? configuredPort;
}

function hostHeader(c: Context): string | undefined {
  const incoming = incomingOf(c);
  if (incoming) return incoming.headers.host;
  // app.request() builds a Request without a Host header: its URL stands for it.
  return c.req.header('host') ?? new URL(c.req.url).host;
}

/** The origins a page served by this server itself would send. */
export function ownOrigins(port: number): string[] {
  return LOOPBACK_HOSTS.flatMap((host) => [`http://${host}:${port}`, ...(port === 80 ? [`http://${host}`] : [])]);
}

/** Why this Host header is refused, or null when it names this server on a loopback name. */
export function hostProblem(host: string | undefined, port: number | undefined): string | null {
  if (host === undefined || host === '') return 'the request has no Host header';
  const match = HOST_PATTERN.exec(host.toLowerCase());
  if (!match) return `Host ${JSON.stringify(host)} is not a loopback name (localhost, 127.0.0.1 or [::1])`;
  const given = match[2];
  if (given !== undefined && port !== undefined && Number(given) !== port) {
    return `Host ${JSON.stringify(host)} names port ${given}, but this server listens on port ${port}`;
  }
  return null;
}

function originProblem(origin: string, port: number | undefined): string | null {
  if (port !== undefined) {
    return ownOrigins(port).includes(origin.toLowerCase())
      ? null
      : `Origin ${JSON.stringify(origin)} is not this server's own (http://127.0.0.1:${port}); cross-origin requests are refused`;
  }
  // Under app.request() without a known port: the name must still be loopback over http.
  try {
    const url = new URL(origin);
    const ok = url.protocol === 'http:' && (LOOPBACK_HOSTS as readonly string[]).includes(url.hostname);
    return ok ? null : `Origin ${JSON.stringify(origin)} is not a loopback origin; cross-origin requests are refused`;
  } catch {
    return `Origin ${JSON.stringify(origin)} is not this server's own; cross-origin requests are refused`;
  }
}

export function loopbackOnly(options: { port?: number } = {}): MiddlewareHandler {
  return async (c, next) => {
    const port = serverPort(c, options.port);
    const problem =
      hostProblem(hostHeader(c), port) ??
      (c.req.header('origin') !== undefined ? originProblem(c.req.header('origin') as string, port) : null) ??
      // A browser navigating or embedding from another site sends no Origin on GET, but says so here.
      (c.req.path.startsWith('/api/') && ['cross-site', 'same-site'].includes(c.req.header('sec-fetch-site') ?? '')
        ? `requests from other sites are refused (Sec-Fetch-Site: ${c.req.header('sec-fetch-site')})`
        : null);
    if (problem) return jsonError('forbidden', problem);
    await next();
  };
}

export function bodyAtMostOneMebibyte(): MiddlewareHandler {
  return bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () =>
      jsonError('payload_too_large', `request bodies are limited to ${MAX_BODY_BYTES} bytes (1 MiB)`, {
        limit: MAX_BODY_BYTES,
      }),
  });
}

/** The settings page's session: the owner token in an HttpOnly, SameSite=Strict cookie (the Jupyter pattern). */
export const OWNER_COOKIE = 'aime_owner';

export const OWNER_REQUIRED =
  'this needs the API token: send "Authorization: Bearer <token>" with the token in <data folder>/api-token, ' +
  'or open the settings page through the link aime serve prints';

/** True when the request carries the owner's token, as a Bearer header or the page's cookie. */
export function isOwner(c: Context, token: string): boolean {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header('authorization') ?? '')?.[1];
  return sameToken(bearer, token) || sameToken(getCookie(c, OWNER_COOKIE), token);
}

/** Refuses (401, nothing done) a request for an `owner` route that does not carry the token. */
export function requireOwner(c: Context, token: string): void {
  if (!isOwner(c, token)) throw new AimeError('unauthorized', OWNER_REQUIRED, undefined, msg('error.owner_required'));
}
