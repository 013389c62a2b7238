/**
 * Where the window's AimeApi comes from: the Electron preload exposes `window.aime` (IPC);
 * opened in a browser from `aime serve`, the window talks HTTP to the page's own origin.
 */
import type { AimeApi } from '../../../shared/api.js';
import { createHttpApi } from './http.js';

export function pickApi(host: { aime?: AimeApi } = globalThis as { aime?: AimeApi }): AimeApi {
  return host.aime ?? createHttpApi('');
}
