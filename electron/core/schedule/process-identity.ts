/**
 * Who owns a `running` run row or the data-folder lock. A pid alone is not enough: after a
 * crash the restarted app (often pid 1 in a container) can get the very same pid, and would
 * then wait forever on its own dead run. So each owner is "pid + a token drawn once per
 * process lifetime": our pid with another token is a previous life of this process.
 */
import { randomUUID } from 'node:crypto';

/** Drawn once when this module loads, i.e. once per process lifetime. */
export const PROCESS_TOKEN: string = randomUUID();

export function isPidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user, so it is alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Is the process that wrote (pid, token) still running? */
export function isOwnerAlive(pid: number | null, token: string | null): boolean {
  if (pid === null) return false;
  if (pid === process.pid) return token === PROCESS_TOKEN;
  return isPidAlive(pid);
}
