/** The test fixtures (test/fixtures, provenance in its README) and the original-AIME database maker. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const FIXTURES = fileURLToPath(new URL('../fixtures', import.meta.url));
export const DISCOGS_FIXTURE = fileURLToPath(new URL('../fixtures/discogs-collection-316.csv', import.meta.url));
export const MAKE_AIME_DB = fileURLToPath(new URL('../fixtures/make_aime_db.py', import.meta.url));

/** Writes an original-AIME `musique.db` of `albums` albums at `file` (python3 make_aime_db.py). */
export function makeAimeDb(file: string, albums: number, seed = 7): string {
  execFileSync('python3', [MAKE_AIME_DB, file, String(albums), String(seed)], { stdio: 'pipe' });
  return file;
}
