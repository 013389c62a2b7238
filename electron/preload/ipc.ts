/**
 * THE ONLY renderer-side file that touches `ipcRenderer` (lint enforces it). It hands the
 * real transport to the bridge; the page only ever sees the resulting `AimeApi` object.
 */
import { ipcRenderer } from 'electron';
import type { AimeApi } from '../../shared/contract.js';
import { createBridge, type RendererTransport } from './bridge.js';

const transport: RendererTransport = {
  invoke: (channel, ...args) => ipcRenderer.invoke(channel, ...args),
  on: (channel, listener) => ipcRenderer.on(channel, listener),
  removeListener: (channel, listener) => ipcRenderer.removeListener(channel, listener),
};

export function createIpcApi(): AimeApi {
  return createBridge(transport);
}
