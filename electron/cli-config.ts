/**
 * `aime config set <key> <value>`: turns a key path and the text a person typed into one
 * AimeApi call, so the CLI validates exactly like the REST API and the window.
 */
import { type AimeApi, AimeError, parseMaxFilesText } from '../shared/contract.js';
import { TASK_IDS, isTaskId } from '../shared/tasks.js';

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, on: true, yes: true, '1': true, false: false, off: false, no: false, '0': false };

function parseBoolean(key: string, text: string): boolean {
  const value = BOOLEAN_WORDS[text.trim().toLowerCase()];
  if (value === undefined) throw new AimeError('invalid_input', `${key} must be true or false (got ${JSON.stringify(text)})`);
  return value;
}

function parseInteger(key: string, text: string): number {
  if (!/^-?\d+$/.test(text.trim())) {
    throw new AimeError('invalid_input', `${key} must be a whole number (got ${JSON.stringify(text)})`);
  }
  return Number(text.trim());
}

const TASK_FIELDS = ['enabled', 'time', 'frequency', 'unit', 'day', 'description'] as const;
const EURIA_FIELDS = ['url', 'model', 'api_key', 'timeout_ms', 'concurrency'] as const;

export const CONFIG_KEYS = [
  'enabled',
  'output_dir',
  'max_files_per_type',
  'catch_up_missed_runs',
  ...TASK_FIELDS.map((f) => `tasks.<task>.${f}`),
  ...EURIA_FIELDS.map((f) => `euria.${f}`),
  'haiku.language',
];

export async function setConfigValue(api: AimeApi, key: string, text: string): Promise<unknown> {
  switch (key) {
    case 'enabled':
      return api.setSchedulerEnabled(parseBoolean(key, text));
    case 'output_dir':
      return api.setOutputDir(text);
    case 'max_files_per_type':
      return api.setMaxFilesPerType(parseMaxFilesText(text));
    case 'catch_up_missed_runs':
      return api.setCatchUpMissedRuns(parseBoolean(key, text));
    case 'haiku.language':
      return api.updateEuria({ language: text as 'fr' | 'en' });
  }
  const [group, name, field, ...rest] = key.split('.');
  if (group === 'euria' && field === undefined && (EURIA_FIELDS as readonly string[]).includes(name ?? '')) {
    const numeric = name === 'timeout_ms' || name === 'concurrency';
    return api.updateEuria({ [name!]: numeric ? parseInteger(key, text) : text });
  }
  if (group === 'tasks' && rest.length === 0) {
    if (!isTaskId(name)) {
      throw new AimeError('invalid_input', `unknown task ${JSON.stringify(name)}; valid tasks: ${TASK_IDS.join(', ')}`);
    }
    if (!(TASK_FIELDS as readonly string[]).includes(field ?? '')) {
      throw new AimeError('invalid_input', `unknown task field ${JSON.stringify(field)}; valid fields: ${TASK_FIELDS.join(', ')}`);
    }
    let value: unknown = text;
    if (field === 'enabled') value = parseBoolean(key, text);
    else if (field === 'frequency') value = parseInteger(key, text);
    else if (field === 'day') value = /^\d+$/.test(text.trim()) ? Number(text) : text.trim().toLowerCase();
    return api.updateTask(name, { [field!]: value });
  }
  throw new AimeError('invalid_input', `unknown key ${JSON.stringify(key)}; valid keys: ${CONFIG_KEYS.join(', ')}`);
}
