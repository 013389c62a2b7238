import { describe, expect, it } from 'vitest';
import { applicationMenu, installApplicationMenu } from './app-menu.js';

describe('application menu', () => {
  it('macOS keeps the app menu (Quit) and Edit (copy/paste), without dev tools when packaged', () => {
    expect(applicationMenu('darwin', true)).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }]);
    expect(applicationMenu('darwin', false)).toContainEqual({ role: 'viewMenu' });
  });

  it('Windows and Linux have no menu bar when packaged, a small one in development', () => {
    expect(applicationMenu('win32', true)).toBeNull();
    expect(applicationMenu('linux', true)).toBeNull();
    expect(applicationMenu('linux', false)).toEqual([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }]);
  });

  it('installs the built menu, or removes it', () => {
    const set: unknown[] = [];
    const Menu = { buildFromTemplate: (t: unknown) => ({ built: t }), setApplicationMenu: (m: unknown) => void set.push(m) };
    installApplicationMenu(Menu, 'win32', true);
    installApplicationMenu(Menu, 'darwin', true);
    expect(set).toEqual([null, { built: [{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'windowMenu' }] }]);
  });
});
