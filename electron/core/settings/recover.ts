/**
 * Per-field recovery of a settings file (DESIGN.md §6): one bad field never resets the others.
 * Each invalid field takes its value from `settings.last-good.json` (the file as it was after the
 * last successful save) when that value is valid there, else the default; every valid field is
 * kept. The result names each field recovered and what was used, so every door can say so.
 * Pure: no file is read or written here.
 */
import { settingsSchema, type Settings } from '../../../shared/config.js';
import { msg, type MessageParam, type MessageRef } from '../../../shared/messages/index.js';
import { TASK_IDS } from '../../../shared/tasks.js';

type Raw = Record<string, unknown>;
type Path = Array<string | number>;

export interface RecoveredField {
  /** Dotted name a person can find in the file, e.g. `tasks.generate_haiku_scheduled.time`. */
  field: string;
  /** Why the stored value was refused (the schema's message; never the value itself). */
  problem: string;
  source: 'last-good' | 'default';
  /** The value used, as shown to people; secrets are never shown. */
  used: string;
  /** `used` as each door says it: the value itself, or a message (a hidden key, a whole group). */
  usedText: MessageParam;
}

export interface Recovery {
  settings: Settings;
  fields: RecoveredField[];
}

const SECRET_FIELDS = new Set(['api_key', 'token']);

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** New top-level groups added in later versions get their defaults; present values are kept as they are. */
export function withDefaults(raw: Raw, defaults: Settings): Raw {
  const merged: Raw = { ...defaults, ...raw };
  for (const group of ['euria', 'haiku', 'desktop', 'api'] as const) {
    const value = raw[group];
    if (isObject(value)) merged[group] = { ...defaults[group], ...value };
  }
  return merged;
}

function valueAt(root: unknown, path: Path): { found: boolean; value?: unknown } {
  let current: unknown = root;
  for (const key of path) {
    if (Array.isArray(current) && typeof key === 'number' && key < current.length) current = current[key];
    else if (isObject(current) && typeof key === 'string' && key in current) current = current[key];
    else return { found: false };
  }
  return { found: true, value: current };
}

/** Sets `path` in `root` when its parent exists; false when it does not (the caller replaces a shorter path). */
function setAt(root: Raw, path: Path, value: unknown): boolean {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path.at(-1)!;
  if (!parent.found) return false;
  if (Array.isArray(parent.value) && typeof key === 'number' && key <= parent.value.length) parent.value[key] = value;
  else if (isObject(parent.value) && typeof key === 'string') parent.value[key] = value;
  else return false;
  return true;
}

function sameOrBelow(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

/** `tasks.1.time` → `tasks.export_collection_markdown.time`, the name a person sees in the file. */
function fieldName(path: Path, candidate: Raw): string {
  return path
    .map((key, i) => {
      if (typeof key === 'number' && path[i - 1] === 'tasks') {
        const name = valueAt(candidate, ['tasks', key, 'name']).value;
        return typeof name === 'string' && (TASK_IDS as readonly string[]).includes(name) ? name : (TASK_IDS[key] ?? String(key));
      }
      return String(key);
    })
    .join('.');
}

function shown(path: Path, value: unknown): Pick<RecoveredField, 'used' | 'usedText'> {
  const said = (text: MessageRef, used: string) => ({ used, usedText: text });
  if (SECRET_FIELDS.has(String(path.at(-1)))) {
    return value === '' ? said(msg('settings.used_no_key'), 'no key') : said(msg('settings.used_hidden_key'), 'the saved key (hidden)');
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return { used: JSON.stringify(value), usedText: JSON.stringify(value) };
  return said(msg('settings.used_whole_group'), 'its whole group');
}

function issueAt(candidate: Raw, path: Path): { message: string } | undefined {
  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success) return undefined;
  return parsed.error.issues.find((issue) => sameOrBelow(issue.path as Path, path));
}

/**
 * `raw`: the file's values after migration (may be anything). `lastGood`: the last-good file's,
 * when there is one. Never throws: in the worst case every field is a default.
 */
export function recoverSettings(raw: unknown, lastGood: Raw | undefined, defaults: Settings): Recovery {
  const candidate = structuredClone(withDefaults(isObject(raw) ? raw : {}, defaults));
  const good = lastGood ? withDefaults(lastGood, defaults) : undefined;
  const fields: RecoveredField[] = [];
  const tried = new Set<string>();
  // Each pass fixes the first problem; a settings object has a few dozen fields at most.
  for (let pass = 0; pass < 200; pass++) {
    const parsed = settingsSchema.safeParse(candidate);
    if (parsed.success) return { settings: parsed.data, fields };
    const issue = parsed.error.issues[0]!;
    let path = [...(issue.path as Path)];
    // Replace the narrowest part that exists in both the file and the defaults.
    while (path.length > 1 && (!valueAt(candidate, path.slice(0, -1)).found || !valueAt(defaults, path).found)) {
      path = path.slice(0, -1);
    }
    // A field already replaced that is still refused depends on its siblings (a weekly task's
    // day and unit): replace the group that holds both.
    while (path.length > 1 && tried.has(JSON.stringify(path))) path = path.slice(0, -1);
    if (path.length === 0 || tried.has(JSON.stringify(path))) break;
    tried.add(JSON.stringify(path));
    const group = `${fieldName(path, candidate)}.`;
    for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.field.startsWith(group)) fields.splice(i, 1);
    const name = fieldName(path, candidate);
    const fromLastGood = good ? valueAt(good, path) : { found: false };
    let fixed = false;
    if (fromLastGood.found && setAt(candidate, path, structuredClone(fromLastGood.value)) && !issueAt(candidate, path)) {
      fields.push({ field: name, problem: issue.message, source: 'last-good', ...shown(path, fromLastGood.value) });
      fixed = true;
    }
    if (!fixed) {
      const fallback = valueAt(defaults, path);
      if (!fallback.found || !setAt(candidate, path, structuredClone(fallback.value))) break;
      fields.push({ field: name, problem: issue.message, source: 'default', ...shown(path, fallback.value) });
    }
  }
  return {
    settings: defaults,
    fields: [
      {
        field: 'all settings',
        problem: 'the file could not be repaired field by field',
        source: 'default',
        used: 'the defaults',
        usedText: msg('settings.used_all_defaults'),
      },
    ],
  };
}

/** One line per recovered field: "max_files_per_type: must be …; using 20 from settings.last-good.json". */
export function describeRecovery(fields: readonly RecoveredField[]): string[] {
  return fields.map(
    (f) => `${f.field}: ${f.problem}; using ${f.used} ${f.source === 'last-good' ? 'from settings.last-good.json' : '(the default)'}`,
  );
}

/**
 * The same, as codes plus parameters for each door to say in its reader's language. The schema's
 * English problem stays in the lines above (the log, the API's plain `warnings`).
 */
export function recoveryTexts(fields: readonly RecoveredField[]): MessageRef[] {
  return fields.map((f) =>
    f.field === 'all settings'
      ? msg('settings.not_repairable')
      : msg('settings.field_recovered', {
          field: f.field,
          used: f.usedText,
          from: msg(f.source === 'last-good' ? 'settings.from_last_good' : 'settings.from_default'),
        }),
  );
}
