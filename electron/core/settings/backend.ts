/**
 * Where settings are kept. `conf` in plain Node; in Electron, main passes an electron-store
 * (the same API: a `store` property read from and written to disk atomically, and `path`).
 */
import Conf from 'conf';

export interface SettingsBackend {
  store: Record<string, unknown>;
  readonly path: string;
}

/**
 * Opens the backend (only once the settings file parses: conf and electron-store throw on a
 * corrupt one). `decode` turns a raw file object (the last-good copy) into the values `store`
 * would give, without opening anything: the desktop decrypts its key there, so a corrupt
 * settings file still recovers the key from the last-good copy.
 */
export interface SettingsBackendFactory {
  (): SettingsBackend;
  decode?(raw: Record<string, unknown>): Record<string, unknown>;
}

export const SETTINGS_FILE_NAME = 'settings';

export function createConfBackend(dataDir: string): SettingsBackend {
  return new Conf<Record<string, unknown>>({ cwd: dataDir, configName: SETTINGS_FILE_NAME, clearInvalidConfig: false, configFileMode: 0o600 });
}
