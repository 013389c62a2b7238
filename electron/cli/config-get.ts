/**
 * `aime config get KEY`: one setting, named as in `config set` (`tasks.<task>.time`,
 * `euria.model`…). Secrets are never printed: `euria.api_key` says only whether it is set.
 */
import type { AimeApi } from '../../shared/contract.js';
import { AimeError } from '../../shared/contract.js';
import { TASK_IDS, isTaskId } from '../../shared/tasks.js';
import { API_FIELDS, CONFIG_KEYS, DESKTOP_FIELDS, EURIA_FIELDS, TASK_FIELDS } from './config-keys.js';

const TOP_LEVEL = ['enabled', 'output_dir', 'max_files_per_type', 'catch_up_missed_runs'] as const;

export async function getConfigValue(api: AimeApi, key: string): Promise<unknown> {
  if ((TOP_LEVEL as readonly string[]).includes(key)) return (await api.getConfig())[key as (typeof TOP_LEVEL)[number]];
  const [group, name, field, ...rest] = key.split('.');
  if (group === 'haiku' && name === 'language' && field === undefined) return (await api.getEuria()).language;
  if (group === 'euria' && field === undefined && (EURIA_FIELDS as readonly string[]).includes(name ?? '')) {
    const euria = await api.getEuria();
    if (name === 'api_key') return euria.key_configured ? '(set)' : '(not set)';
    return euria[name as Exclude<(typeof EURIA_FIELDS)[number], 'api_key'>];
  }
  if (group === 'desktop' && field === undefined && (DESKTOP_FIELDS as readonly string[]).includes(name ?? '')) {
    return (await api.getApplication()).desktop[name as (typeof DESKTOP_FIELDS)[number]];
  }
  if (group === 'api' && field === undefined && (API_FIELDS as readonly string[]).includes(name ?? '')) {
    return (await api.getApplication()).api[name as (typeof API_FIELDS)[number]];
  }
  if (group === 'tasks' && rest.length === 0 && name !== undefined) {
    if (!isTaskId(name)) {
      throw new AimeError('invalid_input', `unknown task ${JSON.stringify(name)}; valid tasks: ${TASK_IDS.join(', ')}`);
    }
    const task = (await api.getConfig()).tasks.find((t) => t.name === name) as unknown as Record<string, unknown>;
    if (field === undefined) return task;
    if ((TASK_FIELDS as readonly string[]).includes(field) && field in task) return task[field];
    throw new AimeError('invalid_input', `unknown task field ${JSON.stringify(field)}; valid fields: ${TASK_FIELDS.join(', ')}`);
  }
  throw new AimeError('invalid_input', `unknown key ${JSON.stringify(key)}; valid keys: ${CONFIG_KEYS.join(', ')}`);
}

/** A value as a person reads it: text as is, anything else as JSON. */
export function formatValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}
