/**
 * The settings window in Debian's Chromium against the real `aime serve` stack on a temporary
 * data folder: every change made in the window is checked through the REST API (what the
 * engine really holds), and changes made elsewhere must show up in the open window.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunRecord, SchedulerConfigView, SchedulerStatus } from '../../shared/api.js';
import { startApiServer } from '../../electron/core/api/index.js';
import { createMemoryLogger } from '../../electron/core/log.js';
import { api, closeWindowChecked, holdingEuria, openWindow, serveWindow, useBuiltWindow, type OpenWindow, type Served } from './harness.js';

const built = useBuiltWindow();
const shotPath = built.shot;

/** A small Discogs collection export (the real 13-column header), so exports have content. */
const DISCOGS_CSV = [
  'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added,Collection Media Condition,Collection Sleeve Condition,Collection Notes',
  'AIR1,AIR,Moon Safari,Parlophone,"LP, Album, RE",,2023,111,Uncategorized,2023-01-01 10:00:00,,,',
  'AIR2,AIR,Talkie Walkie,Virgin,"CD, Album",,2004,112,Uncategorized,2023-01-01 10:00:00,,,',
  'AC1,Alice Cooper,Live From The Astroturf,Ear Music,"LP, Album",,2022,113,Uncategorized,2023-01-01 10:00:00,,,',
  'VP4188,Augustus Pablo,This Is Augustus Pablo,17 North Parade,"LP, Album, RE, RM",,2011,3068785,Uncategorized,2020-11-18 19:17:05,,,',
  '',
].join('\n');

// Each test starts an engine, imports a collection and opens a fresh Chromium context: on a
// starved machine (two busy cores) that start alone was measured at 19 s of the default 30 s.
// A test that hangs still fails; it just takes longer to say so.
vi.setConfig({ testTimeout: 90_000 });

let served: Served;
let win: OpenWindow | undefined;

async function start(locale = 'fr-FR', viewport?: { width: number; height: number }, prepare?: (page: Page) => Promise<void>): Promise<Page> {
  served = await serveWindow(built.staticDir);
  const csv = path.join(served.root, 'collection.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  await served.core.api.importCollection({ path: csv, format: 'discogs-csv' });
  win = await openWindow(built.browser, served.server.ownerUrl(), locale, viewport, prepare);
  await win.page.getByRole('heading', { level: 2 }).first().waitFor();
  return win.page;
}

afterEach(async () => {
  const open = win;
  win = undefined;
  // Every scenario also checks that the window logged no error and no request failed.
  await closeWindowChecked(open, served);
});

/** The tasks' runs in the history (start()'s import is in it too, as an import_collection run). */
const taskRuns = async () => (await api<RunRecord[]>(served.base, 'GET', '/history')).body.filter((r) => r.task !== 'import_collection');

/** A task's card, by its name without the emoji ("Haïkus"): the emoji is decoration. */
const taskCard = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

/** Opens one section of the window from its sidebar tab. */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  await tab.click();
  expect(await tab.getAttribute('aria-selected')).toBe('true');
}

async function eventually(read: () => Promise<unknown>, matcher: RegExp | unknown): Promise<void> {
  if (matcher instanceof RegExp) await expect.poll(async () => String(await read()), { timeout: 10_000 }).toMatch(matcher);
  else await expect.poll(read, { timeout: 10_000 }).toEqual(matcher);
}

const text = (locator: Locator) => () => locator.innerText();

describe('the settings window (French)', () => {
  it('shows the scheduler, the three tasks with their labels, and the seed’s files settings', async () => {
    const page = await start('fr-FR');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.getByText('Planificateur actif').waitFor();
    for (const label of ['Haïkus', 'Markdown', 'JSON']) {
      const card = taskCard(page, label);
      await card.getByRole('button', { name: /Exécuter maintenant/ }).waitFor();
      expect(await card.getByRole('switch').isChecked()).toBe(true);
      expect(await card.getByLabel('Heure').inputValue()).toMatch(/^\d\d:\d\d$/);
    }
    expect(await taskCard(page, 'JSON').getByLabel('Heure').inputValue()).toBe('10:00');
    // Each control is named for its task.
    expect(await taskCard(page, 'JSON').getByLabel('Heure — JSON', { exact: true }).count()).toBe(1);
    expect(await taskCard(page, 'Haïkus').getByRole('switch', { name: 'Planifiée — Haïkus', exact: true }).count()).toBe(1);
    expect(await taskCard(page, 'Haïkus').getByRole('button', { name: 'Enregistrer — Haïkus', exact: true }).count()).toBe(1);
    await openTab(page, 'Fichiers');
    await page.getByRole('heading', { name: '⚙️ Configuration des fichiers générés' }).waitFor();
    expect(await page.getByLabel('Nombre de fichiers à conserver par type (1-50)').inputValue()).toBe('5');
    await page.getByRole('button', { name: 'Appliquer' }).waitFor();
    await openTab(page, 'Collection');
    await eventually(text(page.getByTestId('album-count')), /^4$/);
  });

  it('sets the retention to 7 and the engine holds 7', async () => {
    const page = await start();
    await openTab(page, 'Fichiers');
    const field = page.getByLabel('Nombre de fichiers à conserver par type (1-50)');
    await field.fill('7');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await page.getByText('Enregistré : les 7 fichiers les plus récents de chaque type sont conservés.').waitFor();
    const { body } = await api<SchedulerConfigView>(served.base, 'GET', '/config');
    expect(body.max_files_per_type).toBe(7);
    expect(await field.getAttribute('aria-invalid')).toBeNull();
  });

  it('refuses 51 with an inline error and saves nothing', async () => {
    const page = await start();
    const patches: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    await openTab(page, 'Fichiers');
    const field = page.getByLabel('Nombre de fichiers à conserver par type (1-50)');
    for (const bad of ['51', '0', '2.5']) {
      await field.fill(bad);
      // Enter submits like the button does: the form is keyboard-usable.
      await field.press('Enter');
      const alert = page.getByRole('alert').filter({ hasText: 'Entrez un nombre entier entre 1 et 50' });
      await alert.waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      // The error is tied to the field for screen readers.
      expect(await field.getAttribute('aria-describedby')).toBe(await alert.getAttribute('id'));
    }
    const { body } = await api<SchedulerConfigView>(served.base, 'GET', '/config');
    expect(body.max_files_per_type).toBe(5);
    expect(patches).toEqual([]);
  });

  it('changes a task’s time: the config and the next run follow', async () => {
    const page = await start();
    const card = taskCard(page, 'JSON');
    await card.getByLabel('Heure').fill('7:45');
    await card.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByText('Planning enregistré.').waitFor();
    const config = await api<SchedulerConfigView>(served.base, 'GET', '/config');
    expect(config.body.tasks.find((t) => t.name === 'export_collection_json')?.time).toBe('07:45');
    const status = await api<SchedulerStatus>(served.base, 'GET', '/status');
    const next = new Date(status.body.tasks.find((t) => t.name === 'export_collection_json')?.next_run_at ?? NaN);
    // Local time (tests run in Europe/Paris, like the server they start).
    expect([next.getHours(), next.getMinutes()]).toEqual([7, 45]);
    await eventually(text(card.getByTestId('next-run')), /07:45/);
    await card.getByText('Tous les jours à 07:45').waitFor();
  });

  it('refuses a bad time and a weekly schedule without its day is impossible', async () => {
    const page = await start();
    const card = taskCard(page, 'Markdown');
    await card.getByLabel('Heure').fill('25:00');
    await card.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByRole('alert').filter({ hasText: 'HH:MM' }).waitFor();
    expect(await card.getByLabel('Heure').getAttribute('aria-invalid')).toBe('true');
    const before = await api<SchedulerConfigView>(served.base, 'GET', '/config');
    expect(before.body.tasks.find((t) => t.name === 'export_collection_markdown')?.time).toBe('08:00');

    await card.getByLabel('Heure').fill('08:00');
    await card.getByLabel('Unité').selectOption('week');
    await card.getByLabel('Jour de la semaine').selectOption('sunday');
    await card.getByRole('button', { name: 'Enregistrer' }).click();
    await card.getByText('Chaque dimanche à 08:00').waitFor();
    const after = await api<SchedulerConfigView>(served.base, 'GET', '/config');
    expect(after.body.tasks.find((t) => t.name === 'export_collection_markdown')).toMatchObject({ unit: 'week', day: 'sunday' });
  });

  it('“Exécuter maintenant” for the JSON export writes the file and the window lists it', async () => {
    const page = await start();
    const card = taskCard(page, 'JSON');
    await card.getByRole('button', { name: /Exécuter maintenant — JSON/ }).click();
    await card.getByRole('status').filter({ hasText: 'Terminée' }).waitFor();
    const written = fs.readdirSync(served.outputDir).filter((name) => /^export-json-\d{8}-\d{6}(-\d+)?\.json$/.test(name));
    expect(written).toHaveLength(1);
    const file = written[0] as string;
    expect(JSON.parse(fs.readFileSync(path.join(served.outputDir, file), 'utf8'))).toMatchObject({ total_albums: 4 });
    // Both the click's result and the task's last run name the file.
    await eventually(() => card.getByText(file).count(), 2);
    await openTab(page, 'Fichiers');
    const list = page.getByRole('region', { name: /^JSON \d+$/ });
    await list.getByText(file).waitFor();
  });

  it('a run triggered by a separate HTTP request (curl) appears in the open window', async () => {
    const page = await start();
    const history = page.getByRole('region', { name: 'Historique' });
    // So far only the collection's import, by its French name.
    await history.getByRole('row').filter({ hasText: 'Import de la collection' }).getByText('Terminée').waitFor();
    const answer = await api<{ task: string; status: string; file: string }>(
      served.base,
      'POST',
      '/trigger/export_collection_markdown',
    );
    expect(answer.body).toMatchObject({ task: 'export_collection_markdown', status: 'completed' });
    const name = path.basename(answer.body.file);
    // No reload, no poll: the event stream brings it.
    const row = history.getByRole('row').filter({ hasText: name });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/📝 Markdown[\s\S]*API[\s\S]*Terminée/);
    await taskCard(page, 'Markdown').getByText(name).waitFor();
    await openTab(page, 'Fichiers');
    await page.getByRole('region', { name: /^Markdown \d+$/ }).getByText(name).waitFor();
    expect((await taskRuns()).map((r) => r.trigger)).toEqual(['api']);
  });

  it('a run started elsewhere shows its progress in the open window, then its result', async () => {
    const euria = await holdingEuria();
    try {
      const page = await start();
      await api(served.base, 'PATCH', '/euria', { url: euria.url, api_key: 'k' }, served.token);
      const card = taskCard(page, 'Haïkus');
      expect(await card.getByRole('progressbar').count()).toBe(0);
      const answer = api<{ status: string }>(served.base, 'POST', '/trigger/generate_haiku_scheduled');
      await card.getByRole('progressbar').waitFor();
      await page.getByRole('region', { name: 'Historique' }).getByText('En cours').waitFor();
      // A click now starts nothing and says why.
      await card.getByRole('button', { name: /Exécuter maintenant/ }).click();
      await card.getByText('déjà en cours', { exact: false }).waitFor();
      euria.release();
      expect((await answer).body.status).toBe('completed');
      await card.getByText('Terminée').waitFor();
      expect(await card.getByRole('progressbar').count()).toBe(0);
      expect(await taskRuns()).toHaveLength(1);
    } finally {
      await euria.close();
    }
  });

  it('a run started before the window’s event stream connects still shows its progress, then its result', async () => {
    // Under load the stream can connect well after the window has loaded: what happened in
    // between must not be lost. Here the stream is held until the run has started.
    const euria = await holdingEuria();
    let connect!: () => void;
    const connected = new Promise<void>((resolve) => (connect = resolve));
    try {
      const page = await start('fr-FR', undefined, async (p) => {
        await p.route('**/events', async (route) => {
          await connected;
          await route.continue();
        });
      });
      await api(served.base, 'PATCH', '/euria', { url: euria.url, api_key: 'k' }, served.token);
      const started = new Promise<void>((resolve) => {
        const stop = served.core.api.subscribe((event) => {
          if (event.type === 'run-started') {
            stop();
            resolve();
          }
        });
      });
      const answer = api<{ status: string }>(served.base, 'POST', '/trigger/generate_haiku_scheduled');
      await started;
      connect();
      const card = taskCard(page, 'Haïkus');
      await card.getByRole('progressbar').waitFor();
      await page.getByRole('region', { name: 'Historique' }).getByText('En cours').waitFor();
      euria.release();
      expect((await answer).body.status).toBe('completed');
      await card.getByText('Terminée').waitFor();
    } finally {
      connect();
      await euria.close();
    }
  });

  it('is usable from the keyboard alone: Tab reaches “Exécuter maintenant” and Enter runs it', async () => {
    const page = await start();
    const focusedName = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');
    let name = '';
    for (let presses = 0; presses < 80 && name !== 'Exécuter maintenant — JSON'; presses += 1) {
      await page.keyboard.press('Tab');
      name = await focusedName();
    }
    expect(name).toBe('Exécuter maintenant — JSON');
    await page.keyboard.press('Enter');
    await taskCard(page, 'JSON').getByRole('status').filter({ hasText: 'Terminée' }).waitFor();
    // Every form control on the page has a label (its accessible name is not empty).
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, button')]
        .filter((el) => {
          const input = el as HTMLInputElement;
          const byLabel = input.labels && input.labels.length > 0;
          return !byLabel && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !el.textContent?.trim();
        })
        .map((el) => el.outerHTML),
    );
    expect(unlabelled).toEqual([]);
  });

  it('catches up after the server restarts: what changed meanwhile shows up without a reload', async () => {
    const page = await start();
    const port = served.server.port;
    await served.server.close();
    // Changed while the window is cut off: no event can reach it.
    await served.core.api.setMaxFilesPerType(12);
    const run = await served.core.api.runNow('export_collection_json', 'cli');
    served.server = await startApiServer({ api: served.core.api, port, log: createMemoryLogger(), staticDir: built.staticDir, token: served.token });
    // The browser reconnects its event stream by itself; the window then reloads what may have moved.
    await page.getByRole('region', { name: 'Historique' }).getByText('Ligne de commande').waitFor();
    await openTab(page, 'Fichiers');
    await eventually(() => page.getByLabel('Nombre de fichiers à conserver par type (1-50)').inputValue(), '12');
    await page.getByRole('region', { name: /^JSON \d+$/ }).getByText(path.basename(run.file ?? '')).waitFor();
    // The browser reports the refused reconnection attempts itself, and any request (the event
    // stream, the favicon) that the deliberate shutdown cut in the middle: those are expected here.
    const cutByShutdown = /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_CONTENT_LENGTH_MISMATCH|\/events/;
    win?.problems.splice(0, win.problems.length, ...win.problems.filter((p) => !cutByShutdown.test(p)));
  });

  it('pauses and resumes the scheduler', async () => {
    const page = await start();
    await page.getByRole('button', { name: 'Mettre en pause' }).click();
    await page.getByText('Planificateur en pause').waitFor();
    expect((await api<SchedulerStatus>(served.base, 'GET', '/status')).body.running).toBe(false);
    await page.getByRole('button', { name: 'Reprendre' }).click();
    await page.getByText('Planificateur actif').waitFor();
    expect((await api<SchedulerStatus>(served.base, 'GET', '/status')).body.running).toBe(true);
    // A pause made elsewhere shows up too.
    await api(served.base, 'POST', '/stop', undefined, served.token);
    await page.getByText('Planificateur en pause').waitFor();
  });

  it('turns a task off and on with its switch', async () => {
    const page = await start();
    const toggle = taskCard(page, 'Haïkus').getByRole('switch');
    await toggle.press('Space');
    await eventually(() => toggle.isChecked(), false);
    const config = await api<SchedulerConfigView>(served.base, 'GET', '/config');
    expect(config.body.tasks.find((t) => t.name === 'generate_haiku_scheduled')?.enabled).toBe(false);
    await eventually(text(taskCard(page, 'Haïkus').getByTestId('next-run')), 'Non planifiée');
  });

  it('opens and changes the output folder', async () => {
    const page = await start();
    await openTab(page, 'Fichiers');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByText(`Ouvert : ${served.outputDir}`).waitFor();
    expect(served.opened).toEqual([served.outputDir]);
    const other = path.join(served.root, 'Autre dossier');
    await page.getByLabel('Dossier de sortie').fill(other);
    await page.getByRole('button', { name: 'Changer de dossier' }).click();
    await page.getByText('Dossier de sortie modifié.').waitFor();
    expect((await api<SchedulerConfigView>(served.base, 'GET', '/config')).body.output_dir).toBe(other);
  });

  it('imports a Discogs CSV and shows the summary; a missing file shows the importer’s error', async () => {
    const page = await start();
    const csv = path.join(served.root, 'more.csv');
    fs.writeFileSync(
      csv,
      DISCOGS_CSV.split('\n').slice(0, 1).concat('X1,Daft Punk,Discovery,Virgin,"LP, Album",,2001,999,Uncategorized,2023-01-01 10:00:00,,,', '').join('\n'),
    );
    await openTab(page, 'Collection');
    await page.getByLabel('Fichier à importer').fill(csv);
    await page.getByLabel('Format').selectOption('discogs-csv');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByText(/more\.csv : 1 ajouté, 0 mis à jour, 0 ignoré\. La collection compte maintenant 5 albums\./).waitFor();
    await eventually(text(page.getByTestId('album-count')), /^5$/);

    await page.getByLabel('Fichier à importer').fill(path.join(served.root, 'absent.db'));
    await page.getByLabel('Format').selectOption('aime-db');
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Échec de l’import' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'absent.db' }).count()).toBe(1);
    // The browser logs the refused request itself; that one is expected here.
    win?.problems.splice(0, win.problems.length, ...win.problems.filter((p) => !/status of 4\d\d/.test(p)));
  });

  it('shows progress while a task runs, refuses a second click kindly, then shows the result', async () => {
    const euria = await holdingEuria();
    try {
      const page = await start();
      const url = euria.url;
      await openTab(page, 'EurIA');
      await page.getByLabel('URL de l’API').fill(url);
      await page.getByLabel('Clé d’API').fill('test-key');
      await page.getByRole('button', { name: 'Enregistrer', exact: true }).last().click();
      await page.getByText('Réglages EurIA enregistrés.').waitFor();
      await page.getByText('Une clé est enregistrée (masquée).', { exact: false }).waitFor();
      const euriaView = await api<{ key_configured: boolean; url: string }>(served.base, 'GET', '/euria', undefined, served.token);
      expect(euriaView.body).toMatchObject({ key_configured: true, url });
      expect(JSON.stringify(euriaView.body)).not.toContain('test-key');

      await openTab(page, 'Tâches');
      const card = taskCard(page, 'Haïkus');
      const button = card.getByRole('button', { name: /Exécuter maintenant — Haïkus/ });
      await button.click();
      await card.getByRole('progressbar').waitFor();
      await button.click();
      await card.getByText('Haïkus est déjà en cours — une seule exécution à la fois.', { exact: false }).waitFor();
      // Only one run was started.
      expect(await taskRuns()).toHaveLength(1);
      euria.release();
      await card.getByRole('status').filter({ hasText: 'Terminée' }).waitFor();
      expect(await card.getByRole('progressbar').count()).toBe(0);
      expect(await card.getByText('déjà en cours', { exact: false }).count()).toBe(0);
      const runs = await api<RunRecord[]>(served.base, 'GET', '/history');
      expect(runs.body.filter((r) => r.task === 'generate_haiku_scheduled')).toHaveLength(1);
      const haiku = fs.readdirSync(served.outputDir).find((n) => n.startsWith('generate-haiku-')) ?? '';
      expect(fs.readFileSync(path.join(served.outputDir, haiku), 'utf8')).toContain('La nuit garde le silence');

      await openTab(page, 'EurIA');
      await page.getByRole('button', { name: 'Tester la connexion' }).click();
      await page.getByText(/Connecté à .* en \d+ ms/).waitFor();
    } finally {
      await euria.close();
    }
  });

  it('says in French why a real run failed and why another was skipped, with no English and no errno', async () => {
    const page = await start();
    // The output folder becomes a file: the JSON export cannot be written.
    fs.rmSync(served.outputDir, { recursive: true, force: true });
    fs.writeFileSync(served.outputDir, 'not a folder');
    const failed = await served.core.api.runNow('export_collection_json', 'schedule');
    expect(failed).toMatchObject({ status: 'failed', text: { key: 'error.not_a_folder' } });
    const card = taskCard(page, 'JSON');
    await card.getByTestId('run-reason').filter({ hasText: `Erreur : ${served.outputDir} est un fichier, pas un dossier.` }).waitFor();
    expect(await card.innerText()).not.toMatch(/is a file|ENOTDIR|EEXIST/);
    fs.rmSync(served.outputDir);

    // No linked source: the sync is skipped, and says so in French in the history.
    await served.core.api.runNow('sync_collection', 'schedule');
    const history = page.getByRole('region', { name: 'Historique' });
    await history.getByText('Aucune source liée : liez-en une dans l’onglet Collection (ou avec `aime source add`).').waitFor();
    await history.getByText(`${served.outputDir} est un fichier, pas un dossier.`).waitFor();
    expect(await history.innerText()).not.toMatch(/No linked source|is a file/);
  });

  it('fits 900×700 without sideways scrolling and saves the French screenshot', async () => {
    const page = await start('fr-FR', { width: 900, height: 700 });
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] as number);

    await page.setViewportSize({ width: 1000, height: 800 });
    await served.core.api.runNow('generate_haiku_scheduled', 'schedule');
    await served.core.api.runNow('export_collection_json', 'schedule');
    await served.core.api.runNow('export_collection_markdown', 'tray');
    await taskCard(page, 'Markdown').getByText('Terminée').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotPath('settings-fr.png') });
  });
});

describe('the settings window (English)', () => {
  it('says in English why a real run failed', async () => {
    const page = await start('en-US');
    fs.rmSync(served.outputDir, { recursive: true, force: true });
    fs.writeFileSync(served.outputDir, 'not a folder');
    await served.core.api.runNow('export_collection_json', 'schedule');
    await taskCard(page, 'JSON').getByTestId('run-reason').filter({ hasText: `Error: ${served.outputDir} is a file, not a folder.` }).waitFor();
    fs.rmSync(served.outputDir);
  });

  it('follows the browser language, names “Run now” by task, and saves the English screenshot', async () => {
    const page = await start('en-US');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByText('Scheduler running').waitFor();
    await openTab(page, 'Files');
    await page.getByRole('heading', { name: '⚙️ Generated files settings' }).waitFor();
    await page.getByRole('button', { name: 'Apply' }).waitFor();
    await openTab(page, 'Tasks');
    const card = taskCard(page, 'JSON');
    await card.getByRole('button', { name: /Run now — JSON/ }).click();
    await card.getByRole('status').filter({ hasText: 'Completed' }).waitFor();
    // The seed's French descriptions are shown in English while the user has not edited them.
    await taskCard(page, 'Haikus').getByText('Haikus for 5 random albums').waitFor();
    await served.core.api.runNow('export_collection_markdown', 'cli');
    await page.getByRole('region', { name: 'History' }).getByText('Command line').waitFor();
    await served.core.api.runNow('generate_haiku_scheduled', 'schedule');
    await taskCard(page, 'Haikus').getByText('Completed').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shotPath('settings-en.png') });
  });
});

describe('the Application section', () => {
  it('sets start at login from the window, and shows within a second a change made at another door', async () => {
    const page = await start('en-US');
    await openTab(page, 'Application');
    const section = page.getByRole('region', { name: 'Application' });
    const login = section.getByLabel('Start at login (in the tray)');
    await login.waitFor();
    expect(await login.isChecked()).toBe(false);
    // The box shows the engine's answer (it is checked once saved), so a click, not check().
    await login.click();
    await eventually(async () => served.core.settings.get().desktop.start_at_login, true);
    await expect.poll(() => login.isChecked(), { timeout: 5000 }).toBe(true);
    // Another door (the CLI, the API): the window follows through the config event.
    const success = section.getByLabel('Notify when a task completes');
    expect(await success.isChecked()).toBe(false);
    await served.core.api.updateApplication({ desktop: { notify_on_success: true }, api: { port: 8123 } });
    await expect.poll(() => success.isChecked(), { timeout: 1000 }).toBe(true);
    expect(await section.getByLabel('Port').inputValue()).toBe('8123');
  });
});
