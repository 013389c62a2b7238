/** Default folders, per OS, shared by the desktop app and the CLI so both see one collection. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'AIME Scheduler';

/**
 * The folder Electron's `app.getPath('userData')` gives for this app's productName:
 * %APPDATA%\AIME Scheduler, ~/Library/Application Support/AIME Scheduler, $XDG_CONFIG_HOME/AIME Scheduler.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), APP_FOLDER_NAME);
}

/** `~/Documents/AIME/Scheduled Output`, or `<data>/Scheduled Output` where there is no Documents folder. */
export function defaultOutputDir(dataDir: string, home = os.homedir()): string {
  const documents = path.join(home, 'Documents');
  return fs.existsSync(documents)
    ? path.join(documents, 'AIME', 'Scheduled Output')
    : path.join(dataDir, 'Scheduled Output');
}
