/**
 * Where settings are kept. In plain Node (the CLI, `aime serve`): one JSON file read and written
 * here, in the format electron-store and its base conf use (tab-indented JSON, atomic replace,
 * 0600). In Electron, main passes an electron-store (the same `store` property and `path`).
 *
 * Why not conf in Node: it brings ajv, ajv-formats, fast-uri, semver, dot-prop and atomically
 * (about 400 KB parsed at every `aime` start), for schema checks, migrations and dotted keys
 * that the store already does with the shared zod schema (store.ts, migrations.ts). Parsing them
 * cost `aime serve` and `aime status` a fifth of their start-up (issue 14).
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDir, writePrivateFile } from '../private-files.js';

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

/** `<dataDir>/settings.json`. Reading a missing file gives `{}`; a corrupt one throws (the store checks first). */
export function createJsonFileBackend(dataDir: string): SettingsBackend {
  const file = path.join(dataDir, `${SETTINGS_FILE_NAME}.json`);
  return {
    path: file,
    get store() {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
        throw error;
      }
      return JSON.parse(text) as Record<string, unknown>;
    },
    set store(value) {
      ensurePrivateDir(dataDir);
      // As conf and electron-store write it, so the desktop app and the CLI keep one file alike.
      writePrivateFile(file, JSON.stringify(value, undefined, '\t'));
    },
  };
}
