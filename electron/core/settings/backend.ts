/**
 * Where settings are kept. `conf` in plain Node; in Electron, main passes an electron-store
 * (the same API: a `store` property read from and written to disk atomically, and `path`).
 */
import Conf from 'conf';

export interface SettingsBackend {
  store: Record<string, unknown>;
  readonly path: string;
  /** Turns a raw file object (the last-good copy) into the values `store` would give; the desktop decrypts its key here. */
  decode?(raw: Record<string, unknown>): Record<string, unknown>;
}

export const SETTINGS_FILE_NAME = 'settings';

export function createConfBackend(dataDir: string): SettingsBackend {
  return new Conf<Record<string, unknown>>({ cwd: dataDir, configName: SETTINGS_FILE_NAME, clearInvalidConfig: false, configFileMode: 0o600 });
}
