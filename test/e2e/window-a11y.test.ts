/**
 * The window as a collector meets it, in Debian's Chromium against the real `aime serve` stack:
 * accessibility checked by axe-core in both languages and themes, empty and populated; the
 * focus kept where the person is; no sideways scroll on a phone-sized window; the first run
 * of an empty collection; and the wording of schedules, plurals and numbers.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SchedulerConfigView } from '../../shared/api.js';
import { seriousViolations } from './axe.js';
import { DISCOGS_CSV } from '../support/served-core.js';
import { api, closeWindowChecked, openWindow, serveWindow, useBuiltWindow, type OpenWindow, type Served } from './harness.js';

const built = useBuiltWindow();
const shotPath = built.shot;

let served: Served;
let win: OpenWindow | undefined;

afterEach(async () => {
  const open = win;
  win = undefined;
  await closeWindowChecked(open, served);
});

interface Start {
  locale?: string;
  dark?: boolean;
  populated?: boolean;
  viewport?: { width: number; height: number };
}

async function start({ locale = 'fr-FR', dark = false, populated = true, viewport }: Start = {}): Promise<Page> {
  served = await serveWindow(built.staticDir);
  if (populated) {
    const csv = path.join(served.root, 'collection.csv');
    fs.writeFileSync(csv, DISCOGS_CSV);
    await served.core.api.importCollection({ path: csv, format: 'discogs-csv' });
    await served.core.api.runNow('export_collection_json', 'schedule');
    await served.core.api.runNow('generate_haiku_scheduled', 'schedule');
  }
  win = await openWindow(built.browser, served.server.ownerUrl(), locale, viewport);
  if (dark) await win.page.emulateMedia({ colorScheme: 'dark' });
  await win.page.getByRole('tab').first().waitFor();
  return win.page;
}

const TABS = {
  fr: ['Tâches', 'Fichiers', 'Collection', 'EurIA', 'Application'],
  en: ['Tasks', 'Files', 'Collection', 'EurIA', 'Application'],
};

/** Opens each section in turn and runs axe on what it shows. */
async function violationsOnEveryTab(page: Page, tabs: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const name of tabs) {
    await page.getByRole('tab', { name, exact: true }).click();
    for (const v of await seriousViolations(page)) found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
  }
  return found;
}

describe('accessibility (axe-core): no serious or critical violation', () => {
  it('French, light, populated', async () => {
    const page = await start({ locale: 'fr-FR' });
    await page.getByRole('region', { name: 'Haïkus', exact: true }).getByText('Terminée').first().waitFor();
    expect(await violationsOnEveryTab(page, TABS.fr)).toEqual([]);
  });

  it('English, dark, populated', async () => {
    const page = await start({ locale: 'en-US', dark: true });
    await page.getByRole('region', { name: 'Haikus', exact: true }).getByText('Completed').first().waitFor();
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true);
    expect(await violationsOnEveryTab(page, TABS.en)).toEqual([]);
    await page.getByRole('tab', { name: 'Tasks', exact: true }).click();
    await page.screenshot({ path: shotPath('dark-en.png') });
  });

  it('French, dark, empty collection', async () => {
    const page = await start({ locale: 'fr-FR', dark: true, populated: false });
    await page.getByRole('heading', { name: 'Bienvenue : votre collection est vide' }).waitFor();
    expect(await violationsOnEveryTab(page, TABS.fr)).toEqual([]);
    await page.getByRole('tab', { name: 'Tâches', exact: true }).click();
    await page.screenshot({ path: shotPath('dark-first-run-fr.png') });
  });

  it('English, light, empty collection', async () => {
    const page = await start({ locale: 'en-GB', populated: false });
    await page.getByRole('heading', { name: 'Welcome: your collection is empty' }).waitFor();
    await page.screenshot({ path: shotPath('first-run-en.png') });
    expect(await violationsOnEveryTab(page, TABS.en)).toEqual([]);
  });

  it('would catch a problem: a planted low-contrast, unnamed control is reported', async () => {
    const page = await start({ locale: 'fr-FR', populated: false });
    await page.evaluate(() => {
      const bad = document.createElement('div');
      bad.innerHTML = '<p style="color:#bbb;background:#fff">pâle</p><button type="button"></button>';
      document.querySelector('main')?.append(bad);
    });
    const ids = (await seriousViolations(page)).map((v) => v.id).sort();
    expect(ids).toEqual(['button-name', 'color-contrast']);
  });

  it('a running task’s badge reads at 4.5:1 or more in both themes', async () => {
    const page = await start({ locale: 'fr-FR' });
    for (const dark of [false, true]) {
      await page.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
      const ratio = await page.evaluate(() => {
        const badge = document.createElement('span');
        badge.className = 'badge running';
        badge.textContent = 'En cours';
        document.querySelector('main')?.append(badge);
        const style = getComputedStyle(badge);
        const rgb = (text: string) => (text.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const lum = ([r = 0, g = 0, b = 0]: number[]) => {
          const c = [r, g, b].map((v) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
          });
          return 0.2126 * (c[0] ?? 0) + 0.7152 * (c[1] ?? 0) + 0.0722 * (c[2] ?? 0);
        };
        const [a, b] = [lum(rgb(style.color)), lum(rgb(style.backgroundColor))];
        badge.remove();
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      });
      expect(ratio, dark ? 'dark' : 'light').toBeGreaterThanOrEqual(4.5);
    }
  });

  it('status icons are inline SVG; no emoji carries meaning', async () => {
    const page = await start({ locale: 'fr-FR' });
    const badges = page.locator('.badge');
    await badges.first().waitFor();
    const shapes = await badges.evaluateAll((list) =>
      list.map((badge) => ({ svg: badge.querySelector('svg[aria-hidden="true"]') !== null, text: badge.textContent ?? '' })),
    );
    expect(shapes.length).toBeGreaterThan(0);
    for (const shape of shapes) {
      expect(shape.svg).toBe(true);
      expect(shape.text).not.toMatch(/\p{Extended_Pictographic}/u);
    }
    // Every emoji left on the page is hidden from assistive technology (decoration only)…
    const named = await page.evaluate(() => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      const shown: string[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!/\p{Extended_Pictographic}/u.test(node.textContent ?? '')) continue;
        if (!node.parentElement?.closest('[aria-hidden="true"], h2, [role="tab"], td, code')) shown.push(node.textContent ?? '');
      }
      return shown;
    });
    // …except in the seed's own section title and the history's task labels, which are text.
    expect(named).toEqual([]);
  });
});

describe('focus and layout', () => {
  it('keeps the focus on the control after toggling a task, saving a schedule and pausing', async () => {
    const page = await start({ locale: 'fr-FR' });
    const card = page.getByRole('region', { name: 'JSON', exact: true });
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

    const toggle = card.getByRole('switch', { name: 'Planifiée — JSON' });
    await toggle.focus();
    await toggle.press('Space');
    await expect.poll(async () => (await api<SchedulerConfigView>(served.base, 'GET', '/config')).body.tasks[2]?.enabled).toBe(false);
    await expect.poll(() => toggle.isChecked()).toBe(false);
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);

    const time = card.getByLabel('Heure — JSON');
    await time.fill('11:15');
    const save = card.getByRole('button', { name: 'Enregistrer — JSON' });
    await save.focus();
    await save.press('Enter');
    await card.getByText('Planning enregistré.').waitFor();
    expect(await save.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await focused()).toContain('Enregistrer');

    const pause = page.getByRole('button', { name: 'Mettre en pause' });
    await pause.focus();
    await pause.press('Enter');
    await page.getByText('Planificateur en pause').waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Reprendre');
  });

  it('never leaves the focused control under the sticky header (Shift+Tab from the bottom)', async () => {
    const page = await start({ locale: 'fr-FR', viewport: { width: 1000, height: 500 } });
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.locator('body').click({ position: { x: 5, y: 495 } });
    const hidden: string[] = [];
    for (let presses = 0; presses < 25; presses += 1) {
      await page.keyboard.press('Shift+Tab');
      const place = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const header = document.querySelector('.app-header')?.getBoundingClientRect();
        if (!el || el === document.body || !header || el.closest('.app-header, [role="tablist"]')) return null;
        return { top: el.getBoundingClientRect().top, headerBottom: header.bottom, name: el.getAttribute('aria-label') ?? el.textContent ?? el.id };
      });
      if (place && place.top < place.headerBottom) hidden.push(`${place.name}: ${place.top} < ${place.headerBottom}`);
    }
    expect(hidden).toEqual([]);
  });

  for (const locale of ['fr-FR', 'en-US']) {
    it(`fits 320 px without sideways scrolling, on every tab (${locale})`, async () => {
      const page = await start({ locale, viewport: { width: 320, height: 640 } });
      const tabs = locale === 'fr-FR' ? TABS.fr : TABS.en;
      for (const name of tabs) {
        await page.getByRole('tab', { name, exact: true }).click();
        const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
        expect(scrollWidth, name).toBeLessThanOrEqual(width as number);
      }
    });
  }

  it('opens sections from the sidebar with the arrow keys, and a reload keeps the open one', async () => {
    const page = await start({ locale: 'fr-FR' });
    const tasks = page.getByRole('tab', { name: 'Tâches' });
    await tasks.focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('tab', { name: 'Fichiers' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Fichiers');
    await page.getByRole('heading', { name: '⚙️ Configuration des fichiers générés' }).waitFor();
    await page.keyboard.press('End');
    await page.getByRole('heading', { name: 'Application', level: 2 }).waitFor();
    await page.reload();
    expect(await page.getByRole('tab', { name: 'Application' }).getAttribute('aria-selected')).toBe('true');
    await page.getByRole('checkbox', { name: /Rattraper/ }).waitFor();
    // The reload cuts what the old page was still loading (the event stream, the favicon).
    win?.problems.splice(0, win.problems.length, ...win.problems.filter((p) => !/ERR_ABORTED/.test(p)));
  });
});

describe('first run of an empty collection', () => {
  it('French: offers an import or the demo; the demo fills the collection and the call goes away', async () => {
    const page = await start({ locale: 'fr-FR', populated: false });
    const welcome = page.getByRole('region', { name: 'Bienvenue : votre collection est vide' });
    await welcome.waitFor();
    await page.screenshot({ path: shotPath('first-run-fr.png') });
    await welcome.getByText('les haïkus et exports planifiés sont ignorés', { exact: false }).waitFor();
    // A run now says why nothing was written, instead of writing a 0-album file.
    const json = page.getByRole('region', { name: 'JSON', exact: true });
    await json.getByRole('button', { name: 'Exécuter maintenant — JSON' }).click();
    await json.getByRole('status').filter({ hasText: 'Ignorée' }).waitFor();
    expect(fs.readdirSync(served.outputDir).filter((name) => name.startsWith('export-json-'))).toEqual([]);

    await welcome.getByRole('button', { name: 'Importer un fichier…' }).click();
    expect(await page.getByRole('tab', { name: 'Collection' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent)).toBe('Fichier à importer');

    await welcome.getByRole('button', { name: 'Charger la collection de démonstration' }).click();
    await welcome.waitFor({ state: 'detached' });
    await expect.poll(async () => Number(await page.getByTestId('album-count').innerText())).toBeGreaterThan(0);
  });

  it('English: the same call to action, in English; a file dropped on it is imported at once', async () => {
    const page = await start({ locale: 'en-US', populated: false });
    const welcome = page.getByRole('region', { name: 'Welcome: your collection is empty' });
    await welcome.getByRole('button', { name: 'Import a file…' }).waitFor();
    await welcome.getByRole('button', { name: 'Load the demo collection' }).waitFor();
    await welcome.getByLabel('Choose a file…').waitFor();
    const dataTransfer = await page.evaluateHandle((csv) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([csv], 'my collection.csv', { type: 'text/csv' }));
      return transfer;
    }, DISCOGS_CSV);
    await welcome.getByTestId('drop-zone').dispatchEvent('drop', { dataTransfer });
    await welcome.waitFor({ state: 'detached' });
    await expect.poll(async () => Number(await page.getByTestId('album-count').innerText())).toBe(5);
  });
});

describe('a settings file broken by hand while the window is open', () => {
  it('French: a banner names the field and what is used, until a setting is saved', async () => {
    const page = await start({ locale: 'fr-FR' });
    const file = path.join(served.dataDir, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 'twenty' }));
    // No reload: the engine sees the file change and the window follows.
    const banner = page.getByTestId('warnings');
    await banner.waitFor();
    // In the window's language, with no English schema wording (that stays in the log).
    expect(await banner.getByRole('listitem').allInnerTexts()).toEqual([
      'settings.json : max_files_per_type n’était pas valide ; 5 de settings.last-good.json est utilisé jusqu’à ce que les réglages soient enregistrés.',
    ]);

    await page.getByRole('tab', { name: 'Fichiers', exact: true }).click();
    await page.getByLabel('Nombre de fichiers à conserver par type (1-50)').fill('8');
    await page.getByRole('button', { name: 'Appliquer' }).click();
    await banner.waitFor({ state: 'detached' });
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).max_files_per_type).toBe(8);
  });
});

describe('recovery from a broken output folder', () => {
  it('French: the window loads, the folder field says what is wrong and how to fix it, the tasks say why they cannot run', async () => {
    const page = await start({ locale: 'fr-FR' });
    fs.rmSync(served.outputDir, { recursive: true, force: true });
    fs.writeFileSync(served.outputDir, 'not a folder');
    await page.reload();
    const banner = page.getByRole('alert').filter({ hasText: 'Aucune tâche ne peut écrire son fichier' });
    await banner.waitFor();
    expect(await banner.innerText()).toContain(`${served.outputDir} est un fichier, pas un dossier.`);
    await page.getByRole('region', { name: 'JSON', exact: true }).getByText('Ne peut pas s’exécuter tant que le dossier de sortie n’est pas corrigé.').waitFor();
    expect(await page.getByText('Impossible de charger les réglages').count()).toBe(0);

    await banner.getByRole('button', { name: 'Corriger le dossier de sortie' }).click();
    const field = page.getByLabel('Dossier de sortie');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    const help = page.locator(`#${(await field.getAttribute('aria-describedby')) ?? 'none'}`.replace(/:/g, '\\:'));
    expect(await help.innerText()).toMatch(/est un fichier, pas un dossier\. Choisissez un autre dossier ici/);

    const other = path.join(served.root, 'Nouveau dossier');
    await field.fill(other);
    await page.getByRole('button', { name: 'Changer de dossier' }).click();
    await page.getByText('Dossier de sortie modifié.').waitFor();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull();
    await page.getByRole('tab', { name: 'Tâches' }).click();
    await expect.poll(() => page.getByText('Aucune tâche ne peut écrire son fichier').count()).toBe(0);
    win?.problems.splice(0, win.problems.length, ...win.problems.filter((p) => !/ERR_ABORTED/.test(p)));
  });

  it('English: the same, in English', async () => {
    served = await serveWindow(built.staticDir);
    fs.writeFileSync(served.outputDir, 'not a folder');
    win = await openWindow(built.browser, served.server.ownerUrl(), 'en-US');
    await win.page.getByRole('alert').filter({ hasText: 'No task can write its file' }).waitFor();
    await win.page.getByRole('tab', { name: 'Files' }).click();
    await win.page.getByRole('tabpanel').getByRole('alert').filter({ hasText: `${served.outputDir} is a file, not a folder.` }).waitFor();
    expect(await win.page.getByLabel('Output folder').getAttribute('aria-invalid')).toBe('true');
  });
});

describe('see what was made', () => {
  it('French: the haiku card shows the latest haikus, fallbacks marked; a file name opens the read-only viewer', async () => {
    const page = await start({ locale: 'fr-FR' });
    const card = page.getByRole('region', { name: 'Haïkus', exact: true });
    const preview = card.getByRole('region', { name: 'Derniers haïkus' });
    await preview.waitFor();
    // The collection holds 5 albums: all five, each written offline (no EurIA key) and marked so.
    await expect.poll(() => preview.getByRole('listitem').count()).toBe(5);
    expect(await preview.getByText('Écrit hors ligne : EurIA n’est pas configuré', { exact: true }).count()).toBe(5);
    await preview.getByText('Moon Safari - AIR').waitFor();
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('haiku-preview-fr.png') });

    const name = fs.readdirSync(served.outputDir).find((n) => n.startsWith('generate-haiku-')) ?? '';
    const [viewer] = await Promise.all([page.waitForEvent('popup'), preview.getByRole('link', { name, exact: true }).click()]);
    await viewer.getByRole('heading', { name }).waitFor();
    expect(await viewer.locator('pre').textContent()).toBe(fs.readFileSync(path.join(served.outputDir, name), 'utf8'));
    expect(await seriousViolations(viewer)).toEqual([]);
    await viewer.close();

    // The viewer serves nothing but generated files by exact name.
    fs.writeFileSync(path.join(served.root, 'secret.txt'), 'secret');
    const other = await win!.context.newPage();
    await other.goto(`${served.base}/?view=${encodeURIComponent('../secret.txt')}`);
    await other.getByRole('alert').filter({ hasText: 'n’est plus dans le dossier de sortie' }).waitFor();
    expect(await other.content()).not.toContain('>secret<');
    await other.close();
    // The refused read is logged by the browser itself (HTTP 404): expected here.
    win?.problems.splice(0, win.problems.length, ...win.problems.filter((p) => !/status of 404/.test(p)));
  });

  it('English: the same preview, in English; a new haiku run replaces it live', async () => {
    const page = await start({ locale: 'en-US' });
    const preview = page.getByRole('region', { name: 'Haikus', exact: true }).getByRole('region', { name: 'Latest haikus' });
    await preview.getByText('Written offline:', { exact: false }).first().waitFor();
    // The file is in the haiku language (French); the window says why in its own.
    expect(await preview.getByText('Written offline: EurIA is not set up', { exact: true }).count()).toBe(5);
    await preview.scrollIntoViewIfNeeded();
    await page.screenshot({ path: shotPath('haiku-preview-en.png') });
    const before = await preview.getByRole('link').first().innerText();
    const run = await served.core.api.runNow('generate_haiku_scheduled', 'schedule');
    const after = path.basename(run.file ?? '');
    expect(after).not.toBe(before);
    await preview.getByRole('link', { name: after, exact: true }).waitFor();
    expect(await preview.getByRole('link', { name: after, exact: true }).getAttribute('title')).toBe(`Open ${after}`);
  });
});

describe('wording', () => {
  it('French: an hourly schedule lists its real times, plurals agree, numbers are grouped', async () => {
    const page = await start({ locale: 'fr-FR' });
    await api(served.base, 'PATCH', '/tasks/export_collection_json', { unit: 'hour', frequency: 8, time: '09:30' }, served.token);
    const card = page.getByRole('region', { name: 'JSON', exact: true });
    await card.getByText('Toutes les 8 heures : 01:30, 09:30 et 17:30').waitFor();
    // The next run comes from the status the window reloads after the change: it follows a moment later.
    await expect.poll(() => card.getByTestId('next-run').innerText()).toMatch(/(01|09|17):30/);
    await api(served.base, 'PATCH', '/tasks/export_collection_markdown', { unit: 'month', frequency: 1, day: 1 }, served.token);
    await page.getByRole('region', { name: 'Markdown', exact: true }).getByText('Tous les mois, le 1er à 08:00').waitFor();
    expect(await page.getByText(/Tous les 1 |\(s\)/).count()).toBe(0);
    await page.getByRole('tab', { name: 'Collection' }).click();
    // "5 ajoutés" from the import, with the French plural.
    await page.getByText(/\(discogs-csv, 5 ajoutés\)/).waitFor();
  });

  it('English: the same schedules in English', async () => {
    const page = await start({ locale: 'en-US' });
    await api(served.base, 'PATCH', '/tasks/export_collection_json', { unit: 'hour', frequency: 8, time: '09:30' }, served.token);
    await page.getByRole('region', { name: 'JSON', exact: true }).getByText('Every 8 hours: 01:30, 09:30 and 17:30').waitFor();
    await api(served.base, 'PATCH', '/tasks/export_collection_markdown', { unit: 'week', frequency: 2, day: 'sunday' }, served.token);
    await page.getByRole('region', { name: 'Markdown', exact: true }).getByText('Every 2 weeks on Sunday at 08:00').waitFor();
  });
});
