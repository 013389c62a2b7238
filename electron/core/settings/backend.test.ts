/**
 * The plain-Node settings file keeps electron-store's format (electron-store is conf underneath):
 * a settings folder written by the CLI opens in the desktop app and back, byte for byte.
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createJsonFileBackend, SETTINGS_FILE_NAME } from './backend.js';

let dir: string;
beforeEach(() => (dir = tempDir()));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const conf = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: SETTINGS_FILE_NAME, clearInvalidConfig: false });
const value = { schema_version: 3, enabled: true, tasks: [{ name: 'export_collection_json', time: '10:00' }], note: 'é ✓' };

describe('the JSON settings file (createJsonFileBackend)', () => {
  it('writes what conf writes, and reads what conf wrote', () => {
    const ours = createJsonFileBackend(dir);
    ours.store = value;
    const written = fs.readFileSync(ours.path);
    expect(conf().store).toEqual(value);
    conf().store = value;
    expect(fs.readFileSync(path.join(dir, 'settings.json')).equals(written)).toBe(true);
    expect(createJsonFileBackend(dir).store).toEqual(value);
  });

  it('is private (0600) and replaced whole: no temporary file is left beside it', () => {
    const backend = createJsonFileBackend(dir);
    backend.store = value;
    backend.store = { ...value, enabled: false };
    if (process.platform !== 'win32') expect(fs.statSync(backend.path).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual(['settings.json']);
    expect(backend.store.enabled).toBe(false);
  });

  it('reads a missing file as empty and refuses a corrupt one (the store checks the file first)', () => {
    const backend = createJsonFileBackend(dir);
    expect(backend.store).toEqual({});
    expect(fs.existsSync(backend.path)).toBe(false);
    fs.writeFileSync(backend.path, '{ not json');
    expect(() => backend.store).toThrow(SyntaxError);
  });
});
