/**
 * IPC channel names, shared by the two wrappers (electron/main/ipc.ts and
 * electron/preload/ipc.ts) so neither side spells a channel by hand.
 */
import type { AimeMethod } from '../../shared/contract.js';

/** One `ipcMain.handle` channel per AimeApi method: `aime:<method>`. */
export function methodChannel(method: AimeMethod): `aime:${AimeMethod}` {
  return `aime:${method}`;
}

/** Main → window: every `AimeEvent` of the core. */
export const EVENT_CHANNEL = 'aime:event';

/** What travels back from a handler: errors as data, since IPC loses Error subclasses. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: import('../../shared/contract.js').AimeErrorData };
