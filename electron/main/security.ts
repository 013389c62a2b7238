/**
 * Everything that keeps web content in its box, in one place (DESIGN.md §8): secure
 * webPreferences, the Content-Security-Policy, no navigation, no new windows, no webviews,
 * no permissions; http(s) links open in the user's browser, nothing else opens at all.
 */
import type { WebPreferences } from 'electron';
import type { Logger } from '../core/types.js';

/** The renderer is served from this privileged custom scheme (see app-protocol.ts), not file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'aime';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Strict policy for the packaged renderer: only our own scripts and styles, no eval, no
 * plugins, no framing, no network except our own origin (the renderer talks to the engine
 * over IPC, never over HTTP). A Vite dev server needs its inline preamble and websocket.
 */
export function contentSecurityPolicy(devServerUrl?: string): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const wsOrigin = dev ? `ws://${dev.host}` : '';
  const directives = [
    "default-src 'self'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    dev ? `connect-src 'self' ${wsOrigin}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "worker-src 'none'",
  ];
  return directives.join('; ');
}

/** The webPreferences of every window: isolated, sandboxed, no Node; dev tools only in development. */
export function secureWebPreferences(preloadPath: string, devTools = false): WebPreferences {
  return {
    preload: preloadPath,
    devTools,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** Only plain web links may leave the app, and only to the user's browser. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

/** A reload of the app's own page is the one navigation allowed. */
export function isAppPage(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    // Compare scheme, host and port: `origin` is "null" for custom schemes in Node's URL.
    return (
      target.protocol === app.protocol &&
      target.host === app.host &&
      target.pathname === app.pathname &&
      target.username === '' &&
      target.password === ''
    );
  } catch {
    return false;
  }
}

/** Same scheme, host and port as the app's page: the origin IPC callers must come from. */
export function isSameOrigin(url: string, appUrl: string): boolean {
  try {
    const target = new URL(url);
    const app = new URL(appUrl);
    return target.protocol === app.protocol && target.host === app.host && target.username === '' && target.password === '';
  } catch {
    return false;
  }
}

export interface PreventableEvent {
  preventDefault(): void;
}

/** The parts of a window's webContents the hardening touches. */
export interface HardenableContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
  openPath(path: string): Promise<string>;
}

/**
 * Denies navigation away from the app page and every new window. A link to an http(s)
 * page (e.g. the EurIA docs) opens in the default browser instead; other schemes (file:,
 * javascript:, custom protocols) are refused and logged.
 */
export function hardenWebContents(
  contents: HardenableContents,
  options: { appUrl: string; shell: Pick<ShellPort, 'openExternal'>; log: Logger },
): void {
  const sendOut = (url: string, why: string) => {
    if (isExternalHttpUrl(url)) {
      void options.shell.openExternal(url).catch((error: unknown) => {
        options.log.warn(`Could not open ${url} in the browser: ${String(error)}`);
      });
    } else {
      options.log.warn(`Refused ${why} to ${url}`);
    }
  };
  const onNavigate = (event: PreventableEvent, url: string) => {
    if (isAppPage(url, options.appUrl)) return;
    event.preventDefault();
    sendOut(url, 'navigation');
  };
  contents.on('will-navigate', onNavigate);
  contents.on('will-redirect', onNavigate);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    sendOut(url, 'new window');
    return { action: 'deny' };
  });
}

export interface HeadersDetails {
  responseHeaders?: Record<string, string | string[]>;
}

export interface SessionPort {
  webRequest: {
    onHeadersReceived(
      listener: (
        details: HeadersDetails,
        callback: (response: { responseHeaders?: Record<string, string | string[]> }) => void,
      ) => void,
    ): void;
  };
  setPermissionRequestHandler(
    handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void,
  ): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
}

/** Adds the CSP to every response of the session, replacing any policy a server sent. */
export function withCsp(
  headers: Record<string, string | string[]> | undefined,
  csp: string,
): Record<string, string | string[]> {
  const kept = Object.fromEntries(
    Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'),
  );
  return { ...kept, 'Content-Security-Policy': [csp] };
}

/** CSP on every response, and no permission (camera, notifications from the page, …) is ever granted. */
export function secureSession(session: SessionPort, csp: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
