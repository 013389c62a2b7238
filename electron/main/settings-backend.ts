/**
 * The desktop settings backend: electron-store on the same `settings.json` the core's `conf`
 * uses (same folder, same name, validated by the core's zod schema on every load and write),
 * with one difference: the EurIA key is stored encrypted with Electron's `safeStorage`
 * (Keychain, DPAPI, libsecret) when the OS offers it.
 *
 * On disk the encrypted key lives in `euria_api_key_encrypted` (base64) and `euria.api_key`
 * is left empty, so the CLI (plain Node, no safeStorage) sees "no key configured" rather
 * than ciphertext; it can use AIME_EURIA_API_KEY. Without safeStorage the key is stored in
 * clear, as the CLI does, and a warning is logged once.
 */
import type { SettingsBackend, SettingsBackendFactory } from '../core/settings/backend.js';
import type { Logger } from '../core/types.js';

export const ENCRYPTED_KEY_FIELD = 'euria_api_key_encrypted';

export interface SafeStoragePort {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

type Raw = Record<string, unknown>;

function euriaOf(raw: Raw): Raw | null {
  const euria = raw.euria;
  return euria && typeof euria === 'object' && !Array.isArray(euria) ? (euria as Raw) : null;
}

/**
 * Reads a raw settings object as the core sees it: the sealed key decrypted into
 * `euria.api_key`. Needs no open file, so it also reads the last-good copy when settings.json
 * is corrupt. A key that cannot be decrypted (a damaged field, an OS keyring reset) reads as
 * `null`, which the settings schema refuses: recovery then takes the last-good copy's key, or
 * none, and says so, rather than quietly running without it. A broken `euria` group is left
 * broken for the same reason (its whole group then comes from the last-good copy).
 */
function keyDecoder(safeStorage: SafeStoragePort, log: Logger): (raw: Raw) => Raw {
  return (raw) => {
    const { [ENCRYPTED_KEY_FIELD]: sealed, ...rest } = raw;
    if (typeof sealed !== 'string' || sealed === '') return rest;
    const euria = euriaOf(rest);
    if (!euria) return rest;
    // A key in clear beside the sealed one was saved after it, by the CLI (which cannot seal):
    // it is the current key, and is sealed in its place as soon as the app opens the file.
    if (typeof euria.api_key === 'string' && euria.api_key !== '') return rest;
    let key: string | null = null;
    try {
      key = safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch (error) {
      log.warn(`The saved EurIA key could not be decrypted (${String(error)}); enter it again in the settings.`);
    }
    return { ...rest, euria: { ...euria, api_key: key } };
  };
}

/**
 * Wraps a backend so the core reads and writes the key in clear while the file holds it
 * encrypted.
 */
export function encryptingBackend(inner: SettingsBackend, safeStorage: SafeStoragePort, log: Logger): SettingsBackend {
  let warnedPlain = false;
  const canEncrypt = () => {
    try {
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  };
  const decode = keyDecoder(safeStorage, log);

  const encode = (value: Raw): Raw => {
    const { [ENCRYPTED_KEY_FIELD]: _ignored, ...rest } = value;
    const euria = euriaOf(rest);
    const key = euria && typeof euria.api_key === 'string' ? euria.api_key : '';
    if (!euria || key === '') return rest;
    if (!canEncrypt()) {
      if (!warnedPlain) log.warn('safeStorage is not available: the EurIA key is saved unencrypted in the settings file.');
      warnedPlain = true;
      return rest;
    }
    const sealed = safeStorage.encryptString(key).toString('base64');
    return { ...rest, euria: { ...euria, api_key: '' }, [ENCRYPTED_KEY_FIELD]: sealed };
  };

  return {
    get store() {
      return decode(inner.store);
    },
    set store(value: Raw) {
      inner.store = encode(value);
    },
    get path() {
      return inner.path;
    },
  };
}

/**
 * The factory handed to `createCore({ settingsBackend })`. `open` builds the store
 * (electron-store in the app: `(o) => new Store(o)`); a key saved in clear by an earlier
 * version or the CLI is encrypted as soon as the app opens the file. Its `decode` lets the
 * core recover the key from the last-good copy without opening a corrupt settings.json.
 */
export function desktopSettingsBackend(options: {
  open: (storeOptions: { cwd: string; name: string; clearInvalidConfig: false; configFileMode: number }) => SettingsBackend;
  dataDir: string;
  name: string;
  safeStorage: SafeStoragePort;
  log: Logger;
}): SettingsBackendFactory {
  const factory = () => {
    // 0600: the file holds the key in clear where safeStorage is missing.
    const inner = options.open({ cwd: options.dataDir, name: options.name, clearInvalidConfig: false, configFileMode: 0o600 });
    const backend = encryptingBackend(inner, options.safeStorage, options.log);
    const onDisk = euriaOf(inner.store);
    if (onDisk && typeof onDisk.api_key === 'string' && onDisk.api_key !== '' && options.safeStorage.isEncryptionAvailable()) {
      backend.store = backend.store;
    }
    return backend;
  };
  return Object.assign(factory, { decode: keyDecoder(options.safeStorage, options.log) });
}
