/** The window's security settings, tested adversarially (navigation, new windows, links, CSP, permissions). */
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../core/log.js';
import {
  APP_ENTRY_URL,
  contentSecurityPolicy,
  hardenWebContents,
  isAppPage,
  isExternalHttpUrl,
  secureSession,
  secureWebPreferences,
  withCsp,
} from './security.js';
import { windowOptions } from './window.js';
import { FakeSession, FakeWebContents } from '../../test/support/fake-electron.js';

function hardened() {
  const contents = new FakeWebContents();
  const external: string[] = [];
  const lines: string[] = [];
  hardenWebContents(contents, {
    appUrl: APP_ENTRY_URL,
    shell: { openExternal: async (url) => void external.push(url) },
    log: createMemoryLogger(lines),
  });
  return { contents, external, lines };
}

describe('webPreferences', () => {
  it('isolates and sandboxes the page, without Node, with our preload', () => {
    const prefs = windowOptions('/app/dist/preload/preload.cjs').webPreferences;
    expect(prefs).toEqual(secureWebPreferences('/app/dist/preload/preload.cjs'));
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(windowOptions('/p', undefined, true).webPreferences?.devTools).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  const directives = (csp: string) => new Map(csp.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)]));

  it('allows only our own scripts, no eval, no inline script, no plugins, no framing', () => {
    const csp = directives(contentSecurityPolicy());
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(contentSecurityPolicy()).not.toMatch(/unsafe-eval|\*/);
  });

  it('loosens only what a Vite dev server needs, for its own host', () => {
    const csp = directives(contentSecurityPolicy('http://localhost:5173/'));
    expect(csp.get('script-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://localhost:5173']);
  });

  it('replaces any policy a response carried, whatever its header case', () => {
    expect(withCsp({ 'content-security-policy': ['default-src *'], 'X-Other': 'kept' }, "default-src 'self'")).toEqual({
      'X-Other': 'kept',
      'Content-Security-Policy': ["default-src 'self'"],
    });
  });

  it('is put on every response of the session, and every permission is refused', () => {
    const session = new FakeSession();
    secureSession(session, "default-src 'self'");
    let headers: Record<string, string | string[]> | undefined;
    session.headersListener!({ responseHeaders: { 'Content-Type': ['text/html'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ["default-src 'self'"] });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
      let granted: boolean | null = null;
      session.permissionRequest!(null, permission, (g) => (granted = g));
      expect(granted).toBe(false);
      expect(session.permissionCheck!(null, permission)).toBe(false);
    }
  });
});

describe('navigation and new windows', () => {
  it('allows reloading the app page only', () => {
    const { contents } = hardened();
    expect(contents.emitPreventable('will-navigate', 'app://aime/index.html')).toBe(false);
    expect(contents.emitPreventable('will-navigate', 'app://aime/index.html#/history')).toBe(false);
    for (const url of ['app://aime/other.html', 'app://evil/index.html', 'file:///etc/passwd', 'https://example.com/']) {
      expect(contents.emitPreventable('will-navigate', url)).toBe(true);
      expect(contents.emitPreventable('will-redirect', url)).toBe(true);
    }
  });

  it('opens http(s) links in the browser instead of navigating; other schemes go nowhere and are logged', () => {
    const { contents, external, lines } = hardened();
    contents.emitPreventable('will-navigate', 'https://euria.infomaniak.com/docs');
    contents.emitPreventable('will-navigate', 'file:///home/user/.ssh/id_rsa');
    contents.emitPreventable('will-navigate', 'javascript:alert(1)');
    expect(external).toEqual(['https://euria.infomaniak.com/docs']);
    expect(lines.filter((l) => l.includes('WARN - Refused navigation'))).toHaveLength(2);
  });

  it('denies every new window; only http(s) ones reach the browser', () => {
    const { contents, external } = hardened();
    const urls = ['https://example.com/a', 'http://example.com/b', 'smb://share/x', 'file:///C:/Windows', 'about:blank', 'app://aime/index.html'];
    for (const url of urls) expect(contents.windowOpenHandler!({ url })).toEqual({ action: 'deny' });
    expect(external).toEqual(['https://example.com/a', 'http://example.com/b']);
  });

  it('refuses webviews', () => {
    const { contents } = hardened();
    expect(contents.emitPreventable('will-attach-webview')).toBe(true);
  });

  it('recognises external web links adversarially', () => {
    expect(isExternalHttpUrl('https://example.com')).toBe(true);
    expect(isExternalHttpUrl('HTTP://EXAMPLE.COM/x')).toBe(true);
    for (const url of ['', 'example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'data:text/html,x', 'https://', 'ms-settings:', '  ']) {
      expect(isExternalHttpUrl(url)).toBe(false);
    }
    expect(isAppPage('app://aime/index.html?x=1', APP_ENTRY_URL)).toBe(true);
    expect(isAppPage('not a url', APP_ENTRY_URL)).toBe(false);
  });
});
