/**
 * The REST API as a Hono app: guards first (loopback Host/Origin, 1 MiB bodies), then the
 * scheduler routes, the OpenAPI document, and the built settings page when there is one.
 * Pure routing over an `AimeApi`; `server.ts` puts it on a socket.
 */
import { Hono } from 'hono';
import { LinearRouter } from 'hono/router/linear-router';
import { type AimeApi, SCHEDULER_PREFIX } from '../../../shared/contract.js';
import type { Logger } from '../types.js';
import { DEFAULT_HEARTBEAT_MS } from './events.js';
import { OPENAPI_PATH, openApiDocument } from './openapi.js';
import { createOwnerLogins, ownerLogin, type OwnerLogins } from './owner-login.js';
import { errorResponse, jsonError } from './responses.js';
import { schedulerRoutes } from './routes.js';
import { bodyAtMostOneMebibyte, loopbackOnly } from './security.js';
import { hasBuiltPage, mountSettingsPage } from './static-site.js';

export interface ApiAppOptions {
  /** The owner's API token (`<data>/api-token`): `owner` routes need it (contract table, `access`). */
  token: string;
  /** One-time codes for the settings page's login URL; default: a fresh store. */
  logins?: OwnerLogins;
  /** The built settings page (renderer/dist); served at `/` when it holds an index.html. */
  staticDir?: string;
  log: Logger;
  /**
   * The port Host/Origin must name when the request carries no socket (`app.request()` in tests).
   * Served over HTTP, the socket's own port is used.
   */
  port?: number;
  /** Interval of the SSE keep-alive comment; 15 s unless a test wants it sooner. */
  heartbeatMs?: number;
}

export function createApiApp(api: AimeApi, options: ApiAppOptions): Hono {
  const log = options.log;
  // Hono's default router compiles every route into one pattern at the first request, which
  // `aime serve`'s first answer waited for (~2 ms, issue 14); with some forty routes a linear
  // match costs microseconds a request.
  const app = new Hono({ router: new LinearRouter() });
  app.use('*', loopbackOnly({ port: options.port }));
  app.use('*', bodyAtMostOneMebibyte());
  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
  });

  app.route(SCHEDULER_PREFIX, schedulerRoutes(api, { heartbeatMs: options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, token: options.token }));
  app.get(OPENAPI_PATH, (c) => c.json(openApiDocument()));
  app.use('*', ownerLogin(options.token, options.logins ?? createOwnerLogins()));
  if (hasBuiltPage(options.staticDir)) mountSettingsPage(app, options.staticDir);

  app.notFound((c) => {
    const what = `${c.req.method} ${c.req.path}`;
    if (c.req.path.startsWith('/api/') || c.req.path === '/api') {
      return jsonError('not_found', `no such endpoint: ${what}; see /api/v1/openapi.json`);
    }
    return jsonError('not_found', `nothing at ${what}; the API is under ${SCHEDULER_PREFIX}`);
  });
  app.onError((error, c) => errorResponse(error, log, c));
  return app;
}
