/**
 * One host for every door (DESIGN.md §5): a started core (data-folder lock, scheduler) plus the
 * loopback REST API and the settings page. `aime serve` and the desktop app's main process both
 * start one. The API follows the settings `api.enabled` / `api.port` while running (unless
 * `aime serve --port` fixed the port); the port it really listens on is written into the lock
 * file so the CLI can work through this host. A port already taken is not fatal: the host runs
 * without the API, says why in its state (for the window and the tray) and in the log, naming
 * the port and, as far as it can tell, what holds it.
 */
import type { ApiState } from '../../shared/api.js';
import type { Settings } from '../../shared/config.js';
import { startApiServer, type ApiServer } from './api/index.js';
import type { Core } from './app.js';
import { readLockHolder } from './schedule/index.js';

export type { ApiState };

export interface HostOptions {
  core: Core;
  /** The built settings page (renderer/dist), served at `/` when it holds an index.html. */
  staticDir?: string;
  /** This process's port instead of api.port (`aime serve --port N`, AIME_API_PORT); 0: any free port. */
  port?: number;
  /** `aime serve`: serve whatever api.enabled says (serving is what it is for). */
  alwaysServe?: boolean;
  heartbeatMs?: number;
  /** Data folders whose lock may name the process holding a port we could not take. */
  otherDataDirs?: string[];
}

export interface Host {
  core: Core;
  apiState(): ApiState;
  onApiState(listener: (state: ApiState) => void): () => void;
  /** Starts the core (lock, scheduler) and then the API. A taken port does not throw; a held data folder does. */
  start(): Promise<void>;
  /** Stops the API, then the core (timers, runs in progress, database, lock). */
  close(): Promise<void>;
}

/** Best effort: "AIME Scheduler (pid 4242, data folder …)" when another data folder's lock names the port. */
export function describePortHolder(port: number, dataDirs: readonly string[]): string {
  for (const dir of dataDirs) {
    const holder = readLockHolder(dir);
    if (holder && holder.port === port) return `AIME Scheduler (pid ${holder.pid}, data folder ${dir})`;
  }
  return 'another program';
}

function isAddressInUse(error: unknown): boolean {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') return true;
  }
  return false;
}

const RESTART_DELAY_MS = 100;

export function createHost(options: HostOptions): Host {
  const { core } = options;
  const log = core.log.child('aime.host');
  const listeners = new Set<(state: ApiState) => void>();
  let server: ApiServer | null = null;
  let state: ApiState = { enabled: false, port: 0, url: null, problem: null };
  let started = false;
  let closed = false;
  // Server changes happen one after the other (a burst of settings changes, then close).
  let queue: Promise<void> = Promise.resolve();

  const wanted = (settings: Settings): { enabled: boolean; port: number } => ({
    enabled: options.alwaysServe === true || settings.api.enabled,
    port: options.port ?? settings.api.port,
  });

  const publish = (next: ApiState) => {
    state = next;
    core.reportApi(next);
    for (const listener of [...listeners]) {
      try {
        listener({ ...state });
      } catch (error) {
        log.warn(`an API state listener failed: ${(error as Error).message}`);
      }
    }
  };

  async function apply(): Promise<void> {
    const want = wanted(core.settings.get());
    // Nothing to do when already as wanted; a port that was taken is tried again on any change.
    if (want.enabled === state.enabled && want.port === state.port && (server !== null || !want.enabled)) return;
    if (server) {
      await server.close();
      server = null;
      log.info('API stopped');
    }
    if (!want.enabled) {
      publish({ enabled: false, port: want.port, url: null, problem: null });
      log.info('API off (api.enabled is false): the CLI works on the data folder directly only while no app holds it');
      return;
    }
    try {
      server = await startApiServer({
        api: core.api,
        port: want.port,
        staticDir: options.staticDir,
        log: core.log,
        heartbeatMs: options.heartbeatMs,
      });
      publish({ enabled: true, port: want.port, url: server.url, problem: null });
    } catch (error) {
      if (!isAddressInUse(error)) throw error;
      const holder = describePortHolder(want.port, options.otherDataDirs ?? []);
      const problem = `port ${want.port} on 127.0.0.1 is in use by ${holder}`;
      log.warn(`API not started: ${problem}. The app runs without it; choose another port (api.port) in the settings.`);
      publish({ enabled: true, port: want.port, url: null, problem });
    }
  }

  const schedule = (): Promise<void> => {
    const next = queue.then(apply);
    queue = next.catch((error: unknown) => log.error(`API (re)start failed: ${(error as Error).message}`));
    return next;
  };

  core.settings.onChange((settings, previous) => {
    if (!started || closed) return;
    if (settings.api.enabled === previous.api.enabled && settings.api.port === previous.api.port) return;
    // A moment later, so the answer to the request that made the change (over this very API)
    // goes out before the server it came through closes.
    setTimeout(() => {
      if (!closed) void schedule().catch(() => undefined);
    }, RESTART_DELAY_MS);
  });

  return {
    core,
    apiState: () => ({ ...state }),
    onApiState(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    async start() {
      await core.start();
      started = true;
      try {
        await schedule();
      } catch (error) {
        await core.close();
        throw error;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await queue;
      if (server) {
        await server.close();
        server = null;
      }
      await core.close();
    },
  };
}
