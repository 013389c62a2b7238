/**
 * The Sources section in Debian's Chromium against the real `aime serve` stack and a fake
 * Discogs API on 127.0.0.1: link an account and a file, "Synchroniser maintenant", see each
 * source's result, remove one; every change is checked through the REST API.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, expect, it } from 'vitest';
import { UPLOAD_MAX_BYTES, type SourceView } from '../../shared/sources.js';
import { fakeReleases, startFakeDiscogs, type FakeDiscogs } from '../support/fake-discogs.js';
import { writeDiscogsCsv } from '../support/discogs-csv.js';
import { DISCOGS_CSV, serve } from '../support/served-core.js';
import { api, closeWindowChecked, openWindow, useBuiltWindow, type OpenWindow, type Served } from './harness.js';

const TOKEN = 'token-typed-in-the-window';
const built = useBuiltWindow();
const shotPath = built.shot;
let served: Served;
let discogs: FakeDiscogs;
let win: OpenWindow | undefined;

afterEach(async () => {
  const open = win;
  win = undefined;
  await closeWindowChecked(open, served, discogs);
});

async function start(locale: string): Promise<Page> {
  discogs = await startFakeDiscogs();
  discogs.users.set('collector', { releases: fakeReleases(150), token: TOKEN, private: true });
  served = await serve({ staticDir: built.staticDir, env: { AIME_DISCOGS_API_URL: discogs.url } });
  win = await openWindow(built.browser, served.server.ownerUrl(), locale);
  await win.page.getByRole('heading', { level: 2 }).first().waitFor();
  return win.page;
}

const sources = async () => (await api<SourceView[]>(served.base, 'GET', '/sources', undefined, served.core.apiToken)).body;

it('links a Discogs account and a file, syncs them now, shows the results and removes one (French)', async () => {
  const page = await start('fr-FR');
  // The Sources section lives in the Collection tab.
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const section = page.getByRole('region', { name: 'Sources liées' });
  await section.getByText('Aucune source liée pour l’instant.').waitFor();
  expect(await section.getByRole('button', { name: 'Synchroniser maintenant' }).isDisabled()).toBe(true);

  await section.getByLabel('Nom d’utilisateur Discogs').fill('collector');
  await section.getByLabel('Jeton d’accès personnel').fill(TOKEN);
  await section.getByRole('button', { name: 'Lier le compte' }).click();
  await section.getByText('discogs:collector').waitFor();
  expect(await section.getByLabel('Jeton d’accès personnel').inputValue()).toBe('');

  const csv = path.join(served.root, 'linked.csv');
  fs.writeFileSync(csv, DISCOGS_CSV);
  await section.getByLabel('musique.db AIME, CSV Discogs ou export JSON').fill(csv);
  await section.getByRole('button', { name: 'Lier le fichier' }).click();
  await section.getByText('linked.csv').waitFor();
  expect((await sources()).map((s) => [s.kind, s.has_token])).toEqual([
    ['discogs', true],
    ['discogs-csv', false],
  ]);
  expect(JSON.stringify(await sources())).not.toContain(TOKEN);

  await section.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  const discogsItem = section.getByTestId('source-1');
  await expect.poll(() => discogsItem.getByTestId('last-sync').innerText(), { timeout: 20_000 }).toMatch(/^Synchronisée le .*: \+150 ~0 −0$/);
  await expect.poll(() => section.getByTestId('source-2').getByTestId('last-sync').innerText()).toMatch(/: \+5 ~0 −0$/);
  expect(await discogsItem.innerText()).toContain('150 albums');
  expect((await api<{ albums: number }>(served.base, 'GET', '/collection', undefined, served.core.apiToken)).body.albums).toBe(155);

  await section.getByRole('button', { name: 'Retirer linked.csv' }).click();
  await section.getByRole('button', { name: 'Retirer la source et ses 5 albums' }).click();
  await expect.poll(async () => (await sources()).map((s) => s.id)).toEqual([1]);
  await expect.poll(() => section.getByText('linked.csv').count()).toBe(0);
  expect((await api<{ albums: number }>(served.base, 'GET', '/collection', undefined, served.core.apiToken)).body.albums).toBe(150);
});

it('shows a failed sync with Discogs’ reason (English)', async () => {
  const page = await start('en-GB');
  await served.core.api.addSource({ kind: 'discogs', username: 'nobody' });
  // The Sources section lives in the Collection tab.
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const section = page.getByRole('region', { name: 'Linked sources' });
  await page.reload();
  await section.getByText('discogs:nobody').waitFor();
  await section.getByRole('button', { name: 'Sync now' }).click();
  await section.getByRole('alert').filter({ hasText: 'Sync failed' }).waitFor();
  await expect
    .poll(() => section.getByTestId('source-1').getByTestId('last-sync').innerText())
    .toMatch(/Sync failed .*: Discogs has no user nobody\.$/);
  // POST /sync answers a failed run with HTTP 500 (the contract's failed result): Chromium logs it.
  const expected = 'console error: Failed to load resource: the server responded with a status of 500 (Internal Server Error)';
  expect(win!.problems).toEqual([expected]);
  win!.problems.length = 0;
});

it('links a collection file dropped on the page (French)', async () => {
  const page = await start('fr-FR');
  // The Sources section lives in the Collection tab.
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const section = page.getByRole('region', { name: 'Sources liées' });
  await section.getByText('Aucune source liée pour l’instant.').waitFor();
  const dataTransfer = await page.evaluateHandle((csv) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([csv], 'déposé.csv', { type: 'text/csv' }));
    return transfer;
  }, DISCOGS_CSV);
  await section.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await section.getByText('déposé.csv').waitFor();
  const linked = await sources();
  expect(linked).toHaveLength(1);
  expect(linked[0]!.location).toBe(path.join(served.dataDir, 'sources', 'déposé.csv'));
  expect(fs.readFileSync(linked[0]!.location, 'utf8')).toBe(DISCOGS_CSV);
  await section.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  await expect.poll(() => section.getByTestId('source-1').getByTestId('last-sync').innerText(), { timeout: 20_000 }).toMatch(/\+5 ~0 −0$/);
});

it('shows the sync’s progress, and its Stop button rolls it back: the run is cancelled, nothing changed (English)', async () => {
  const page = await start('en-GB');
  discogs.users.set('collector', { releases: fakeReleases(2950), token: TOKEN });
  // The account's page 7 waits until the test lets it go: the sync is in progress meanwhile.
  let letGo!: () => void;
  const held = new Promise<void>((resolve) => (letGo = resolve));
  discogs.beforeAnswer = (request) => (request.page === 7 ? held : undefined);
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const section = page.getByRole('region', { name: 'Linked sources' });
  await section.getByLabel('Discogs username').fill('collector');
  await section.getByLabel('Personal access token').fill(TOKEN);
  await section.getByRole('button', { name: 'Link the account' }).click();
  await section.getByText('discogs:collector').waitFor();

  await section.getByRole('button', { name: 'Sync now' }).click();
  await section.getByRole('status').getByText('Reading discogs:collector… 500 albums').waitFor();
  expect(await section.getByRole('button', { name: 'Sync now' }).isDisabled()).toBe(true);
  await section.getByRole('button', { name: 'Stop the sync' }).click();
  await section.getByText('Sync cancelled; the collection is unchanged.').waitFor({ timeout: 20_000 });
  letGo();

  expect((await api<{ albums: number }>(served.base, 'GET', '/collection', undefined, served.core.apiToken)).body.albums).toBe(0);
  expect((await sources())[0]!.last_result).toBeNull();
  const history = (await api<Array<{ task: string; status: string }>>(served.base, 'GET', '/history?limit=1')).body;
  expect(history[0]).toMatchObject({ task: 'sync_collection', status: 'cancelled' });
  await expect.poll(() => section.getByRole('button', { name: 'Stop the sync' }).count()).toBe(0);
});

it('imports a collection file dropped on the Import form once, without linking it (French)', async () => {
  const page = await start('fr-FR');
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const form = page.locator('form.import-form');
  const dataTransfer = await page.evaluateHandle((csv) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([csv], 'déposée.csv', { type: 'text/csv' }));
    return transfer;
  }, DISCOGS_CSV);
  await form.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await form.getByText(/^déposée\.csv : 5 ajoutés, 0 mis à jour, 0 ignoré\. La collection compte maintenant 5 albums\.$/).waitFor();
  expect((await api<{ albums: number }>(served.base, 'GET', '/collection', undefined, served.core.apiToken)).body.albums).toBe(5);
  expect(await sources()).toEqual([]);

  // The same file again: its notes say, in French, which albums were already there, by name.
  await form.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
  await form.getByText(/^déposée\.csv : 0 ajouté, 0 mis à jour, 5 ignorés\./).waitFor();
  await form.getByText(/ — .+ : déjà dans la collection, inchangé\.$/).first().waitFor();
  expect(await form.innerText()).not.toMatch(/album:\[|discogs:\d|already in the collection/);
  await page.setViewportSize({ width: 1000, height: 900 });
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('collection-fr.png') });
});

it('imports a file chosen with the page’s file picker, and refuses one over the limit before sending it (English)', async () => {
  const page = await start('en-GB');
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const form = page.locator('form.import-form');
  const picker = form.getByLabel('Choose a file…');
  await picker.setInputFiles({ name: 'picked.csv', mimeType: 'text/csv', buffer: Buffer.from(DISCOGS_CSV) });
  await form.getByText(/^picked\.csv: 5 added, 0 updated, 0 skipped\. The collection now holds 5 albums\.$/).waitFor();
  expect(await sources()).toEqual([]);
  // The import is in the history, by its name and the file it read.
  await page.getByRole('tab', { name: 'Tasks', exact: true }).click();
  const newest = page.getByRole('region', { name: 'History' }).locator('tbody tr').first();
  await expect.poll(() => newest.innerText()).toMatch(/Collection import\s+Window\s+Completed\s+.*picked\.csv: 5 albums added/s);
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  await page.setViewportSize({ width: 1000, height: 900 });
  await form.scrollIntoViewIfNeeded();
  await page.screenshot({ path: shotPath('collection-en.png') });

  await picker.setInputFiles({ name: 'huge.csv', mimeType: 'text/csv', buffer: Buffer.alloc(UPLOAD_MAX_BYTES + 1, 'a') });
  await form.getByRole('alert').filter({ hasText: 'huge.csv is larger than 700 KiB' }).waitFor();
  expect((await api<{ albums: number }>(served.base, 'GET', '/collection', undefined, served.core.apiToken)).body.albums).toBe(5);
});

it('cancels an import from its Cancel button: nothing changed, and the history shows the import cancelled (French)', async () => {
  const page = await start('fr-FR');
  // Large enough to be still running when the button is clicked (a typed path: no upload limit).
  const csv = writeDiscogsCsv(path.join(built.buildRoot, 'grande.csv'), 100_000);
  await page.getByRole('tab', { name: 'Collection', exact: true }).click();
  const form = page.locator('form.import-form');
  await form.getByLabel('Fichier à importer').fill(csv);
  await form.getByRole('button', { name: 'Importer', exact: true }).click();
  await form.getByRole('button', { name: 'Annuler', exact: true }).click();
  await form.getByText('Import annulé ; la collection n’a pas changé.').waitFor({ timeout: 30_000 });

  expect((await api<{ albums: number }>(served.base, 'GET', '/collection', undefined, served.core.apiToken)).body.albums).toBe(0);
  const history = (await api<Array<{ id: number; task: string; trigger: string; status: string }>>(served.base, 'GET', '/history?limit=1')).body;
  expect(history[0]).toMatchObject({ task: 'import_collection', trigger: 'manual', status: 'cancelled' });
  await page.getByRole('tab', { name: 'Tâches', exact: true }).click();
  const row = page.getByRole('region', { name: 'Historique' }).locator(`tr[data-run-id="${history[0]!.id}"]`);
  await expect
    .poll(() => row.innerText())
    .toMatch(/Import de la collection\s+Fenêtre\s+Annulée\s+.*Import annulé : la collection est inchangée\./s);
  // The import's answer was the API's 409 `cancelled`, which Chromium logs: expected here, and only it.
  expect(win!.problems).toEqual(['console error: Failed to load resource: the server responded with a status of 409 (Conflict)']);
  win!.problems.length = 0;
});
