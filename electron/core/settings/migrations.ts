/**
 * Versioned settings migrations. `schema_version` in the file says how many have run;
 * each takes the raw object of the previous version and returns the next one.
 * Version 1 is the first shape (shared/config.ts); add a function here when it changes.
 */
import { originOf } from '../../../shared/config.js';
import { TASKS } from '../../../shared/tasks.js';

export const SETTINGS_VERSION = 4;

type RawSettings = Record<string, unknown>;

const MIGRATIONS: Array<(raw: RawSettings) => RawSettings> = [
  // 0 → 1: files written before versioning are taken as version 1 as they are.
  (raw) => raw,
  // 1 → 2: the desktop app serves the REST API too (`api.enabled`, `api.port`), on by default
  // on the seed's port, so the seed's curl lines work with the app open.
  (raw) => ({ ...raw, api: { enabled: true, port: 8000, ...(isObject(raw.api) ? raw.api : {}) } }),
  // 2 → 3: secrets are bound to an origin; a key saved before was entered for the URL saved with it.
  (raw) => {
    const euria = raw.euria;
    if (!euria || typeof euria !== 'object' || Array.isArray(euria)) return raw;
    const { url, api_key: key } = euria as Record<string, unknown>;
    const bound = typeof key === 'string' && key !== '' && typeof url === 'string' ? originOf(url) : '';
    return { ...raw, euria: { ...euria, key_origin: bound } };
  },
  // 3 → 4: the fourth task, sync_collection (linked sources), daily at 05:30 by default.
  (raw) => {
    if (!Array.isArray(raw.tasks) || raw.tasks.some((task) => (task as { name?: unknown })?.name === 'sync_collection')) {
      return raw;
    }
    const meta = TASKS.sync_collection;
    const sync = { name: meta.id, enabled: true, time: meta.defaultTime, frequency: 1, unit: 'day', day: null, description: meta.description };
    return { ...raw, tasks: [...raw.tasks, sync] };
  },
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
