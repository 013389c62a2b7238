/**
 * The three tasks of the seed document, and what each one writes, then the linked sources'
 * sync (issue 12), which writes no file. The seed's three keep their place and names.
 */
export const TASK_IDS = [
  'generate_haiku_scheduled',
  'export_collection_markdown',
  'export_collection_json',
  'sync_collection',
] as const;
export type TaskId = (typeof TASK_IDS)[number];

/** The kind of file a task writes; also the retention group and the log word. */
export const OUTPUT_KINDS = ['haiku', 'markdown', 'json'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export interface TaskMeta {
  id: TaskId;
  /** The kind of file it writes; null for a task that writes none (the sync). */
  kind: OutputKind | null;
  /** Label shown in the window and tray (with its emoji, as in the seed). */
  label: { fr: string; en: string };
  /** The seed's description, kept in French as the original AIME config has it. */
  description: string;
  defaultTime: string;
}

export const TASKS: Record<TaskId, TaskMeta> = {
  generate_haiku_scheduled: {
    id: 'generate_haiku_scheduled',
    kind: 'haiku',
    label: { fr: '🎋 Haïkus', en: '🎋 Haikus' },
    description: 'Génération haikus pour 5 albums aléatoires',
    defaultTime: '06:00',
  },
  export_collection_markdown: {
    id: 'export_collection_markdown',
    kind: 'markdown',
    label: { fr: '📝 Markdown', en: '📝 Markdown' },
    description: 'Export de la collection complète en Markdown',
    defaultTime: '08:00',
  },
  export_collection_json: {
    id: 'export_collection_json',
    kind: 'json',
    label: { fr: '📊 JSON', en: '📊 JSON' },
    description: 'Export de la collection complète en JSON',
    defaultTime: '10:00',
  },
  sync_collection: {
    id: 'sync_collection',
    kind: null,
    label: { fr: '🔄 Synchronisation', en: '🔄 Sync' },
    description: 'Synchronisation des sources liées (Discogs, fichiers)',
    // Before the 06:00 haiku, so it sees the collection as it is today.
    defaultTime: '05:30',
  },
};

export function isTaskId(value: unknown): value is TaskId {
  return typeof value === 'string' && (TASK_IDS as readonly string[]).includes(value);
}

/**
 * A one-shot import (`aime import`, the API's /import and /import/upload, the window's Import
 * form, drop zone and demo) is recorded in the run history as a run of its own kind, beside the
 * tasks' runs. It is not a task: no schedule, no settings, no trigger route, no tray menu entry,
 * so it is kept out of TASK_IDS and TASKS.
 */
export const IMPORT_RUN = 'import_collection';
export type ImportRun = typeof IMPORT_RUN;

/** What a row of the run history is a run of: a task, or a one-shot import. */
export const RUN_KINDS = [...TASK_IDS, IMPORT_RUN] as const;
export type RunKind = (typeof RUN_KINDS)[number];

const IMPORT_RUN_LABEL = { fr: '📥 Import de la collection', en: '📥 Collection import' };

/** The name shown for a run in the history, the notifications and the CLI (with its emoji). */
export function runLabel(kind: RunKind): { fr: string; en: string } {
  return kind === IMPORT_RUN ? IMPORT_RUN_LABEL : TASKS[kind].label;
}

/** Who asked for a run; recorded in the run history and shown in the window. */
export const RUN_TRIGGERS = ['schedule', 'manual', 'tray', 'api', 'cli', 'catch-up'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
