/**
 * The desktop settings backend on real files: conf stands in for electron-store (its base
 * class, same `store`/`path` API), the core's settings store reads and writes through it.
 * Only Electron's safeStorage is faked (a reversible transform the test can recognise).
 */
import Conf from 'conf';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../core/log.js';
import { SETTINGS_FILE_NAME, type SettingsBackend } from '../core/settings/backend.js';
import { createIsolatedCore } from '../../test/support/isolated-core.js';
import { ENCRYPTED_KEY_FIELD, desktopSettingsBackend, encryptingBackend, type SafeStoragePort } from './settings-backend.js';
import { tempDir } from '../../test/support/temp-dir.js';

const KEY = 'sk-euria-0123456789abcdef';
let data: string;
let home: string;
let lines: string[];

function fakeSafeStorage(available = true): SafeStoragePort {
  return {
    isEncryptionAvailable: () => available,
    encryptString: (text) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
    decryptString: (buffer) => {
      const text = buffer.toString();
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice(7)].reverse().join('');
    },
  };
}

const open = (o: { cwd: string; name: string; clearInvalidConfig: false }): SettingsBackend =>
  new Conf<Record<string, unknown>>({ cwd: o.cwd, configName: o.name, clearInvalidConfig: o.clearInvalidConfig });

function core(safeStorage: SafeStoragePort) {
  return createIsolatedCore({
    dataDir: data,
    homeDir: home,
    settingsBackend: desktopSettingsBackend({ open, dataDir: data, name: SETTINGS_FILE_NAME, safeStorage, log: createMemoryLogger(lines) }),
  });
}

const settingsFile = () => path.join(data, `${SETTINGS_FILE_NAME}.json`);
const onDisk = () => JSON.parse(fs.readFileSync(settingsFile(), 'utf8')) as Record<string, unknown> & { euria: { api_key: string } };

beforeEach(() => {
  data = tempDir('aime-settings-');
  home = tempDir('aime-home-');
  lines = [];
});
afterEach(() => {
  fs.rmSync(data, { recursive: true, force: true });
  fs.rmSync(home, { recursive: true, force: true });
});

describe('desktop settings backend', () => {
  it('keeps the EurIA key encrypted on disk while the core uses it in clear', async () => {
    const first = await core(fakeSafeStorage());
    expect((await first.api.updateEuria({ api_key: KEY })).key_configured).toBe(true);
    expect(first.settings.get().euria.api_key).toBe(KEY);
    await first.close();
    const text = fs.readFileSync(settingsFile(), 'utf8');
    expect(text).not.toContain(KEY);
    expect(onDisk().euria.api_key).toBe('');
    expect(Buffer.from(onDisk()[ENCRYPTED_KEY_FIELD] as string, 'base64').toString()).toBe(`sealed:${[...KEY].reverse().join('')}`);

    const again = await core(fakeSafeStorage());
    expect(again.settings.get().euria.api_key).toBe(KEY);
    expect((await again.api.getEuria()).key_configured).toBe(true);
    await again.api.updateEuria({ api_key: '' });
    expect((await again.api.getEuria()).key_configured).toBe(false);
    await again.close();
    expect(onDisk()[ENCRYPTED_KEY_FIELD]).toBeUndefined();
  });

  it('encrypts a key saved in clear (by the CLI or an older version) as soon as the app opens the file', async () => {
    const cli = await createIsolatedCore({ dataDir: data, homeDir: home });
    await cli.api.updateEuria({ api_key: KEY });
    await cli.close();
    expect(fs.readFileSync(settingsFile(), 'utf8')).toContain(KEY);
    const desktop = await core(fakeSafeStorage());
    expect(desktop.settings.get().euria.api_key).toBe(KEY);
    expect(fs.readFileSync(settingsFile(), 'utf8')).not.toContain(KEY);
    await desktop.close();
  });

  it('stores the key in clear, with one warning, when safeStorage is unavailable', async () => {
    const c = await core(fakeSafeStorage(false));
    await c.api.updateEuria({ api_key: KEY });
    await c.api.updateEuria({ model: 'other' });
    await c.close();
    expect(onDisk().euria.api_key).toBe(KEY);
    expect(lines.filter((l) => l.includes('safeStorage is not available'))).toHaveLength(1);
  });

  it('reads an undecryptable key as empty and says so', () => {
    const inner = open({ cwd: data, name: 'settings', clearInvalidConfig: false });
    inner.store = { euria: { api_key: '' }, [ENCRYPTED_KEY_FIELD]: Buffer.from('garbage').toString('base64') };
    const backend = encryptingBackend(inner, fakeSafeStorage(), createMemoryLogger(lines));
    expect(backend.store).toEqual({ euria: { api_key: '' } });
    expect(backend.path).toBe(inner.path);
    expect(lines.some((l) => /WARN - The saved EurIA key could not be decrypted/.test(l))).toBe(true);
  });
});
