/** The three tasks of the seed document, and what each one writes. */
export const TASK_IDS = [
  'generate_haiku_scheduled',
  'export_collection_markdown',
  'export_collection_json',
] as const;
export type TaskId = (typeof TASK_IDS)[number];

/** The kind of file a task writes; also the retention group and the log word. */
export const OUTPUT_KINDS = ['haiku', 'markdown', 'json'] as const;
export type OutputKind = (typeof OUTPUT_KINDS)[number];

export interface TaskMeta {
  id: TaskId;
  kind: OutputKind;
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
};

export function isTaskId(value: unknown): value is TaskId {
  return typeof value === 'string' && (TASK_IDS as readonly string[]).includes(value);
}

/** Who asked for a run; recorded in the run history and shown in the window. */
export const RUN_TRIGGERS = ['schedule', 'manual', 'tray', 'api', 'cli', 'catch-up'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
