/**
 * `aime config set <key> <value>`: turns a key path and the text a person typed into one
 * AimeApi call, so the CLI validates exactly like the REST API and the window.
 */
import type { AimeApi } from '../../shared/contract.js';
import { normalizeTime } from '../../shared/config.js';
import { AimeError, toAimeErrorData } from '../../shared/contract.js';
import { parseMaxFilesText } from '../../shared/contract.js';
import { TASK_IDS, isTaskId } from '../../shared/tasks.js';
import { API_FIELDS, CONFIG_KEYS, DESKTOP_FIELDS, EURIA_FIELDS, TASK_FIELDS } from './config-keys.js';

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

/**
 * The engine names a bad argument by its place in the call ("1.time: time must be HH:MM…"):
 * say it with the key the person typed instead ("tasks.x.time must be HH:MM…").
 */
async function namingKey<T>(key: string, field: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const data = toAimeErrorData(error);
    if (data.code !== 'invalid_input') throw error;
    const problem = data.message.replace(/^[\w.]+: /, '');
    const message = problem.startsWith(`${key} `)
      ? problem
      : problem.startsWith(`${field} `)
        ? `${key}${problem.slice(field.length)}`
        : `${key}: ${problem}`;
    throw new AimeError('invalid_input', message, data.details);
  }
}

/** Changes one setting; returns the value as stored (a typed "7:15" is stored as "07:15"). */
export async function setConfigValue(api: AimeApi, key: string, text: string): Promise<unknown> {
  switch (key) {
    case 'enabled': {
      const value = parseBoolean(key, text);
      await api.setSchedulerEnabled(value);
      return value;
    }
    case 'output_dir':
      return (await namingKey(key, key, () => api.setOutputDir(text))).output_dir;
    case 'max_files_per_type':
      return (await api.setMaxFilesPerType(parseMaxFilesText(text))).max_files_per_type;
    case 'catch_up_missed_runs': {
      const value = parseBoolean(key, text);
      await api.setCatchUpMissedRuns(value);
      return value;
    }
    case 'haiku.language':
      return (await namingKey(key, 'language', () => api.updateEuria({ language: text as 'fr' | 'en' }))).language;
  }
  const [group, name, field, ...rest] = key.split('.');
  if (group === 'euria' && field === undefined && (EURIA_FIELDS as readonly string[]).includes(name ?? '')) {
    const numeric = name === 'timeout_ms' || name === 'concurrency';
    const value = numeric ? parseInteger(key, text) : text;
    await namingKey(key, name!, () => api.updateEuria({ [name!]: value }));
    return value;
  }
  if (group === 'desktop' && field === undefined && (DESKTOP_FIELDS as readonly string[]).includes(name ?? '')) {
    const value = parseBoolean(key, text);
    await namingKey(key, name!, () => api.updateApplication({ desktop: { [name!]: value } }));
    return value;
  }
  if (group === 'api' && field === undefined && (API_FIELDS as readonly string[]).includes(name ?? '')) {
    const value = name === 'enabled' ? parseBoolean(key, text) : parseInteger(key, text);
    await namingKey(key, name!, () => api.updateApplication({ api: { [name!]: value } }));
    return value;
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
    else if (field === 'time') value = normalizeTime(text);
    else if (field === 'day') value = /^\d+$/.test(text.trim()) ? Number(text) : text.trim().toLowerCase();
    const task = await namingKey(key, field!, () => api.updateTask(name, { [field!]: value }));
    return task[field as keyof typeof task];
  }
  throw new AimeError('invalid_input', `unknown key ${JSON.stringify(key)}; valid keys: ${CONFIG_KEYS.join(', ')}`);
}
