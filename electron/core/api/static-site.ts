/**
 * Serves the built settings page (renderer/dist) at `/` when it exists, under a strict CSP: the page
 * may only talk to this server, run its own scripts, and never be framed. Client-side routes
 * (`/history`, …) fall back to index.html; a missing asset (a path with an extension) stays a 404.
 */
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import fs from 'node:fs';
import path from 'node:path';

export const SETTINGS_PAGE_CSP =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; " +
  "object-src 'none'; frame-ancestors 'none'; base-uri 'none'";

function isApiPath(p: string): boolean {
  return p === '/api' || p.startsWith('/api/');
}

const strictPageHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.header('Content-Security-Policy', SETTINGS_PAGE_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Referrer-Policy', 'no-referrer');
};

/** True when `dir` holds a built page (an index.html). */
export function hasBuiltPage(dir: string | undefined): dir is string {
  return dir !== undefined && fs.existsSync(path.join(dir, 'index.html'));
}

export function mountSettingsPage(app: Hono, dir: string): void {
  const root = path.resolve(dir);
  // API paths skip the page's handlers entirely: they end in the API's JSON 404, never index.html.
  const pageOnly = (handler: MiddlewareHandler): MiddlewareHandler => async (c, next) =>
    isApiPath(c.req.path) ? next() : handler(c, next);
  app.use('*', pageOnly(strictPageHeaders));
  app.get('*', pageOnly(serveStatic({ root })));
  app.get(
    '*',
    pageOnly(async (c, next) => {
      const last = c.req.path.split('/').pop() ?? '';
      if (last.includes('.')) return next();
      return serveStatic({ root, path: 'index.html' })(c, next);
    }),
  );
}
