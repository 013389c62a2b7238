/**
 * The settings page in a browser gets the owner's rights the way Jupyter's does: `aime serve`
 * prints the page's URL with a one-time `?token=`, the page's first load exchanges it for an
 * `HttpOnly; SameSite=Strict` cookie (invisible to scripts, never sent by other sites) and is
 * redirected to the same URL without it, so the code leaves neither the address bar nor history.
 * The API token itself (`<data>/api-token`) works in its place, for a second browser.
 */
import crypto from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { setCookie } from 'hono/cookie';
import { sameToken } from '../api-token.js';
import { OWNER_COOKIE } from './security.js';

export interface OwnerLogins {
  /** A new one-time code for the printed URL. */
  mint(): string;
  /** True once per minted code. */
  redeem(code: string): boolean;
}

export function createOwnerLogins(): OwnerLogins {
  const codes = new Set<string>();
  return {
    mint() {
      const code = crypto.randomBytes(24).toString('base64url');
      codes.add(code);
      return code;
    },
    redeem(code) {
      for (const known of codes) {
        if (sameToken(code, known)) {
          codes.delete(known);
          return true;
        }
      }
      return false;
    },
  };
}

const EXPIRED =
  'This link was already used or is not this server’s. Run “aime serve” again for a new one, ' +
  'or add ?token= with the token in the data folder’s api-token file.';

/** On page loads (not the API) that carry `?token=`: the cookie and a redirect, or 401. */
export function ownerLogin(token: string, logins: OwnerLogins): MiddlewareHandler {
  return async (c, next) => {
    const given = c.req.query('token');
    if (given === undefined || c.req.method !== 'GET' || c.req.path === '/api' || c.req.path.startsWith('/api/')) return next();
    if (!logins.redeem(given) && !sameToken(given, token)) return c.text(EXPIRED, 401);
    setCookie(c, OWNER_COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
    const url = new URL(c.req.url);
    url.searchParams.delete('token');
    return c.redirect(`${url.pathname}${url.search}`, 303);
  };
}
