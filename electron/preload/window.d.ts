/**
 * `window.aime` as the preload exposes it. Absent when the renderer is served by `aime serve`
 * in a browser (the renderer then uses its HTTP client).
 */
import type { AimeBridge } from './preload.js';

declare global {
  interface Window {
    aime?: AimeBridge;
  }
}

export {};
