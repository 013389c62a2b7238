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

  it('keeps the encrypted key when the CLI (no safeStorage) saves another setting', async () => {
    const desktop = await core(fakeSafeStorage());
    await desktop.api.updateEuria({ api_key: KEY });
    await desktop.close();
    const cli = await createIsolatedCore({ dataDir: data, homeDir: home });
    expect(cli.settings.get().euria.api_key).toBe('');
    await cli.api.setMaxFilesPerType(9);
    await cli.close();
    const again = await core(fakeSafeStorage());
    expect(again.settings.get()).toMatchObject({ max_files_per_type: 9, euria: { api_key: KEY } });
    await again.close();
  });

  it('takes a key the CLI entered after the sealed one, and seals it in its place', async () => {
    const desktop = await core(fakeSafeStorage());
    await desktop.api.updateEuria({ api_key: KEY });
    await desktop.close();
    const cli = await createIsolatedCore({ dataDir: data, homeDir: home });
    await cli.api.updateEuria({ api_key: 'sk-newer-key' });
    await cli.close();
    const again = await core(fakeSafeStorage());
    expect(again.settings.get().euria.api_key).toBe('sk-newer-key');
    await again.close();
    expect(fs.readFileSync(settingsFile(), 'utf8')).not.toContain('sk-newer-key');
    expect(Buffer.from(onDisk()[ENCRYPTED_KEY_FIELD] as string, 'base64').toString()).toBe(`sealed:${[...'sk-newer-key'].reverse().join('')}`);
  });

  it('stores the key in clear, with one warning, when safeStorage is unavailable', async () => {
    const c = await core(fakeSafeStorage(false));
    await c.api.updateEuria({ api_key: KEY });
    await c.api.updateEuria({ model: 'other' });
    await c.close();
    expect(onDisk().euria.api_key).toBe(KEY);
    expect(lines.filter((l) => l.includes('safeStorage is not available'))).toHaveLength(1);
  });

  it('reads an undecryptable key as invalid (recovery then says so) and logs why', () => {
    const inner = open({ cwd: data, name: 'settings', clearInvalidConfig: false });
    inner.store = { euria: { api_key: '' }, [ENCRYPTED_KEY_FIELD]: Buffer.from('garbage').toString('base64') };
    const backend = encryptingBackend(inner, fakeSafeStorage(), createMemoryLogger(lines));
    expect(backend.store).toEqual({ euria: { api_key: null } });
    expect(backend.path).toBe(inner.path);
    expect(lines.some((l) => /WARN - The saved EurIA key could not be decrypted/.test(l))).toBe(true);
  });
});

describe('a broken settings file in the desktop app', () => {
  const URL_A = 'https://api.infomaniak.com/1/ai/1/openai/chat/completions';
  const lastGood = () => fs.readFileSync(path.join(data, 'settings.last-good.json'), 'utf8');
  const sealedOnDisk = () => Buffer.from(onDisk()[ENCRYPTED_KEY_FIELD] as string, 'base64').toString();

  async function savedKey() {
    const first = await core(fakeSafeStorage());
    await first.api.updateEuria({ url: URL_A, api_key: KEY });
    await first.api.setMaxFilesPerType(12);
    await first.close();
    expect(lastGood()).not.toContain(KEY);
  }

  /** The key comes back from the last-good copy, encrypted on disk after the save that ends the recovery. */
  async function expectKeyRecovered(warning: RegExp) {
    const recovered = await core(fakeSafeStorage());
    expect(recovered.settings.get().euria).toMatchObject({ url: URL_A, api_key: KEY });
    expect(recovered.settings.get().max_files_per_type).toBe(12);
    expect(recovered.settings.loadWarnings.join('\n')).toMatch(warning);
    expect((await recovered.api.status()).warnings.join('\n')).not.toContain(KEY);
    await recovered.api.setMaxFilesPerType(13);
    await recovered.close();
    for (const name of fs.readdirSync(data)) {
      if (fs.statSync(path.join(data, name)).isFile()) expect(fs.readFileSync(path.join(data, name), 'utf8')).not.toContain(KEY);
    }
    expect(sealedOnDisk()).toBe(`sealed:${[...KEY].reverse().join('')}`);
    const again = await core(fakeSafeStorage());
    expect(again.settings.get().euria.api_key).toBe(KEY);
    expect(again.settings.loadWarnings).toEqual([]);
    await again.close();
  }

  it.each([
    ['empty', ''],
    ['garbage', '{"euria": {"api_key'],
    ['not an object', '[1, 2]'],
  ])('keeps the encrypted key when settings.json is %s', async (_name, text) => {
    await savedKey();
    fs.writeFileSync(settingsFile(), text);
    await expectKeyRecovered(/settings\.json is unusable/);
  });

  it('keeps the key when the euria group itself is broken, taking the group from the last-good copy', async () => {
    await savedKey();
    fs.writeFileSync(settingsFile(), JSON.stringify({ ...onDisk(), euria: 5 }));
    await expectKeyRecovered(/euria: .*using its whole group from settings\.last-good\.json/);
  });

  it('keeps the key when another field is invalid', async () => {
    await savedKey();
    fs.writeFileSync(settingsFile(), JSON.stringify({ ...onDisk(), max_files_per_type: 999 }));
    const recovered = await core(fakeSafeStorage());
    expect(recovered.settings.get().euria.api_key).toBe(KEY);
    expect(recovered.settings.loadWarnings.join('\n')).toMatch(/max_files_per_type: .*using 12 from settings\.last-good\.json/);
    await recovered.close();
  });

  it('takes the key from the last-good copy when the encrypted field is damaged, and says so', async () => {
    await savedKey();
    fs.writeFileSync(settingsFile(), JSON.stringify({ ...onDisk(), [ENCRYPTED_KEY_FIELD]: 'bm90LXNlYWxlZA==' }));
    await expectKeyRecovered(/euria\.api_key: .*could not be decrypted.*using the saved key \(hidden\) from settings\.last-good\.json/);
    expect(lines.some((l) => /WARN - The saved EurIA key could not be decrypted/.test(l))).toBe(true);
  });

  it('after an OS keyring reset, runs without the key and says so until a key is entered', async () => {
    await savedKey();
    const reset: SafeStoragePort = {
      ...fakeSafeStorage(),
      decryptString: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    const c = await core(reset);
    expect(c.settings.get().euria).toMatchObject({ url: URL_A, api_key: '' });
    expect(c.settings.loadWarnings).toEqual([
      'settings.json: euria.api_key: the EurIA key is not text, or could not be decrypted; using no key (the default)',
    ]);
    expect(c.settings.recovered).toBe(true);
    await c.api.updateEuria({ api_key: KEY });
    expect(c.settings.recovered).toBe(false);
    await c.close();
  });
});
