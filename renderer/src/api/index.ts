/**
 * Where the window's AimeApi comes from: the Electron preload exposes `window.aime` (IPC);
 * opened in a browser from `aime serve`, the window talks HTTP to the page's own origin.
 */
import { AIME_METHODS, type AimeApi, AimeError, fromAimeErrorData, isAimeErrorData } from '../../../shared/contract.js';
import { createHttpApi } from '../../../shared/http-client.js';

/**
 * Errors crossing Electron's context bridge arrive as plain `{code, message, details}` objects
 * (class identity cannot survive it), so the window turns them back into AimeError, as the HTTP
 * client does, and checks such as `error.code === 'already_running'` work on both transports.
 */
export function withAimeErrors(bridge: AimeApi): AimeApi {
  const api = { subscribe: (listener) => bridge.subscribe(listener) } as AimeApi;
  for (const method of AIME_METHODS) {
    const call = bridge[method] as (...args: unknown[]) => Promise<unknown>;
    (api as unknown as Record<string, unknown>)[method] = (...args: unknown[]) =>
      call(...args).catch((error: unknown) => {
        throw isAimeErrorData(error) && !(error instanceof AimeError)
          ? fromAimeErrorData(error)
          : error;
      });
  }
  return api;
}

export function pickApi(host: { aime?: AimeApi } = globalThis as { aime?: AimeApi }): AimeApi {
  return host.aime ? withAimeErrors(host.aime) : createHttpApi('');
}
