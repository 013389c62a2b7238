/**
 * How artists are shown in the Markdown and haiku files. Discogs disambiguates homonyms
 * with a numeric suffix (`Sonic Boom (2)`); the data and the JSON export keep it, but a
 * reader does not want it — unless dropping it would make two artists of the collection
 * read the same, in which case both keep what tells them apart.
 */
import type { Db } from '../collection/database.js';

const SUFFIX = / \(\d+\)$/;

/** `Sonic Boom (2)` → `Sonic Boom`; names without a numeric suffix are unchanged. */
export function withoutDisambiguation(name: string): string {
  return name.replace(SUFFIX, '');
}

/**
 * Display names for the given full names (all artists that could appear together).
 * A suffix is dropped only when no other listed name reads the same without its own.
 */
export function displayNames(names: readonly string[]): string[] {
  const readers = new Map<string, number>();
  for (const name of names) {
    const shown = withoutDisambiguation(name);
    readers.set(shown, (readers.get(shown) ?? 0) + 1);
  }
  return names.map((name) => {
    const shown = withoutDisambiguation(name);
    return shown !== name && (readers.get(shown) ?? 0) > 1 ? name : shown;
  });
}

/**
 * Display names for a few artists (the haiku task), checking homonyms against the whole
 * collection through the unique index on `artists.name` instead of loading every name.
 */
export function displayNamesFromCollection(db: Db, names: readonly string[]): string[] {
  const sameBase = db.prepare<[string, string, string], { name: string }>(
    // Every name that could read as `base`: `base` itself or `base (N)`. The range keeps the
    // search on the index; the exact check is done below.
    `SELECT name FROM artists WHERE name = ? OR (name >= ? AND name < ?)`,
  );
  return names.map((name) => {
    const shown = withoutDisambiguation(name);
    if (shown === name) return name;
    const homonyms = sameBase
      .all(shown, `${shown} (`, `${shown} )`)
      .filter((row) => row.name !== name && withoutDisambiguation(row.name) === shown);
    return homonyms.length > 0 ? name : shown;
  });
}
