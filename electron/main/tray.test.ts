/** The tray menu and tooltip, built by pure functions from a scheduler status. */
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import type { SchedulerStatus, TaskStatus } from '../../shared/api.js';
import type { TaskId } from '../../shared/tasks.js';
import { createMemoryLogger } from '../core/log.js';
import { buildTrayMenu, nextRun, trayActions, trayTooltip, type TrayActions } from './tray.js';
import { click, createFakeElectron, FakeTray, menuItem } from '../../test/support/fake-electron.js';
import { createTray } from './tray.js';

function task(name: TaskId, next: string | null, extra: Partial<TaskStatus> = {}): TaskStatus {
  return { name, enabled: true, running: false, next_run_at: next, last_run: null, ...extra };
}

const STATUS: SchedulerStatus = {
  warnings: [],
  warning_texts: [],
  settings_recovered: false,
  log_failures: 0,
  running: true,
  now: '2026-01-31T21:02:02.000+01:00',
  tasks: [
    task('generate_haiku_scheduled', '2026-02-01T06:00:00.000+01:00'),
    task('export_collection_markdown', '2026-02-01T08:00:00.000+01:00', { running: true }),
    task('export_collection_json', '2026-01-31T22:00:00.000+01:00'),
    task('sync_collection', '2026-02-01T05:30:00.000+01:00'),
  ],
};

function recorder(): TrayActions & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    runNow: (t) => void calls.push(`run ${t}`),
    openOutputFolder: () => void calls.push('open'),
    openFile: (name) => void calls.push(`open ${name}`),
    setPaused: (p) => void calls.push(`paused ${p}`),
    openSettings: () => void calls.push('settings'),
    quit: () => void calls.push('quit'),
  };
}

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => (i.type === 'separator' ? '---' : i.label));

describe('buildTrayMenu', () => {
  it('lists state, run-now per task, output folder, pause, settings, quit', () => {
    const menu = buildTrayMenu(STATUS, recorder(), 'fr');
    expect(labels(menu)).toEqual([
      'Planificateur actif',
      '---',
      'Lancer maintenant',
      'Ouvrir le dossier de sortie',
      'Ouvrir le dernier haïku',
      'Ouvrir le dernier export',
      'Mettre en pause',
      '---',
      'Paramètres…',
      'Quitter AIME Scheduler',
    ]);
    expect(menu[0]!.enabled).toBe(false);
    expect(labels(menuItem(menu, 'run-now').submenu as MenuItemConstructorOptions[])).toEqual([
      '🎋 Haïkus',
      '📝 Markdown (en cours…)',
      '📊 JSON',
      '🔄 Synchronisation',
    ]);
  });

  it('opens the latest haiku and the latest export, greyed out while there is none', () => {
    const actions = recorder();
    const empty = buildTrayMenu(STATUS, actions, 'fr');
    expect(menuItem(empty, 'open-latest-haiku').enabled).toBe(false);
    expect(menuItem(empty, 'open-latest-export').enabled).toBe(false);
    const latest = { haiku: 'generate-haiku-20260131-060000.md', export: 'export-json-20260131-100000.json' };
    const menu = buildTrayMenu(STATUS, actions, 'en', null, latest);
    expect(menuItem(menu, 'open-latest-haiku')).toMatchObject({ label: 'Open the latest haiku', enabled: true });
    expect(menuItem(menu, 'open-latest-export')).toMatchObject({ label: 'Open the latest export', enabled: true });
    click(menuItem(menu, 'open-latest-haiku'));
    click(menuItem(menu, 'open-latest-export'));
    expect(actions.calls).toEqual(['open generate-haiku-20260131-060000.md', 'open export-json-20260131-100000.json']);
    // While the core starts nothing can be opened.
    expect(menuItem(buildTrayMenu(null, actions, 'fr', null, latest), 'open-latest-haiku').enabled).toBe(false);
  });

  it('disables run-now for a task already running', () => {
    const menu = buildTrayMenu(STATUS, recorder());
    expect(menuItem(menu, 'run:generate_haiku_scheduled').enabled).toBe(true);
    expect(menuItem(menu, 'run:export_collection_markdown').enabled).toBe(false);
  });

  it('offers Resume when paused, and each item calls its action', () => {
    const actions = recorder();
    const menu = buildTrayMenu({ ...STATUS, running: false }, actions, 'en');
    expect(menu[0]!.label).toBe('Scheduler paused');
    expect(menuItem(menu, 'pause').label).toBe('Resume');
    for (const id of ['pause', 'run:export_collection_json', 'open-output', 'settings', 'quit']) click(menuItem(menu, id));
    expect(actions.calls).toEqual(['paused false', 'run export_collection_json', 'open', 'settings', 'quit']);
    click(menuItem(buildTrayMenu(STATUS, actions, 'en'), 'pause'));
    expect(actions.calls.at(-1)).toBe('paused true');
  });

  it('while the core starts, only settings and quit are usable', () => {
    const menu = buildTrayMenu(null, recorder(), 'en');
    expect(menu[0]!.label).toBe('Starting…');
    for (const id of ['run:generate_haiku_scheduled', 'open-output', 'pause']) expect(menuItem(menu, id).enabled).toBe(false);
    expect(menuItem(menu, 'settings').enabled).not.toBe(false);
    expect(menuItem(menu, 'quit').enabled).not.toBe(false);
  });
});

describe('the tray badge', () => {
  it('shows while settings are recovered or the collection was found missing, and opens Settings', () => {
    const recovered = { ...STATUS, settings_recovered: true, warnings: ['settings.json: max_files_per_type: …; using 20 from settings.last-good.json'] };
    const actions = recorder();
    const menu = buildTrayMenu(recovered, actions, 'en');
    expect(menu[0]).toMatchObject({ id: 'attention', label: '⚠ Needs a look in Settings' });
    menu[0]!.click!({} as never, undefined as never, {} as never);
    expect(actions.calls).toEqual(['settings']);
    expect(trayTooltip(recovered, 'fr')).toBe('AIME Scheduler — ⚠ À vérifier dans les paramètres');
    expect(buildTrayMenu(STATUS, recorder(), 'en').some((item) => item.id === 'attention')).toBe(false);
  });
});

describe('trayTooltip', () => {
  it('names the soonest enabled run in local time', () => {
    expect(nextRun(STATUS)).toEqual({ task: 'export_collection_json', at: '2026-01-31T22:00:00.000+01:00' });
    expect(trayTooltip(STATUS, 'fr')).toBe('AIME Scheduler — Prochaine exécution: 📊 JSON 2026-01-31 22:00');
    expect(trayTooltip(STATUS, 'fr').length).toBeLessThanOrEqual(127);
  });

  it('skips disabled tasks, says when nothing is planned or the scheduler is paused', () => {
    const disabled = { ...STATUS, tasks: STATUS.tasks.map((t) => ({ ...t, enabled: t.name !== 'export_collection_json' && t.name !== 'sync_collection' })) };
    expect(trayTooltip(disabled, 'en')).toBe('AIME Scheduler — Next run: 🎋 Haikus 2026-02-01 06:00');
    expect(trayTooltip({ ...STATUS, tasks: STATUS.tasks.map((t) => ({ ...t, next_run_at: null })) }, 'en')).toBe(
      'AIME Scheduler — no run planned',
    );
    expect(trayTooltip({ ...STATUS, running: false }, 'en')).toBe('AIME Scheduler — Scheduler paused');
    expect(trayTooltip(null, 'en')).toBe('AIME Scheduler — Starting…');
  });

  it('shows the import in progress instead of the next run', () => {
    const importing = {
      kind: 'import' as const,
      file: '/home/me/Téléchargements/collection.csv',
      format: 'discogs-csv',
      started_at: '2026-01-31T21:00:00.000+01:00',
      phase: 'writing' as const,
      done: 450,
      total: 1000,
      cancelling: false,
    };
    expect(trayTooltip(STATUS, 'fr', importing)).toBe('AIME Scheduler — Import collection.csv 45 %');
    expect(trayTooltip(STATUS, 'en', { ...importing, total: null })).toBe('AIME Scheduler — Importing collection.csv');
    expect(trayTooltip(STATUS, 'en', { ...importing, cancelling: true })).toBe(
      'AIME Scheduler — Importing collection.csv (cancelling…)',
    );
    expect(trayTooltip(STATUS, 'en', null)).toBe(trayTooltip(STATUS, 'en'));
  });

  it('shows a sync in progress as a sync', () => {
    const syncing = {
      kind: 'sync' as const,
      file: 'discogs:collector',
      format: 'discogs',
      started_at: '2026-01-31T05:30:00.000+01:00',
      phase: 'writing' as const,
      done: 300,
      total: 1200,
      cancelling: false,
    };
    expect(trayTooltip(STATUS, 'fr', syncing)).toBe('AIME Scheduler — Synchronisation discogs:collector 25 %');
    expect(trayTooltip(STATUS, 'en', { ...syncing, cancelling: true })).toBe(
      'AIME Scheduler — Syncing discogs:collector (cancelling…)',
    );
  });
});

describe('trayActions', () => {
  it('reports a refused run instead of throwing into the menu', async () => {
    const reports: string[] = [];
    const lines: string[] = [];
    const actions = trayActions(
      {
        runNow: () => Promise.reject(new Error('export_collection_json is already running')),
        openOutputFolder: () => Promise.resolve({ path: '/x', opened: true }),
        openFile: () => Promise.resolve({ path: '/x/y', opened: true }),
        setSchedulerEnabled: () => Promise.reject(new Error('disk full')),
      },
      { openSettings: () => undefined, quit: () => undefined, log: createMemoryLogger(lines), report: (m) => void reports.push(m) },
    );
    actions.runNow('export_collection_json');
    actions.setPaused(true);
    actions.openOutputFolder();
    await Promise.all([...actions.pending]);
    expect(reports).toEqual(['export_collection_json is already running', 'disk full']);
    expect(lines.filter((l) => l.includes('WARN - Tray:'))).toHaveLength(2);
    expect(actions.pending.size).toBe(0);
  });
});

describe('createTray', () => {
  it('keeps one Tray, rebuilds its menu and tooltip on update, opens the window on click', () => {
    const electron = createFakeElectron();
    const clicks: string[] = [];
    const tray = createTray({
      Tray: electron.Tray,
      Menu: electron.Menu,
      iconPath: '/icons/tray.png',
      actions: recorder(),
      lang: 'en',
      onClick: () => void clicks.push('click'),
    });
    expect(FakeTray.instances).toHaveLength(1);
    const fake = FakeTray.instances[0]!;
    expect(fake.tooltip).toBe('AIME Scheduler — Starting…');
    tray.update(STATUS);
    expect(fake.menu!.template).toBe(tray.template());
    expect(fake.tooltip).toMatch(/Next run: 📊 JSON/);
    fake.emit('click');
    expect(clicks).toEqual(['click']);
    expect(FakeTray.instances).toHaveLength(1);
  });
});
