/**
 * THE ONLY main-side file that touches `ipcMain` (lint enforces it). Every `AimeApi` method is
 * registered once on `aime:<method>`; each call goes through the same three steps:
 *   1. the sender must be the app's own window (anything else is refused and logged),
 *   2. the arguments are validated with the shared schemas (`parseArgs`),
 *   3. the core's method runs; the answer or the error travels back as an `IpcResult`.
 * Events of the core are forwarded to the window on `aime:event`.
 */
import { AIME_METHODS, type AimeApi, type AimeMethod, AimeError, toAimeErrorData, parseArgs, specOf } from '../../shared/contract.js';
import type { AimeEvent } from '../../shared/api.js';
import type { Logger } from '../core/types.js';
import { EVENT_CHANNEL, methodChannel, type IpcResult } from '../preload/channels.js';

/** A frame as Electron's WebFrameMain describes it. */
export interface FrameLike {
  url: string;
  processId?: number;
  routingId?: number;
}

/** What the wrapper needs from a handler's event (Electron's IpcMainInvokeEvent): who sent it. */
export interface SenderEvent {
  sender: { id: number };
  senderFrame: FrameLike | null;
}

/** The part of Electron's `ipcMain` used here; the real one is passed by main.ts. */
export interface IpcMainPort {
  handle(channel: string, listener: (event: SenderEvent, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions {
  ipcMain: IpcMainPort;
  api: AimeApi;
  /** True only for the app's own window (see `trustedSender`). */
  isTrusted: (event: SenderEvent) => boolean;
  log: Logger;
}

/** Runs one call: sender check, validation, core method, error mapping. Exported for tests. */
export async function handleCall(
  options: Omit<IpcOptions, 'ipcMain'>,
  method: AimeMethod,
  event: SenderEvent,
  rawArgs: unknown[],
): Promise<IpcResult<unknown>> {
  if (!options.isTrusted(event)) {
    const url = describeSender(event);
    options.log.warn(`IPC ${method} refused: the sender is not the app's window (${url})`);
    return { ok: false, error: toAimeErrorData(new AimeError('invalid_input', `${method}: sender not allowed`)) };
  }
  try {
    const args = parseArgs(method, rawArgs) as unknown[];
    // IPC stamps who started it: the window's clicks are "manual", whatever it claims.
    const triggerArg = specOf(method).triggerArg;
    if (triggerArg !== undefined) args[triggerArg] = 'manual';
    const fn = options.api[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn.apply(options.api, args) };
  } catch (error) {
    const data = toAimeErrorData(error);
    if (data.code === 'internal') options.log.error(`IPC ${method}: ${data.message}`);
    return { ok: false, error: data };
  }
}

/** Registers every method; returns a function that removes them all again. */
export function registerIpcHandlers(options: IpcOptions): () => void {
  for (const method of AIME_METHODS) {
    options.ipcMain.handle(methodChannel(method), (event, ...args: unknown[]) =>
      handleCall(options, method, event, args),
    );
  }
  return () => {
    for (const method of AIME_METHODS) options.ipcMain.removeHandler(methodChannel(method));
  };
}

/** The bits of a BrowserWindow the sender check and the event forwarder use. */
export interface WindowTarget {
  isDestroyed(): boolean;
  webContents: { id: number; isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void; mainFrame: FrameLike };
}

function sameFrame(a: FrameLike, b: FrameLike): boolean {
  if (a === b) return true;
  return a.processId !== undefined && a.routingId !== undefined && a.processId === b.processId && a.routingId === b.routingId;
}

/**
 * The sender is trusted when it is the top frame of the app's current window showing the
 * app's own page: same webContents, the frame is that webContents' main frame (no iframe),
 * and its URL is on the app's origin (nothing the window might have been navigated to).
 */
export function trustedSender(
  getWindow: () => WindowTarget | null,
  isOwnUrl: (url: string) => boolean,
): (event: SenderEvent) => boolean {
  return (event) => {
    const win = getWindow();
    if (!win || win.isDestroyed() || win.webContents.isDestroyed()) return false;
    if (event.sender.id !== win.webContents.id) return false;
    const frame = event.senderFrame;
    if (!frame || !sameFrame(frame, win.webContents.mainFrame)) return false;
    return isOwnUrl(frame.url);
  };
}

/** Sends every core event to the window while it exists; returns the unsubscribe function. */
export function forwardEvents(api: Pick<AimeApi, 'subscribe'>, getWindow: () => WindowTarget | null): () => void {
  return api.subscribe((event: AimeEvent) => {
    const win = getWindow();
    if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
}

function describeSender(event: SenderEvent): string {
  try {
    return event.senderFrame?.url || `webContents ${event.sender.id}`;
  } catch {
    return `webContents ${event.sender.id}`;
  }
}

/**
 * Electron's real `ipcMain`, loaded on demand so this file stays importable in plain Node
 * (tests pass a fake). This is the only place the app touches it.
 */
export async function electronIpcMain(): Promise<IpcMainPort> {
  const { ipcMain } = await import('electron');
  return ipcMain;
}
