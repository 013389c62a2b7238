/** The contract between a task and whoever runs it (the single-flight runner in schedule/). */
import type { HaikuLanguage } from '../../../shared/config.js';
import type { MessageRef } from '../../../shared/messages/index.js';
import type { TaskId } from '../../../shared/tasks.js';
import type { Db } from '../collection/database.js';
import type { LinkedSync } from '../collection/linked-sync.js';
import type { HaikuWriter } from '../haiku/types.js';
import type { Clock, Logger } from '../types.js';

export interface TaskContext {
  db: Db;
  /** Absolute output folder; created if missing. */
  outputDir: string;
  /** Files to keep per type after a successful run (1–50). */
  maxFilesPerType: number;
  /**
   * Set while the settings are recovered (a field broken by hand): retention deletes nothing,
   * since `maxFilesPerType` may be a fallback rather than the user's choice. Says why.
   */
  retentionPaused?: MessageRef;
  clock: Clock;
  log: Logger;
  haiku: HaikuWriter;
  haikuLanguage: HaikuLanguage;
  signal?: AbortSignal;
  /** Collation locale for the Markdown export's artist and title order; default "fr". */
  locale?: string;
  /** The linked sources' sync (sync_collection); absent where no sources are wired. */
  sync?: Pick<LinkedSync, 'syncAll'>;
}

export interface TaskOutcome {
  status: 'completed' | 'skipped';
  /** Absolute path of the file written (null when skipped). */
  file: string | null;
  albumCount: number;
  /** What the person should know about this run, as codes plus parameters. */
  warnings: MessageRef[];
  /** Why it was skipped, e.g. `skip.empty_export`. */
  message?: MessageRef;
  /** Old files removed by retention after this run. */
  deleted: string[];
}

/** What one task module reports before retention is applied (the executor adds `deleted`). */
export type TaskResult = Omit<TaskOutcome, 'deleted'>;

/** Generates the task's file and applies retention. A failure throws (and deletes nothing). */
export type TaskExecutor = (task: TaskId, ctx: TaskContext) => Promise<TaskOutcome>;
