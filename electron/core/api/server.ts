/**
 * Puts the API app on loopback sockets. It listens on 127.0.0.1 and, where the machine has an IPv6
 * loopback, on [::1] with the same port, so that `curl http://localhost:8000/…` from the seed and
 * browsers reach it whichever address their `localhost` resolves to first (many resolve ::1
 * first). It does not ask the resolver beforehand: its first answer costs about 5 ms, a tenth
 * of `aime serve`'s start (issue 14); only when [::1] cannot be opened does it ask whether that
 * matters. [::1] opens a moment after 127.0.0.1 (listenOnIpv6Loopback).
 */
import { getRequestListener } from '@hono/node-server';
import dns from 'node:dns/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AimeApi } from '../../../shared/contract.js';
import type { Logger } from '../types.js';
import { createApiApp } from './app.js';
import { createOwnerLogins } from './owner-login.js';
import { errorBody, jsonError } from './responses.js';
import { hostProblem } from './security.js';

export interface StartApiServerOptions {
  api: AimeApi;
  /** The owner's API token (`core.apiToken`). */
  token: string;
  port: number;
  host?: '127.0.0.1';
  staticDir?: string;
  log: Logger;
  heartbeatMs?: number;
}

export interface ApiServer {
  url: string;
  port: number;
  /** Every address listened on, e.g. ["127.0.0.1:8000", "[::1]:8000"]; [::1] once `ipv6` has settled. */
  addresses: string[];
  /** Settles once [::1] is listened on too, or could not be, or never will be (closed first). */
  ipv6: Promise<void>;
  /** The settings page's URL with a new one-time `?token=`, exchanged for the owner's cookie on first load. */
  ownerUrl(): string;
  close(): Promise<void>;
}

function listen(server: http.Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true }, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function localhostIsIpv6(): Promise<boolean> {
  try {
    const addresses = await dns.lookup('localhost', { all: true });
    return addresses.some((a) => a.family === 6 && a.address === '::1');
  } catch {
    return false;
  }
}

/** How long after 127.0.0.1 the API opens [::1]. */
export const IPV6_DELAY_MS = 200;

/**
 * Opens [::1] too. Not before the API answers on 127.0.0.1: the first IPv6 address a Node
 * process handles costs 3.5 ms (Node compiles its IPv6 pattern), a thirtieth of `aime serve`'s
 * time to its first answer (issue 14), so it comes a moment later, as the scheduler's timers do.
 * A client whose localhost is ::1 and that comes in that moment falls back to 127.0.0.1, as curl
 * and browsers do. null when it cannot be opened: no IPv6 loopback here, or the port is taken
 * there, which matters only where localhost is ::1 (said then).
 */
async function listenOnIpv6Loopback(listener: http.RequestListener, port: number, log: Logger): Promise<http.Server | null> {
  const server = http.createServer(listener);
  try {
    await listen(server, port, '::1');
    log.info(`API listening on http://[::1]:${port} too`);
    return server;
  } catch (error) {
    if (await localhostIsIpv6()) {
      log.warn(`localhost resolves to ::1 but [::1]:${port} could not be opened (${(error as Error).message}); use http://127.0.0.1:${port}`);
    }
    return null;
  }
}

/**
 * Runs `work` after `ms` (an unref'd timer). `done` settles when it has run, or at `cancel()`
 * if that comes first; a cancel while it runs changes nothing (wait for `done`).
 */
function later(ms: number, work: () => Promise<void>): { done: Promise<void>; cancel(): void } {
  let cancel = () => {};
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      cancel = () => {};
      void work().finally(resolve);
    }, ms);
    timer.unref();
    cancel = () => {
      clearTimeout(timer);
      resolve();
    };
  });
  return { done, cancel: () => cancel() };
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Event streams never end on their own: cut them so close() finishes.
    server.closeAllConnections();
  });
}

export async function startApiServer(options: StartApiServerOptions): Promise<ApiServer> {
  const log = options.log.child('aime.api');
  const host = options.host ?? '127.0.0.1';
  const logins = createOwnerLogins();
  const app = createApiApp(options.api, {
    staticDir: options.staticDir,
    log,
    heartbeatMs: options.heartbeatMs,
    token: options.token,
    logins,
  });
  const listener = getRequestListener(app.fetch, {
    // Requests the adapter cannot even turn into a URL still get an answer, never a hung socket.
    errorHandler: (error) => {
      const message = error instanceof Error ? error.message : String(error);
      log.warn(`request refused: ${message}`);
      return jsonError('bad_request', `the request could not be read: ${message}`);
    },
  });
  // The Host check runs here too, on the raw header, before the adapter builds a URL from it:
  // a missing or malformed Host must be a clear 403, not an adapter error.
  const guarded: http.RequestListener = (incoming, outgoing) => {
    const problem = hostProblem(incoming.headers.host, incoming.socket.localPort);
    if (problem) {
      const body = Buffer.from(JSON.stringify(errorBody('forbidden', problem)));
      outgoing.writeHead(403, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': body.length,
        connection: 'close',
      });
      outgoing.end(body);
      return;
    }
    void listener(incoming, outgoing);
  };
  const servers: http.Server[] = [];
  const primary = http.createServer(guarded);
  let port: number;
  try {
    port = await listen(primary, options.port, host);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      throw new Error(`port ${options.port} on ${host} is already in use; choose another with --port`, { cause: error });
    }
    throw error;
  }
  servers.push(primary);
  const addresses = [`${host}:${port}`];

  const ipv6 = later(IPV6_DELAY_MS, async () => {
    const server = await listenOnIpv6Loopback(guarded, port, log);
    if (!server) return;
    servers.push(server);
    addresses.push(`[::1]:${port}`);
  });

  const url = `http://${host}:${port}`;
  log.info(`API listening on ${url}`);
  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    addresses,
    ipv6: ipv6.done,
    ownerUrl: () => `${url}/?token=${logins.mint()}`,
    close: () => {
      ipv6.cancel();
      return (closing ??= ipv6.done.then(() => Promise.all(servers.map(closeServer))).then(() => undefined));
    },
  };
}
