/**
 * Preload (sandboxed, bundled to one CommonJS file): exposes the typed API as `window.aime`.
 * Only plain functions cross the bridge: no ipcRenderer, no Node objects.
 */
import { contextBridge } from 'electron';
import { forMainWorld } from './bridge.js';
import { createIpcApi } from './ipc.js';

// Rejections cross the bridge as plain `{ name: 'AimeError', code, message, details }` objects.
const api = forMainWorld(createIpcApi());

/** The renderer's `window.aime` type is derived from this object (see window.d.ts). */
export type AimeBridge = typeof api;

contextBridge.exposeInMainWorld('aime', api);
