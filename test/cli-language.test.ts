/**
 * `aime` says the engine's messages in the language of its locale: French under a French LANG
 * (or LC_ALL / LC_MESSAGES), English otherwise. Real command, real data folder.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTES_CAP } from '../electron/core/collection/album-writer.js';
import { aime } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';

let root: string;
let data: string;
let output: string;

beforeAll(() => {
  root = tempDir('aime-cli-lang-');
  data = path.join(root, 'data');
  output = path.join(root, 'Scheduled Output');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const FRENCH = { LANG: 'fr_FR.UTF-8' };

describe('aime in French', () => {
  it('says why a run was skipped in French under LANG=fr_FR.UTF-8, and in English otherwise', () => {
    const french = aime(['run', 'generate_haiku_scheduled', '--data', data, '--output', output], FRENCH);
    expect(french.code).toBe(0);
    expect(french.stderr).toContain(
      'generate_haiku_scheduled ignorée : La collection est vide : aucun album sur lequel écrire un haïku. Importez-en une d’abord.',
    );
    const english = aime(['run', 'generate_haiku_scheduled', '--data', data, '--output', output]);
    expect(english.stderr).toContain('generate_haiku_scheduled skipped: The collection is empty: there is no album to write a haiku about.');
    // LC_ALL wins over LANG, the POSIX way.
    const c = aime(['run', 'generate_haiku_scheduled', '--data', data, '--output', output], { ...FRENCH, LC_ALL: 'C' });
    expect(c.stderr).toContain('skipped: The collection is empty');
  });

  it('says a failed run and an error in French, with no raw errno', () => {
    const blocked = path.join(root, 'a file');
    fs.writeFileSync(blocked, 'not a folder');
    const failed = aime(['run', 'export_collection_json', '--data', data, '--output', path.join(blocked, 'out')], FRENCH);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).not.toMatch(/ENOTDIR|EEXIST|EACCES/);
    expect(failed.stderr).toMatch(/est un fichier, pas un dossier|n’a pas pu être créé/);

    const missing = path.join(root, 'nowhere.csv');
    const error = aime(['import', missing, '--data', data, '--output', output], FRENCH);
    expect(error.code).toBe(2);
    expect(error.stderr).toContain(`Le fichier ${missing} n’existe pas.`);
  });

  it('says a settings field recovered by hand in French, and keeps the exact English problem in English', () => {
    const own = path.join(root, 'recovered');
    expect(aime(['status', '--data', own, '--output', output]).code).toBe(0);
    const file = path.join(own, 'settings.json');
    fs.writeFileSync(file, JSON.stringify({ ...JSON.parse(fs.readFileSync(file, 'utf8')), max_files_per_type: 'twenty' }));
    const french = aime(['status', '--data', own, '--output', output], FRENCH);
    expect(french.stderr).toContain(
      'aime: avertissement : settings.json : max_files_per_type n’était pas valide ; 5 de settings.last-good.json est utilisé',
    );
    expect(french.stderr).not.toContain('must be a number');
    const english = aime(['status', '--data', own, '--output', output]);
    expect(english.stderr).toContain(
      'aime: warning: settings.json: max_files_per_type: max_files_per_type must be a number; using 5 from settings.last-good.json',
    );
  });

  it('writes the import notes in French, naming albums by title, artist and year', () => {
    const csv = path.join(root, 'collection.csv');
    fs.writeFileSync(
      csv,
      'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added\n' +
        'X1,Eric Clapton,461 Ocean Boulevard,RSO,"LP, Album",,1974,111,Uncategorized,2020-11-18 19:17:05\n',
    );
    expect(aime(['import', csv, '--data', data, '--output', output], FRENCH).code).toBe(0);
    const again = aime(['import', csv, '--data', data, '--output', output], FRENCH);
    expect(again.stderr).toContain('461 Ocean Boulevard — Eric Clapton (1974) : déjà dans la collection, inchangé.');
    expect(again.stderr).not.toMatch(/album:\[|discogs:111/);
  });

  it('says how many notes were left out, in French', () => {
    const own = path.join(root, 'many-notes');
    const csv = path.join(root, 'many.csv');
    const rows = Array.from({ length: NOTES_CAP + 3 }, (_, i) => `X${i},Artist ${i},Title ${i},L,CD,,2001,${5000 + i},Uncategorized,2020-11-18 19:17:05`);
    fs.writeFileSync(csv, 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added\n' + rows.join('\n') + '\n');
    expect(aime(['import', csv, '--data', own, '--output', output]).code).toBe(0);
    const again = aime(['import', csv, '--data', own, '--output', output], FRENCH);
    expect(again.stderr).toContain('… et 3 autres remarques.');
  });
});
