/**
 * "Start at login" (settings `desktop.start_at_login`): registers the app with the OS so it
 * starts in the tray (`--hidden`). macOS and Windows go through Electron's login items; Linux
 * has none in Electron, so an XDG autostart entry is written (`~/.config/autostart`).
 */
import fs from 'node:fs';
import path from 'node:path';

export const HIDDEN_FLAG = '--hidden';
export const AUTOSTART_FILE = 'aime-scheduler.desktop';

export interface LoginItemPort {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean; args?: string[] }): void;
  getLoginItemSettings(): { openAtLogin: boolean; wasOpenedAsHidden?: boolean; wasOpenedAtLogin?: boolean };
}

export function applyStartAtLogin(app: Pick<LoginItemPort, 'setLoginItemSettings'>, enabled: boolean): void {
  app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true, args: enabled ? [HIDDEN_FLAG] : [] });
}

/** Quotes an Exec argument per the Desktop Entry spec (spaces in "/opt/AIME Scheduler/…"). */
function execArg(value: string): string {
  return /[\s"'\\$`]/.test(value) ? `"${value.replace(/(["`$\\])/g, '\\$1')}"` : value;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=AIME Scheduler',
    'Comment=Scheduled haiku, Markdown and JSON exports of a music collection',
    `Exec=${execArg(executable)} ${HIDDEN_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Linux: writes or removes `<configHome>/autostart/aime-scheduler.desktop`. `executable` is the
 * AppImage (`$APPIMAGE`) when run from one, else the installed binary.
 */
export function applyLinuxAutostart(options: { enabled: boolean; configHome: string; executable: string }): string {
  const file = path.join(options.configHome, 'autostart', AUTOSTART_FILE);
  if (options.enabled) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, autostartEntry(options.executable));
  } else {
    fs.rmSync(file, { force: true });
  }
  return file;
}

/**
 * Start in the tray when launched with `--hidden` (our login item on Windows and Linux, or by
 * the user) or opened hidden at login by macOS. The first run always shows the window.
 */
export function shouldStartHidden(
  argv: readonly string[],
  loginItem: { wasOpenedAsHidden?: boolean } | null,
  firstRun: boolean,
): boolean {
  if (firstRun) return false;
  return argv.includes(HIDDEN_FLAG) || loginItem?.wasOpenedAsHidden === true;
}
