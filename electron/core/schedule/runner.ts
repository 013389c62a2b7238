/**
 * The single-flight runner: every run of a task, whatever started it, goes through here and
 * is recorded in SQLite. One run per task at a time — in this process (an in-memory map,
 * checked synchronously so two calls in the same tick cannot both pass) and across processes
 * (a `running` row whose owner is alive). Different tasks run side by side.
 */
import type { AimeEvent, ImportSummary, RunRecord, RunResult } from '../../../shared/api.js';
import { AimeError } from '../../../shared/contract.js';
import { english, msg } from '../../../shared/messages/index.js';
import { failureText } from '../failure-text.js';
import { IMPORT_RUN, type RunKind, type RunTrigger, type TaskId } from '../../../shared/tasks.js';
import type { Db } from '../collection/database.js';
import { isCancellation } from '../collection/import-run.js';
import type { WriteGate } from '../collection/write-gate.js';
import type { TaskOutcome } from '../tasks/types.js';
import { isoLocal } from '../time-format.js';
import type { Clock, Logger } from '../types.js';
import { PROCESS_TOKEN } from './process-identity.js';
import { createRunStore, isRefusal, MAX_HISTORY, type RunEnd } from './run-store.js';

export const INTERRUPTED_MESSAGE = 'interrupted (the app stopped during the run)';

export interface RunnerDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** Generates the task's file; throws on failure. */
  execute: (task: TaskId, trigger: RunTrigger) => Promise<TaskOutcome>;
  onEvent: (event: AimeEvent) => void;
  /** The history's writes wait for it while an import writes the collection (write-gate.ts). */
  gate?: WriteGate;
}

export interface Runner {
  /**
   * Runs the task now. Throws AimeError('already_running') when it is running here or in
   * another live process, or when `occurrence` (a scheduled time) was already claimed.
   * A task failure does not throw: it resolves with status "failed" and the error.
   */
  run(task: TaskId, trigger: RunTrigger, occurrence?: Date): Promise<RunResult>;
  isRunning(task: TaskId): boolean;
  /** Newest first; `limit` 1–1000, default 50. */
  history(limit?: number): RunRecord[];
  lastRun(task: TaskId): RunRecord | null;
  /**
   * A one-shot import, recorded as an `import_collection` run. `start` starts the import and
   * calls `begin` once its input is accepted and it is really under way: that records the run
   * (and refuses with already_running while another process's import is recorded running).
   * Input refused before `begin` is no run. The import's end finishes the record: completed with
   * the albums added and its notes, cancelled, or failed; the import's own answer or error is
   * passed on unchanged.
   */
  recordImport(trigger: RunTrigger, start: (begin: () => void) => Promise<ImportSummary>): Promise<ImportSummary>;
  /** Runs left `running` by a process that is gone become failed; returns how many. */
  recoverInterrupted(): number;
  /** Resolves when no run of this runner is in progress. */
  idle(): Promise<void>;
}

export function createRunner(deps: RunnerDeps): Runner {
  const { clock, log } = deps;
  const store = createRunStore(deps.db);
  const inFlight = new Map<RunKind, { startedAt: string; done: Promise<unknown> }>();

  const emit = (event: AimeEvent): void => {
    try {
      deps.onEvent(event);
    } catch (error) {
      // A listener's bug must not turn a good run into a failed one.
      log.error(`event listener failed on ${event.type}: ${errorMessage(error)}`);
    }
  };

  const alreadyRunning = (task: RunKind, startedAt: string, elsewhere?: number | null): AimeError =>
    new AimeError(
      'already_running',
      `${task} is already running (started ${startedAt.slice(11, 19)})` +
        (elsewhere ? ` in another AIME process (pid ${elsewhere})` : ''),
      { task, started_at: startedAt, ...(elsewhere ? { pid: elsewhere } : {}) },
      msg('error.task_running', { task: msg(`task.${task}`) }),
    );

  /** Synchronous up to the claim, so a second call in the same tick sees the first. */
  function begin(task: RunKind, trigger: RunTrigger, occurrence?: Date): RunRecord {
    const mine = inFlight.get(task);
    if (mine) throw alreadyRunning(task, mine.startedAt);
    const claimed = store.claim({
      task,
      trigger,
      startedAt: isoLocal(clock.now()),
      occurrence: occurrence ? isoLocal(occurrence) : null,
      pid: process.pid,
      owner: PROCESS_TOKEN,
    });
    if (!isRefusal(claimed)) return claimed;
    if (claimed.reason === 'running') {
      throw alreadyRunning(task, claimed.run.started_at, claimed.pid === process.pid ? null : claimed.pid);
    }
    throw new AimeError(
      'already_running',
      `${task}: the run scheduled for ${isoLocal(occurrence!)} was already claimed (it runs or ran once)`,
      { task, occurrence: isoLocal(occurrence!) },
      msg('error.occurrence_claimed', { task: msg(`task.${task}`) }),
    );
  }

  /** A run's end: written (after an import's writing, through the gate), logged and announced. */
  async function conclude(record: RunRecord, end: Omit<RunEnd, 'finishedAt'>): Promise<RunRecord> {
    const { task, trigger } = record;
    const finishedAt = isoLocal(clock.now());
    const finished = deps.gate
      ? await deps.gate.run(() => store.finish(record.id, { ...end, finishedAt }))
      : store.finish(record.id, { ...end, finishedAt });
    if (finished.status === 'failed') log.error(`❌ ${task} failed (${trigger}): ${finished.error ?? ''}`);
    else if (finished.status === 'cancelled') log.warn(`⏹️ ${task} cancelled (${trigger}): ${finished.error ?? ''}`);
    else if (finished.status === 'skipped') log.warn(`⏭️ ${task} skipped (${trigger}): ${finished.error ?? ''}`);
    else log.info(`✅ ${task} completed (${trigger})${finished.file ? `: ${finished.file}` : ''}`);
    emit({ type: 'run-finished', run: finished });
    return finished;
  }

  function announce(record: RunRecord): void {
    emit({ type: 'run-started', run: record });
    log.info(`▶️ ${record.task} started (${record.trigger})`);
  }

  /** Registered before the work starts, so listeners and re-entrant calls see it running; returns its settle. */
  function track(record: RunRecord): () => void {
    let settle!: () => void;
    inFlight.set(record.task, { startedAt: record.started_at, done: new Promise<void>((r) => (settle = r)) });
    return () => {
      inFlight.delete(record.task);
      settle();
    };
  }

  /** A task's run (`task` is the record's, as a task: only an import's record is of another kind). */
  async function execute(record: RunRecord, task: TaskId): Promise<RunResult> {
    const { trigger } = record;
    announce(record);
    let end: Omit<RunEnd, 'finishedAt'>;
    try {
      const outcome = await deps.execute(task, trigger);
      // For a skipped run, why it wrote nothing ("the collection is empty…").
      const why = outcome.status === 'skipped' ? (outcome.message ?? msg('error.internal')) : null;
      end = {
        status: outcome.status,
        file: outcome.file,
        albumCount: outcome.albumCount,
        warnings: outcome.warnings.map(english),
        warningTexts: outcome.warnings,
        error: why ? english(why) : null,
        text: why,
      };
    } catch (error) {
      end = failedEnd(error);
    }
    const finished = await conclude(record, end);
    return {
      task,
      status: end.status,
      timestamp: finished.finished_at!,
      file: finished.file,
      album_count: finished.album_count,
      warnings: finished.warnings,
      ...(finished.error !== null ? { error: finished.error } : {}),
      run_id: finished.id,
      ...(finished.text !== null ? { text: finished.text } : {}),
      warning_texts: finished.warning_texts,
    };
  }

  function start(task: TaskId, trigger: RunTrigger, occurrence?: Date): Promise<RunResult> {
    let record: RunRecord;
    try {
      record = begin(task, trigger, occurrence);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    const settle = track(record);
    return execute(record, task).finally(settle);
  }

  return {
    run(task, trigger, occurrence) {
      // The claim is a write: at once when the gate is free (still in this tick), else after the import.
      return deps.gate ? deps.gate.run(() => start(task, trigger, occurrence)) : start(task, trigger, occurrence);
    },

    isRunning: (task) => inFlight.has(task) || store.liveRunning(task) !== null,

    history(limit = 50) {
      const n = Number.isInteger(limit) ? Math.min(Math.max(limit, 1), MAX_HISTORY) : 50;
      return store.history(n);
    },

    lastRun: (task) => store.last(task),

    async recordImport(trigger, startImport) {
      const run: { record?: RunRecord; settle?: () => void } = {};
      const beginImport = (): void => {
        // No gate: no import or sync is writing while another import is let start (one job at a time).
        run.record = begin(IMPORT_RUN, trigger);
        run.settle = track(run.record);
        announce(run.record);
      };
      try {
        const summary = await startImport(beginImport);
        if (run.record) await conclude(run.record, importedEnd(summary));
        return summary;
      } catch (error) {
        if (run.record) await conclude(run.record, failedEnd(error));
        throw error;
      } finally {
        run.settle?.();
      }
    },

    recoverInterrupted() {
      const recovered = store.recoverInterrupted(isoLocal(clock.now()), INTERRUPTED_MESSAGE, msg('error.interrupted'));
      for (const run of recovered) {
        log.warn(`⚠️ ${run.task} run #${run.id} started ${run.started_at} was ${INTERRUPTED_MESSAGE}: marked failed`);
        emit({ type: 'run-finished', run });
      }
      return recovered.length;
    },

    async idle() {
      while (inFlight.size > 0) {
        await Promise.allSettled([...inFlight.values()].map((entry) => entry.done));
      }
    },
  };
}

/** How a run that threw ends: cancelled (stopped by the user, rolled back) or failed. */
function failedEnd(error: unknown): Omit<RunEnd, 'finishedAt'> {
  // A sync or an import stopped by the user rolled back: shown as cancelled, not as a failure.
  const status = isCancellation(error) ? 'cancelled' : 'failed';
  // `error` keeps the exact English detail (errno included) for the log and programs; people read `text`.
  return { status, file: null, albumCount: null, warnings: [], warningTexts: [], error: errorMessage(error), text: failureText(error) };
}

/** A finished import as a run: the file it read, the albums it added, its notes (and how many more were left out). */
function importedEnd(summary: ImportSummary): Omit<RunEnd, 'finishedAt'> {
  const notes = summary.more > 0 ? [...summary.note_texts, msg('note.more', { n: summary.more })] : summary.note_texts;
  return {
    status: 'completed',
    file: summary.file,
    albumCount: summary.added,
    warnings: notes.map(english),
    warningTexts: notes,
    error: null,
    text: null,
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
