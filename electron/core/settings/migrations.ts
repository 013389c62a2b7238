/**
 * Versioned settings migrations. `schema_version` in the file says how many have run;
 * each takes the raw object of the previous version and returns the next one.
 * Version 1 is the first shape (shared/config.ts); add a function here when it changes.
 */
export const SETTINGS_VERSION = 2;

type RawSettings = Record<string, unknown>;

const MIGRATIONS: Array<(raw: RawSettings) => RawSettings> = [
  // 0 → 1: files written before versioning are taken as version 1 as they are.
  (raw) => raw,
  // 1 → 2: the desktop app serves the REST API too (`api.enabled`, `api.port`), on by default
  // on the seed's port, so the seed's curl lines work with the app open.
  (raw) => ({ ...raw, api: { enabled: true, port: 8000, ...(isObject(raw.api) ? raw.api : {}) } }),
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function migrateSettings(raw: RawSettings): RawSettings {
  let version = typeof raw.schema_version === 'number' ? raw.schema_version : 0;
  if (version > SETTINGS_VERSION) {
    throw new Error(`settings are from a newer AIME Scheduler (version ${version}, this one knows ${SETTINGS_VERSION})`);
  }
  let current = raw;
  while (version < SETTINGS_VERSION) {
    current = MIGRATIONS[version]!(current);
    version++;
  }
  return { ...current, schema_version: SETTINGS_VERSION };
}
