/**
 * The `AimeApi` implementation the preload exposes, built over a minimal transport so it can
 * be tested without Electron. `electron/preload/ipc.ts` supplies the real transport
 * (`ipcRenderer`); nothing here touches Electron.
 */
import { AIME_METHODS, type AimeApi, type AimeMethod, AimeError, fromAimeErrorData, isAimeErrorData, toAimeErrorData, type AimeErrorData } from '../../shared/contract.js';
import type { AimeEvent } from '../../shared/api.js';
import { EVENT_CHANNEL, methodChannel, type IpcResult } from './channels.js';

/** The part of `ipcRenderer` the bridge needs. */
export interface RendererTransport {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** Unwraps a handler's `IpcResult`, rethrowing `{ ok: false }` as the `AimeError` it was. */
export function unwrapResult<T>(method: AimeMethod, result: unknown): T {
  if (typeof result === 'object' && result !== null && 'ok' in result) {
    const typed = result as IpcResult<T>;
    if (typed.ok) return typed.value;
    if (isAimeErrorData(typed.error)) {
      throw fromAimeErrorData(typed.error);
    }
  }
  throw new AimeError('internal', `${method}: unexpected answer from the main process`);
}

/** A typed caller for one method: its parameters and result come from `AimeApi`. */
export function invoker<M extends AimeMethod>(
  transport: RendererTransport,
  method: M,
): (...args: Parameters<AimeApi[M]>) => ReturnType<AimeApi[M]> {
  const channel = methodChannel(method);
  const call = async (...args: Parameters<AimeApi[M]>) => unwrapResult(method, await transport.invoke(channel, ...args));
  return call as (...args: Parameters<AimeApi[M]>) => ReturnType<AimeApi[M]>;
}

/**
 * Listens to the main process's `aime:event` channel. One IPC listener per subscriber, so
 * unsubscribing removes exactly that one; the Electron event object never reaches the page.
 */
export function subscriber(transport: RendererTransport): AimeApi['subscribe'] {
  return (listener: (event: AimeEvent) => void) => {
    const onEvent = (_event: unknown, payload: unknown) => listener(payload as AimeEvent);
    transport.on(EVENT_CHANNEL, onEvent);
    return () => {
      transport.removeListener(EVENT_CHANNEL, onEvent);
    };
  };
}

export function createBridge(transport: RendererTransport): AimeApi {
  const methods = Object.fromEntries(AIME_METHODS.map((method) => [method, invoker(transport, method)])) as {
    [M in AimeMethod]: AimeApi[M];
  };
  return { ...methods, subscribe: subscriber(transport) };
}

/** What a call rejects with on the page's side of the context bridge. */
export type BridgeRejection = AimeErrorData & { name: 'AimeError' };

/**
 * The object actually handed to `contextBridge.exposeInMainWorld`. The context bridge copies
 * a thrown Error as a bare Error with only its message (custom fields such as `code` are
 * lost), while plain objects are copied whole. So calls reject with the error's data
 * (`{ name: 'AimeError', code, message, details }`); the renderer turns it back into its own
 * `AimeError` with `isAimeErrorData` (an `instanceof` could not work across the two worlds
 * anyway: each has its own AimeError class).
 */
export function forMainWorld(api: AimeApi): AimeApi {
  const methods = Object.fromEntries(
    AIME_METHODS.map((method) => {
      const fn = api[method] as (...args: unknown[]) => Promise<unknown>;
      const call = (...args: unknown[]) =>
        fn(...args).catch((error: unknown) => {
          const rejection: BridgeRejection = { name: 'AimeError', ...toAimeErrorData(error) };
          return Promise.reject(rejection);
        });
      return [method, call];
    }),
  ) as unknown as { [M in AimeMethod]: AimeApi[M] };
  return { ...methods, subscribe: (listener) => api.subscribe(listener) };
}
