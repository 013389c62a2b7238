/**
 * "Start at login" (settings `desktop.start_at_login`): registers the app with the OS, to
 * start in the tray (`--hidden`). Electron supports this on macOS and Windows; on Linux the
 * call does nothing, and the README explains the autostart entry to add by hand.
 */
export const HIDDEN_FLAG = '--hidden';

export interface LoginItemPort {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAsHidden?: boolean; wasOpenedAtLogin?: boolean };
}

export function applyStartAtLogin(app: Pick<LoginItemPort, 'setLoginItemSettings'>, enabled: boolean): void {
  app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true, args: enabled ? [HIDDEN_FLAG] : [] });
}

/**
 * Start in the tray when launched with `--hidden` (our login item on Windows, or by the user)
 * or opened hidden at login by macOS. The first run always shows the window.
 */
export function shouldStartHidden(
  argv: readonly string[],
  loginItem: { wasOpenedAsHidden?: boolean } | null,
  firstRun: boolean,
): boolean {
  if (firstRun) return false;
  return argv.includes(HIDDEN_FLAG) || loginItem?.wasOpenedAsHidden === true;
}
