/**
 * Versioned settings migrations. `schema_version` in the file says how many have run;
 * each takes the raw object of the previous version and returns the next one.
 * Version 1 is the first shape (shared/config.ts); add a function here when it changes.
 */
export const SETTINGS_VERSION = 1;

type RawSettings = Record<string, unknown>;

const MIGRATIONS: Array<(raw: RawSettings) => RawSettings> = [
  // 0 → 1: files written before versioning are taken as version 1 as they are.
  (raw) => raw,
];

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
