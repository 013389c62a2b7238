/**
 * The application menu. macOS needs one (the app menu with Quit, and the Edit menu for copy and
 * paste in text fields); on Windows and Linux the packaged window has no menu bar at all. The
 * developer tools and Reload only exist in development.
 */
import type { MenuItemConstructorOptions } from 'electron';

export function applicationMenu(platform: NodeJS.Platform, packaged: boolean): MenuItemConstructorOptions[] | null {
  const devView: MenuItemConstructorOptions[] = packaged ? [] : [{ role: 'viewMenu' }];
  if (platform === 'darwin') return [{ role: 'appMenu' }, { role: 'editMenu' }, ...devView, { role: 'windowMenu' }];
  return packaged ? null : [{ role: 'fileMenu' }, { role: 'editMenu' }, ...devView];
}

export interface MenuPort {
  buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
  setApplicationMenu(menu: unknown): void;
}

export function installApplicationMenu(Menu: MenuPort, platform: NodeJS.Platform, packaged: boolean): void {
  const template = applicationMenu(platform, packaged);
  Menu.setApplicationMenu(template ? Menu.buildFromTemplate(template) : null);
}
