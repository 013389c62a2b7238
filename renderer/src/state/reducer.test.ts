import { describe, expect, it } from 'vitest';
import type { RunRecord, SchedulerConfigView, SchedulerStatus } from '../../../shared/api.js';
import { defaultTasks } from '../../../shared/config.js';
import { HISTORY_LIMIT, initialState, reduce, refreshesAfter, upsertRun, type AimeState } from './reducer.js';

function run(id: number, patch: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    task: 'export_collection_json',
    trigger: 'api',
    started_at: '2026-01-31T21:02:26.000+01:00',
    finished_at: null,
    status: 'running',
    file: null,
    album_count: null,
    warnings: [],
    error: null,
    text: null,
    warning_texts: [],
    ...patch,
  };
}

const config: SchedulerConfigView = {
  enabled: true,
  output_dir: '/tmp/out',
  max_files_per_type: 5,
  catch_up_missed_runs: true,
  tasks: defaultTasks().map(({ name, enabled, frequency, unit, time, day, description }) => ({
    name,
    enabled,
    frequency,
    unit,
    time,
    day,
    description,
  })),
};

const status: SchedulerStatus = {
  warnings: [],
  warning_texts: [],
  settings_recovered: false,
  log_failures: 0,
  running: true,
  now: '2026-01-31T21:00:00.000+01:00',
  tasks: config.tasks.map((t) => ({ name: t.name, enabled: true, running: false, next_run_at: null, last_run: null })),
};

const loaded: AimeState = reduce(initialState, {
  type: 'loaded',
  state: { ...initialState, config, status, history: [run(1, { status: 'completed' }), run(3, { status: 'completed' })] },
});

const jsonTask = (state: AimeState) => state.status?.tasks.find((t) => t.name === 'export_collection_json');

describe('reduce', () => {
  it('sorts the loaded history newest first', () => {
    expect(loaded.history.map((r) => r.id)).toEqual([3, 1]);
  });

  it('marks a task running when a run starts elsewhere, and adds it to the history', () => {
    const state = reduce(loaded, { type: 'event', event: { type: 'run-started', run: run(4) } });
    expect(jsonTask(state)?.running).toBe(true);
    expect(state.history[0]).toMatchObject({ id: 4, status: 'running' });
    // Other tasks are untouched.
    expect(state.status?.tasks.filter((t) => t.running)).toHaveLength(1);
  });

  it('replaces the running entry when the run finishes and records it as the last run', () => {
    const started = reduce(loaded, { type: 'event', event: { type: 'run-started', run: run(4) } });
    const done = run(4, { status: 'completed', finished_at: '2026-01-31T21:02:27.000+01:00', file: '/tmp/out/export-json-20260131-210226.json' });
    const state = reduce(started, { type: 'event', event: { type: 'run-finished', run: done } });
    expect(jsonTask(state)).toMatchObject({ running: false, last_run: { id: 4, status: 'completed' } });
    expect(state.history.filter((r) => r.id === 4)).toEqual([done]);
  });

  it('ignores a late "started" for a run older than the last finished one', () => {
    const finished = reduce(loaded, { type: 'event', event: { type: 'run-finished', run: run(9, { status: 'completed' }) } });
    const late = reduce(finished, { type: 'event', event: { type: 'run-started', run: run(8) } });
    expect(jsonTask(late)?.running).toBe(false);
    expect(jsonTask(late)?.last_run?.id).toBe(9);
  });

  it('takes a new config from an event and mirrors the pause and task switches into the status', () => {
    const changed: SchedulerConfigView = {
      ...config,
      enabled: false,
      max_files_per_type: 7,
      tasks: config.tasks.map((t) => (t.name === 'generate_haiku_scheduled' ? { ...t, enabled: false } : t)),
    };
    const state = reduce(loaded, { type: 'event', event: { type: 'config-changed', config: changed } });
    expect(state.config?.max_files_per_type).toBe(7);
    expect(state.status?.running).toBe(false);
    expect(state.status?.tasks.find((t) => t.name === 'generate_haiku_scheduled')?.enabled).toBe(false);
  });

  it('keeps the config enabled flag in step with a status answer', () => {
    const state = reduce(loaded, { type: 'status', status: { ...status, running: false } });
    expect(state.config?.enabled).toBe(false);
  });

  it('updates the collection counts from an event', () => {
    const stats = { albums: 12, artists: 9, tracks: 0, last_import: null };
    expect(reduce(loaded, { type: 'event', event: { type: 'collection-changed', stats } }).collection).toEqual(stats);
  });

  it('leaves the state alone on files-changed (the hook reloads the list)', () => {
    expect(reduce(loaded, { type: 'event', event: { type: 'files-changed' } })).toBe(loaded);
  });
});

describe('upsertRun', () => {
  it('keeps at most HISTORY_LIMIT runs, newest first', () => {
    let history: RunRecord[] = [];
    for (let id = 1; id <= HISTORY_LIMIT + 5; id += 1) history = upsertRun(history, run(id));
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(history[0]?.id).toBe(HISTORY_LIMIT + 5);
    expect(history.at(-1)?.id).toBe(6);
  });
});

describe('refreshesAfter', () => {
  it('asks for what events do not carry', () => {
    expect(refreshesAfter({ type: 'run-finished', run: run(1) })).toEqual(['status', 'history']);
    expect(refreshesAfter({ type: 'config-changed', config })).toEqual(['status', 'files', 'history', 'collection']);
    expect(refreshesAfter({ type: 'files-changed' })).toEqual(['files']);
    // Asked again so that an older answer still on its way cannot undo the run's progress.
    expect(refreshesAfter({ type: 'run-started', run: run(1) })).toEqual(['status', 'history']);
  });
});
