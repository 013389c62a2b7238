/** The `runs` table: run history, the single-flight check across processes and the per-occurrence claim. */
import type { RunRecord, RunStatus } from '../../../shared/api.js';
import { isMessageCode, type MessageRef } from '../../../shared/messages/index.js';
import type { RunTrigger, RunKind } from '../../../shared/tasks.js';
import type { Db } from '../collection/database.js';
import { isOwnerAlive } from './process-identity.js';

interface RunRow {
  id: number;
  task: RunKind;
  trigger: RunTrigger;
  started_at: string;
  finished_at: string | null;
  status: RunStatus;
  file: string | null;
  album_count: number | null;
  warnings: string;
  error: string | null;
  text: string | null;
  warning_texts: string | null;
  occurrence: string | null;
  pid: number | null;
  owner: string | null;
}

export interface NewRun {
  task: RunKind;
  trigger: RunTrigger;
  startedAt: string;
  occurrence: string | null;
  pid: number;
  owner: string;
}

export interface RunEnd {
  status: Exclude<RunStatus, 'running'>;
  finishedAt: string;
  file: string | null;
  albumCount: number | null;
  /** In English, for the log and the API's plain fields. */
  warnings: string[];
  error: string | null;
  /** The same as codes plus parameters. */
  text: MessageRef | null;
  warningTexts: MessageRef[];
}

/** Why `claim` refused: the task runs elsewhere, or this occurrence was already run. */
export type ClaimRefusal = { reason: 'running'; run: RunRecord; pid: number | null } | { reason: 'claimed' };

export const MAX_HISTORY = 1000;
/**
 * Finished runs kept per task: the history must not grow for as long as the app lives in the
 * tray (three tasks a day is over a thousand rows a year). As many as the history shows.
 */
export const RUNS_KEPT_PER_TASK = MAX_HISTORY;

export function createRunStore(db: Db, keptPerTask = RUNS_KEPT_PER_TASK) {
  const selectRunning = db.prepare<[RunKind], RunRow>(
    `SELECT * FROM runs WHERE task = ? AND status = 'running' ORDER BY id DESC`,
  );
  const selectAllRunning = db.prepare<[], RunRow>(`SELECT * FROM runs WHERE status = 'running'`);
  const insert = db.prepare(
    `INSERT INTO runs (task, trigger, started_at, status, warnings, occurrence, pid, owner)
     VALUES (@task, @trigger, @startedAt, 'running', '[]', @occurrence, @pid, @owner)`,
  );
  const update = db.prepare(
    `UPDATE runs SET status = @status, finished_at = @finishedAt, file = @file, album_count = @albumCount,
       warnings = @warnings, error = @error, text = @text, warning_texts = @warningTexts WHERE id = @id`,
  );
  const markInterrupted = db.prepare(
    `UPDATE runs SET status = 'failed', finished_at = ?, error = ?, text = ? WHERE id = ? AND status = 'running'`,
  );
  const selectById = db.prepare<[number], RunRow>(`SELECT * FROM runs WHERE id = ?`);
  const selectHistory = db.prepare<[number], RunRow>(`SELECT * FROM runs ORDER BY id DESC LIMIT ?`);
  const selectLast = db.prepare<[RunKind], RunRow>(`SELECT * FROM runs WHERE task = ? ORDER BY id DESC LIMIT 1`);
  // Everything of the task older than its keptPerTask newest rows, except a run still going.
  const prune = db.prepare(
    `DELETE FROM runs WHERE task = @task AND status != 'running'
       AND id <= (SELECT id FROM runs WHERE task = @task ORDER BY id DESC LIMIT 1 OFFSET @kept)`,
  );
  const selectOccurrence = db.prepare<[RunKind, string], { id: number }>(
    `SELECT id FROM runs WHERE task = ? AND occurrence = ?`,
  );

  /** A `running` row of this task whose owner process is alive (ours included). */
  const liveRunning = (task: RunKind): RunRow | undefined =>
    selectRunning.all(task).find((row) => isOwnerAlive(row.pid, row.owner));

  // IMMEDIATE: the check and the insert happen under SQLite's write lock, so two processes
  // asking at the same moment cannot both see "nothing running" and both insert.
  const claimTx = db.transaction((run: NewRun): RunRecord | ClaimRefusal => {
    const live = liveRunning(run.task);
    if (live) return { reason: 'running', run: toRecord(live), pid: live.pid };
    if (run.occurrence !== null && selectOccurrence.get(run.task, run.occurrence)) return { reason: 'claimed' };
    const id = Number(insert.run(run).lastInsertRowid);
    return toRecord(selectById.get(id)!);
  });

  return {
    claim: (run: NewRun): RunRecord | ClaimRefusal => claimTx.immediate(run),

    finish(id: number, end: RunEnd): RunRecord {
      update.run({
        id,
        ...end,
        warnings: JSON.stringify(end.warnings),
        text: end.text ? JSON.stringify(end.text) : null,
        warningTexts: JSON.stringify(end.warningTexts),
      });
      const record = toRecord(selectById.get(id)!);
      prune.run({ task: record.task, kept: keptPerTask });
      return record;
    },

    liveRunning: (task: RunKind): RunRecord | null => {
      const row = liveRunning(task);
      return row ? toRecord(row) : null;
    },

    /** Marks every `running` row whose owner is gone as failed; returns them. */
    recoverInterrupted(finishedAt: string, error: string, text: MessageRef): RunRecord[] {
      return db.transaction(() => {
        const dead = selectAllRunning.all().filter((row) => !isOwnerAlive(row.pid, row.owner));
        for (const row of dead) markInterrupted.run(finishedAt, error, JSON.stringify(text), row.id);
        return dead.map((row) => toRecord(selectById.get(row.id)!));
      }).immediate();
    },

    history: (limit: number): RunRecord[] => selectHistory.all(limit).map(toRecord),
    last: (task: RunKind): RunRecord | null => {
      const row = selectLast.get(task);
      return row ? toRecord(row) : null;
    },
  };
}

export type RunStore = ReturnType<typeof createRunStore>;

export function isRefusal(value: RunRecord | ClaimRefusal): value is ClaimRefusal {
  return 'reason' in value;
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    task: row.task,
    trigger: row.trigger,
    started_at: row.started_at,
    finished_at: row.finished_at,
    status: row.status,
    file: row.file,
    album_count: row.album_count,
    warnings: parseWarnings(row.warnings),
    error: row.error,
    text: row.text === null ? null : parseTexts(`[${row.text}]`)[0] ?? null,
    warning_texts: row.warning_texts === null ? [] : parseTexts(row.warning_texts),
  };
}

function parseWarnings(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** Stored messages whose code is still in the catalogue (a row written by a newer version may have others). */
function parseTexts(text: string): MessageRef[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is MessageRef => isMessageCode((item as MessageRef | null)?.key)) : [];
  } catch {
    return [];
  }
}
