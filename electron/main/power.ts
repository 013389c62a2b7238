/**
 * Wake-up hooks: after sleep or when the session is unlocked, ask the core to look for a
 * missed or late run at once. These events are unreliable on some systems, which is why the
 * core also checks the wall clock on its own; this only makes the catch-up immediate.
 */
import type { Logger } from '../core/types.js';

export const WAKE_EVENTS = ['resume', 'unlock-screen'] as const;

export interface PowerMonitorPort {
  on(event: (typeof WAKE_EVENTS)[number], listener: () => void): unknown;
}

export function watchWakeUps(powerMonitor: PowerMonitorPort, checkNow: () => Promise<void>, log: Logger): void {
  for (const name of WAKE_EVENTS) {
    powerMonitor.on(name, () => {
      log.info(`System event "${name}": checking for missed runs`);
      checkNow().catch((error: unknown) => log.error(`Check after "${name}" failed: ${String(error)}`));
    });
  }
}
