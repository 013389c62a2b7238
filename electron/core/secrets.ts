/**
 * How a secret (a Discogs token) is kept at rest. The desktop app seals it with Electron's
 * safeStorage (Keychain, DPAPI, libsecret), as it does the EurIA key; plain Node (the CLI,
 * `aime serve`) keeps it as text in the 0600 collection database. A value sealed by the
 * desktop cannot be opened by the CLI: `open` then answers null and the caller says so.
 */
export interface SecretSealer {
  seal(plain: string): string;
  /** The plain text, or null when this process cannot open what another one sealed. */
  open(sealed: string): string | null;
}

const PLAIN = 'plain:';

/** No encryption available: the value is kept as text, tagged so a sealed one is told apart. */
export const plainSealer: SecretSealer = {
  seal: (plain) => `${PLAIN}${plain}`,
  open: (sealed) => (sealed.startsWith(PLAIN) ? sealed.slice(PLAIN.length) : null),
};

/** The part of Electron's safeStorage this needs (electron/main passes the real one). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const SAFE = 'safe:';

/** Seals with safeStorage when the OS offers it; opens both its own and plain values. */
export function safeStorageSealer(safeStorage: SafeStorageLike): SecretSealer {
  return {
    seal(plain) {
      if (!safeStorage.isEncryptionAvailable()) return plainSealer.seal(plain);
      return `${SAFE}${safeStorage.encryptString(plain).toString('base64')}`;
    },
    open(sealed) {
      if (!sealed.startsWith(SAFE)) return plainSealer.open(sealed);
      try {
        return safeStorage.decryptString(Buffer.from(sealed.slice(SAFE.length), 'base64'));
      } catch {
        return null;
      }
    },
  };
}
