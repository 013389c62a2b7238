/**
 * When the app lives and dies: one instance per data folder, closing the window is not
 * quitting, and Quit (tray, app menu, Cmd+Q, OS shutdown or logout) stops the scheduler and
 * closes the database before the process exits.
 */
import type { Logger } from '../core/types.js';
import type { PreventableEvent } from './security.js';

export interface AppLifecyclePort {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  exit(code?: number): void;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit' | 'will-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
}

/**
 * Takes the single-instance lock. The first instance gets `true` (startDesktop then shows its
 * window on every 'second-instance'); a second launch gets `false` and quits at once, before
 * it opens any data, and Electron wakes the first one.
 */
export function claimSingleInstance(app: Pick<AppLifecyclePort, 'requestSingleInstanceLock' | 'quit'>): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  return true;
}

export interface QuitGuard {
  /** True once a real quit has started: windows then close instead of hiding. */
  isQuitting(): boolean;
  /** Quit for real (tray, OS shutdown). */
  quit(): void;
}

export interface QuitGuardOptions {
  /** Stops the scheduler, waits for running tasks, closes the database, releases the lock. */
  closeCore: () => Promise<void>;
  log: Logger;
}

export interface ShutdownPort {
  on(event: 'shutdown', listener: () => void): unknown;
}

export function createQuitGuard(app: AppLifecyclePort, options: QuitGuardOptions, powerMonitor?: ShutdownPort): QuitGuard {
  let quitting = false;
  let coreClosed = false;
  let closing = false;

  app.on('before-quit', () => {
    quitting = true;
  });
  // The app stays in the tray when its window is closed: no quit on window-all-closed.
  app.on('window-all-closed', () => undefined);
  app.on('will-quit', (event) => {
    if (coreClosed) return;
    // Hold the exit until the core has finished its work and closed the database cleanly.
    event.preventDefault();
    if (closing) return;
    closing = true;
    options
      .closeCore()
      .catch((error: unknown) => options.log.error(`Closing the engine failed: ${String(error)}`))
      .finally(() => {
        coreClosed = true;
        options.log.info('AIME Scheduler stopped');
        app.quit();
      });
  });
  // Linux and macOS: the OS is shutting down; quit cleanly instead of being killed mid-write.
  powerMonitor?.on('shutdown', () => {
    quitting = true;
    app.quit();
  });

  return {
    isQuitting: () => quitting,
    quit: () => {
      quitting = true;
      app.quit();
    },
  };
}
