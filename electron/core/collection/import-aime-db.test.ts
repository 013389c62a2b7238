import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isoLocal } from '../time-format.js';
import { importKey } from './incoming.js';
import { AIME_TABLES, makeAimeDb, sqliteFile } from '../../../test/support/fixtures.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { albumsAsExported, freshCollection, rejection, snapshot, type Fixture } from '../../../test/support/test-collection.js';

/** The albums as the original AIME database holds them, read with our own independent query. */
function sourceAlbums(file: string): unknown[] {
  const source = new Database(file, { readonly: true });
  const albums = source
    .prepare('SELECT id, title, year, support, source, discogs_id, discogs_url, spotify_url, genre, image_url, created_at FROM albums ORDER BY id')
    .all() as Array<Record<string, unknown> & { id: number; created_at: string }>;
  const credits = source
    .prepare('SELECT ar.name FROM album_artist aa JOIN artists ar ON ar.id = aa.artist_id WHERE aa.album_id = ? ORDER BY aa.rowid')
    .pluck();
  const tracks = source.prepare(
    'SELECT track_number AS position, title, duration_seconds FROM tracks WHERE album_id = ? ORDER BY track_number',
  );
  const result = albums.map((album) => {
    const list = tracks.all(album.id);
    return {
      id: album.id,
      title: album.title,
      year: album.year,
      support: album.support,
      source: album.source,
      spotify_url: album.spotify_url,
      artists: credits.all(album.id),
      tracks_count: list.length,
      discogs_id: album.discogs_id,
      discogs_url: album.discogs_url,
      genre: album.genre,
      image_url: album.image_url,
      // AIME stored UTC "YYYY-MM-DD HH:MM:SS"; the collection keeps local ISO like every other date.
      created_at: isoLocal(new Date(`${album.created_at.replace(' ', 'T')}Z`)),
      tracks: list,
    };
  });
  source.close();
  return result;
}

describe('AIME database import', () => {
  let musique: string;
  let fx: Fixture;
  beforeAll(() => {
    musique = makeAimeDb(path.join(tempDir(), 'musique.db'), 200);
  });
  beforeEach(() => {
    fx = freshCollection();
  });
  afterEach(() => fx.db.close());

  it('says how many artists credited to no album were not imported', async () => {
    const file = makeAimeDb(path.join(tempDir(), 'with-loners.db'), 20);
    const source = new Database(file);
    const before = source.prepare('SELECT count(*) FROM artists WHERE id NOT IN (SELECT artist_id FROM album_artist)').pluck().get() as number;
    const insert = source.prepare('INSERT INTO artists (name) VALUES (?)');
    for (const name of ['Nobody', 'Solo Ghost', 'Unreleased']) insert.run(name);
    source.close();
    const summary = await fx.collection.importFile(file);
    expect(summary.added).toBe(20);
    expect(summary.notes[0]).toBe(`${before + 3} artists credited to no album were not imported.`);
  });

  it('imports every album with its ordered credits and tracks', async () => {
    const summary = await fx.collection.importFile(musique);
    expect(summary).toMatchObject({ format: 'aime-db', file: musique, added: 200, updated: 0, skipped: 0, total_albums: 200 });
    const expected = sourceAlbums(musique);
    expect(expected).toHaveLength(200);
    // Sanity of the generated data: several credits, tracks, unknown years and supports are present.
    const list = expected as Array<{ artists: string[]; tracks_count: number; year: unknown; support: unknown }>;
    expect(list.some((a) => a.artists.length > 1)).toBe(true);
    expect(list.some((a) => a.tracks_count > 0)).toBe(true);
    expect(list.some((a) => a.year === null)).toBe(true);
    expect(list.some((a) => a.support === null)).toBe(true);
    expect(albumsAsExported(fx.db)).toEqual(expected);
    // The credits index, rebuilt after this first (set-based) import, is there and used.
    const plan = fx.db
      .prepare("EXPLAIN QUERY PLAN SELECT album_id FROM album_artists WHERE artist_id = 1")
      .all() as Array<{ detail: string }>;
    expect(plan.map((row) => row.detail).join()).toContain('album_artists_by_artist');
    const keys = fx.db.prepare('SELECT import_key FROM albums WHERE discogs_id IS NOT NULL LIMIT 1').pluck().get();
    expect(keys).toMatch(/^discogs:\d+$/);
  });

  it('is idempotent: a second import adds nothing and changes nothing', async () => {
    await fx.collection.importFile(musique);
    const before = JSON.stringify(albumsAsExported(fx.db));
    const again = await fx.collection.importFile(musique);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 200, more: 150, total_albums: 200 });
    expect(again.notes[0]).toMatch(/^[^:]+ — [^:]+: already in the collection, unchanged\.$/);
    expect(JSON.stringify(albumsAsExported(fx.db))).toBe(before);
  });

  it('keeps credits in the source rowid order, maps optional columns, skips an untitled album', async () => {
    const file = sqliteFile(
      path.join(fx.dir, 'old-aime.db'),
      `
      CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT, year INTEGER);
      CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE album_artist (album_id INTEGER, artist_id INTEGER, PRIMARY KEY (album_id, artist_id));
      INSERT INTO artists VALUES (1, 'Serge Gainsbourg'), (2, 'Jane Birkin');
      INSERT INTO albums VALUES (7, 'Jane Birkin / Serge Gainsbourg', 1969), (8, '   ', 1970), (9, 'Sans artiste', 0);
      INSERT INTO album_artist VALUES (7, 2), (7, 1);
    `,
    );
    const summary = await fx.collection.importFile(file);
    expect(summary).toMatchObject({ added: 2, skipped: 1, notes: ['Album number 8 of the database: no title, skipped.'] });
    expect(albumsAsExported(fx.db)).toEqual([
      expect.objectContaining({ id: 7, artists: ['Jane Birkin', 'Serge Gainsbourg'], year: 1969, support: null, tracks: [] }),
      expect.objectContaining({ id: 9, title: 'Sans artiste', artists: [], year: null, created_at: '2026-01-31T21:02:26.427+01:00' }),
    ]);
  });

  it('computes in SQL the same import keys as importKey(), for plain and unusual text alike', async () => {
    const file = sqliteFile(
      path.join(tempDir(), 'keys.db'),
      `${AIME_TABLES}
      INSERT INTO artists VALUES (1, 'AIR'), (2, 'Émilie Simon'), (3, 'The  Doors'), (4, 'Sigur Rós'), (5, 'Q"uote\\Man'),
        (6, 'Tab' || char(9) || 'Name');
      INSERT INTO albums (id, title, year, support) VALUES
        (1, 'Moon Safari', 1998, 'Vinyle'), (2, 'O"Brien \\ Back/Forth', NULL, NULL), (3, 'MiXeD CaSe', 2001, 'CD'),
        (4, 'Années 80', 1985, 'CD'), (5, 'Two  Spaces', 1990, 'K7'), (6, 'Ｆｕｌｌｗｉｄｔｈ', 2003, NULL),
        (7, 'Tab' || char(9) || 'Inside', 1970, 'CD'), (8, 'No Credits', 1999, 'Numérique'), (9, 'Trailing ', 1999, 'cd'),
        (10, 'Credited With A Tab', 2004, 'CD');
      INSERT INTO album_artist VALUES (1, 1), (2, 5), (3, 3), (4, 2), (5, 1), (6, 4), (7, 1), (9, 1), (9, 2), (10, 1), (10, 6);
    `,
    );
    expect((await fx.collection.importFile(file)).added).toBe(10);
    const rows = fx.db
      .prepare(
        `SELECT a.title, a.year, a.support, a.import_key,
           (SELECT json_group_array(name) FROM (SELECT ar.name FROM album_artists aa JOIN artists ar ON ar.id = aa.artist_id
             WHERE aa.album_id = a.id ORDER BY aa.position)) AS artists
         FROM albums a ORDER BY a.id`,
      )
      .all() as Array<{ title: string; year: number | null; support: string | null; import_key: string; artists: string }>;
    expect(rows).toHaveLength(10);
    for (const row of rows) {
      const expected = importKey({ discogs_id: null, title: row.title, artists: JSON.parse(row.artists) as string[], year: row.year, support: row.support });
      expect(row.import_key).toBe(expected);
    }
  });

  it('gives the same albums set-based (ATTACH) and streamed (fallback beside a journal), odd values included', async () => {
    const file = sqliteFile(
      path.join(tempDir(), 'odd.db'),
      `${AIME_TABLES}
      INSERT INTO artists VALUES (1, 'Lou Reed'), (2, '  Nico '), (3, ''), (4, 'John Cale');
      INSERT INTO albums VALUES
        (1, '  Spaced  Title ', '1999-05-01', '  ', 'manual', ' 123 ', NULL, '', 'Rock', NULL, '2024-03-05 10:00:00'),
        (2, 'Dup', 1974.0, 'CD', NULL, NULL, NULL, NULL, NULL, NULL, 'yesterday'),
        (3, 'dup', 1974, 'cd', NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (4, NULL, 2000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (5, char(9), 2000, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
        (6, 'Années 80', 0, 'Vinyle', 'discogs', NULL, NULL, NULL, NULL, NULL, '2024-07-01 22:30:00'),
        (7, 'Songs for Drella', 'abc', 'CD', 'manual', NULL, NULL, NULL, NULL, NULL, NULL),
        (10, 'Same release', 2001, 'CD', 'discogs', '123', NULL, NULL, NULL, NULL, NULL);
      INSERT INTO album_artist VALUES (1, 2), (1, 1), (1, 3), (2, 1), (3, 1), (7, 1), (7, 4);
      INSERT INTO tracks VALUES (1, 1, 'B', 2, 200.6), (2, 1, 'A', 1, NULL), (3, 1, NULL, NULL, 30),
        (4, 7, 'Smalltown', 1, 122), (5, 99, 'Orphan', 1, 1);
    `,
    );
    const sourceBytes = fs.readFileSync(file);

    const setBased = await fx.collection.importFile(file);
    fs.writeFileSync(`${file}-journal`, '');
    const other = freshCollection();
    const streamed = await other.collection.importFile(file);
    fs.rmSync(`${file}-journal`);
    expect(fs.readFileSync(file).equals(sourceBytes)).toBe(true);

    for (const summary of [setBased, streamed]) {
      expect(summary).toMatchObject({ added: 4, updated: 0, skipped: 4 });
      expect([...summary.notes].sort()).toEqual(
        [
          'Album number 4 of the database: no title, skipped.',
          'Album number 5 of the database: no title, skipped.',
          'dup — Lou Reed (1974): appears twice in this file, imported once.',
          'Same release (2001): appears twice in this file, imported once.',
        ].sort(),
      );
    }
    // The general set-based pass (the collection already holds an album, so the faster
    // first-import pass does not apply) gives the same albums too.
    const nonEmpty = freshCollection();
    await nonEmpty.collection.importFile(
      sqliteFile(path.join(tempDir(), 'elsewhere.db'), `${AIME_TABLES} INSERT INTO albums (id, title) VALUES (500, 'Elsewhere');`),
    );
    const general = await nonEmpty.collection.importFile(file);
    expect(general).toMatchObject({ added: 4, updated: 0, skipped: 4 });
    expect([...general.notes].sort()).toEqual([...setBased.notes].sort());
    const albums = albumsAsExported(fx.db);
    expect(albums).toEqual(albumsAsExported(other.db));
    expect(albums).toEqual(albumsAsExported(nonEmpty.db).filter((album) => (album as { id: number }).id !== 500));
    nonEmpty.db.close();
    expect(albums).toEqual([
      expect.objectContaining({
        id: 1,
        title: '  Spaced  Title ',
        year: 1999,
        support: null,
        discogs_id: '123',
        spotify_url: null,
        artists: ['Nico', 'Lou Reed'],
        created_at: '2024-03-05T11:00:00.000+01:00',
        tracks: [
          { position: null, title: '', duration_seconds: 30 },
          { position: 1, title: 'A', duration_seconds: null },
          { position: 2, title: 'B', duration_seconds: 201 },
        ],
      }),
      expect.objectContaining({ id: 2, title: 'Dup', year: 1974, artists: ['Lou Reed'], created_at: '2026-01-31T21:02:26.427+01:00' }),
      expect.objectContaining({ id: 6, title: 'Années 80', year: null, artists: [], created_at: '2024-07-02T00:30:00.000+02:00' }),
      expect.objectContaining({ id: 7, year: null, artists: ['Lou Reed', 'John Cale'], tracks_count: 1 }),
    ]);
    other.db.close();

    // Again, with one album changed and one new: the new one goes in set-based, the rest is
    // compared row by row; the duplicate rows stay duplicates (no flip-flop between them).
    sqliteFile(
      file,
      `UPDATE albums SET genre = 'Art Rock' WHERE id = 7;
      INSERT INTO albums (id, title, year) VALUES (11, 'New one', 2025);`,
    );
    const third = await fx.collection.importFile(file);
    expect(third).toMatchObject({ added: 1, updated: 1, skipped: 7, total_albums: 5 });
    expect(third.notes).toContain('Songs for Drella — Lou Reed, John Cale: updated (genre).');
    expect(third.notes).toContain('dup — Lou Reed (1974): appears twice in this file, imported once.');
    expect(fx.db.prepare('SELECT title FROM albums WHERE id = 2').pluck().get()).toBe('Dup');
    expect(fx.db.prepare('SELECT id FROM albums WHERE title = ?').pluck().get('New one')).toBe(11);
  });

  it('imports artists whose ids are not integers, or not unique, with their albums', async () => {
    const file = sqliteFile(
      path.join(tempDir(), 'text-ids.db'),
      `CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT);
      CREATE TABLE artists (id TEXT, name TEXT);
      CREATE TABLE album_artist (album_id INTEGER, artist_id TEXT);
      INSERT INTO artists VALUES ('lou', 'Lou Reed'), ('nico', 'Nico'), ('nico', 'Nico Again');
      INSERT INTO albums VALUES (1, 'Chelsea Girl'), (2, 'Transformer');
      INSERT INTO album_artist VALUES (1, 'nico'), (2, 'lou');`,
    );
    expect(await fx.collection.importFile(file)).toMatchObject({ added: 2, skipped: 0 });
    expect(albumsAsExported(fx.db)).toEqual([
      expect.objectContaining({ id: 1, title: 'Chelsea Girl', artists: ['Nico', 'Nico Again'] }),
      expect.objectContaining({ id: 2, title: 'Transformer', artists: ['Lou Reed'] }),
    ]);
  });

  it('reads years and track numbers kept as text, or blobs, as the streamed pass does', async () => {
    const file = sqliteFile(
      path.join(tempDir(), 'text-years.db'),
      `CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT, year TEXT);
      CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT);
      CREATE TABLE album_artist (album_id INTEGER, artist_id INTEGER);
      INSERT INTO albums VALUES (1, 'Five', '5'), (2, 'Plain', '1999'), (3, 'Spaced', ' 2001'), (4, 'Dated', '0999-01-01'),
        (5, 'Real', 1974.0), (6, 'Half', 1974.5);
      CREATE TABLE tracks (id INTEGER PRIMARY KEY, album_id INTEGER, title TEXT, track_number, duration_seconds);
      INSERT INTO tracks VALUES (1, 1, 'a', '3', '200'), (2, 1, 'b', X'01', X'02'), (3, 1, 'c', 2, 199.6), (4, 1, 'd', NULL, -0.4);`,
    );
    await fx.collection.importFile(file);
    fs.writeFileSync(`${file}-journal`, '');
    const other = freshCollection();
    await other.collection.importFile(file);
    fs.rmSync(`${file}-journal`);
    const years = (db: typeof fx.db) => db.prepare('SELECT year FROM albums ORDER BY id').pluck().all();
    expect(years(fx.db)).toEqual([null, 1999, 2001, 999, 1974, 1974]); // a TEXT column keeps 1974.5 as text
    expect(years(other.db)).toEqual(years(fx.db));
    const tracks = (db: typeof fx.db) => db.prepare('SELECT title, position, duration_seconds FROM tracks ORDER BY title').all();
    expect(tracks(fx.db)).toEqual([
      { title: 'a', position: null, duration_seconds: null },
      { title: 'b', position: null, duration_seconds: null },
      { title: 'c', position: 2, duration_seconds: 200 },
      { title: 'd', position: null, duration_seconds: 0 },
    ]);
    expect(tracks(other.db)).toEqual(tracks(fx.db));
    other.db.close();
  });

  it('reads text after a NUL character as the streamed pass does: a title, not a blank', async () => {
    const file = sqliteFile(
      path.join(tempDir(), 'nul.db'),
      `${AIME_TABLES}
      INSERT INTO artists VALUES (1, char(0) || 'Ghost');
      INSERT INTO albums (id, title, genre) VALUES (1, char(0) || 'Hidden', char(0) || ' '), (2, char(0), NULL);
      INSERT INTO album_artist VALUES (1, 1);`,
    );
    const setBased = await fx.collection.importFile(file);
    fs.writeFileSync(`${file}-journal`, '');
    const other = freshCollection();
    const streamed = await other.collection.importFile(file);
    fs.rmSync(`${file}-journal`);
    for (const summary of [setBased, streamed]) expect(summary).toMatchObject({ added: 2, skipped: 0 });
    expect(albumsAsExported(fx.db)).toEqual(albumsAsExported(other.db));
    expect(albumsAsExported(fx.db)).toEqual([
      expect.objectContaining({ id: 1, title: '\0Hidden', genre: '\0 ', artists: ['\0Ghost'] }),
      expect.objectContaining({ id: 2, title: '\0' }),
    ]);
    other.db.close();
  });

  it('leaves every reference whole and foreign keys on again after the set-based pass, even a failed one', async () => {
    const keysOn = (): unknown => fx.db.pragma('foreign_keys', { simple: true });
    await fx.collection.importFile(musique);
    // Again with one album changed and one new: the set-based pass and the album writer share the transaction.
    const file = path.join(tempDir(), 'changed.db');
    fs.copyFileSync(musique, file);
    sqliteFile(
      file,
      `UPDATE albums SET genre = 'Changed' WHERE id = 3;
      INSERT INTO albums (id, title, year) VALUES (9001, 'New one', 2025);
      INSERT INTO album_artist (album_id, artist_id) SELECT 9001, artist_id FROM album_artist WHERE album_id = 3;
      INSERT INTO tracks (album_id, title, track_number) VALUES (9001, 'Only track', 1);`,
    );
    expect(await fx.collection.importFile(file)).toMatchObject({ added: 1, updated: 1 });
    expect(keysOn()).toBe(1);
    expect(fx.db.pragma('foreign_key_check')).toEqual([]);

    // Cancelled at its first check inside the transaction, after the set-based pass.
    const before = snapshot(fx.db);
    const cancelled = await rejection(() => fx.collection.importFile(file, 'aime-db', { cancelled: () => fx.db.inTransaction }));
    expect(cancelled.code).toBe('cancelled');
    expect(snapshot(fx.db)).toBe(before);
    expect(keysOn()).toBe(1);
    // On, so deleting an album still takes its credits and tracks with it.
    fx.db.prepare('DELETE FROM albums WHERE title = ?').run('New one');
    expect(fx.db.prepare('SELECT count(*) FROM tracks WHERE title = ?').pluck().get('Only track')).toBe(0);
  });

  describe('bad input names the file and changes nothing', () => {
    let before: string;
    beforeEach(async () => {
      await fx.collection.importFile(musique);
      before = snapshot(fx.db);
    });
    const expectRefused = async (file: string, message: string): Promise<void> => {
      const error = await rejection(() => fx.collection.importFile(file));
      expect(error.code).toBe('invalid_input');
      expect(error.message.slice(0, message.length)).toBe(message);
      expect(snapshot(fx.db)).toBe(before);
    };

    it('a truncated database', async () => {
      const file = path.join(tempDir(), 'musique.db');
      const bytes = fs.readFileSync(musique);
      fs.writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await expectRefused(file, 'musique.db: truncated SQLite database');
    });

    it('a database cut inside its header', async () => {
      const file = path.join(tempDir(), 'musique.db');
      fs.writeFileSync(file, fs.readFileSync(musique).subarray(0, 60));
      await expectRefused(file, 'musique.db: truncated SQLite database');
    });

    it('a file that is not SQLite', async () => {
      const file = path.join(tempDir(), 'musique.db');
      fs.writeFileSync(file, 'title,artist\nMoon Safari,AIR\n');
      await expectRefused(file, 'musique.db: not an SQLite database');
    });

    it('a damaged page met in the middle of the import (albums already written are rolled back)', async () => {
      const file = path.join(tempDir(), 'musique.db');
      fs.copyFileSync(musique, file);
      const probe = new Database(file, { readonly: true });
      const leaves = probe
        .prepare("SELECT pageno FROM dbstat WHERE name = 'albums' AND pagetype = 'leaf' ORDER BY path")
        .pluck()
        .all() as number[];
      const pageSize = probe.pragma('page_size', { simple: true }) as number;
      probe.close();
      expect(leaves.length).toBeGreaterThan(3);
      // Garbage over the second-to-last leaf of albums: the first albums read fine, then SQLite fails.
      const victim = leaves[leaves.length - 2]!;
      const bytes = fs.readFileSync(file);
      for (let i = (victim - 1) * pageSize; i < victim * pageSize; i++) bytes[i] = (i * 7919) & 0xff;
      fs.writeFileSync(file, bytes);
      const check = new Database(file, { readonly: true });
      expect(check.prepare('SELECT count(*) FROM (SELECT id FROM albums ORDER BY id LIMIT 20)').pluck().get()).toBe(20);
      check.close();

      const empty = freshCollection();
      const emptyBefore = snapshot(empty.db);
      const error = await rejection(() => empty.collection.importFile(file));
      expect(error.message).toMatch(/^musique\.db: damaged SQLite database \(/);
      expect(snapshot(empty.db)).toBe(emptyBefore);
      empty.db.close();
      await expectRefused(file, 'musique.db: damaged SQLite database');
    });

    it('a table without a needed column', async () => {
      const file = sqliteFile(
        path.join(tempDir(), 'musique.db'),
        `CREATE TABLE albums (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT);
        CREATE TABLE album_artist (album_id INTEGER, artist_id INTEGER);`,
      );
      await expectRefused(file, 'musique.db: table "albums" has no column "title"');
    });

    it('a missing table', async () => {
      const file = sqliteFile(
        path.join(tempDir(), 'musique.db'),
        'CREATE TABLE albums (id INTEGER PRIMARY KEY, title TEXT); CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT);',
      );
      await expectRefused(file, 'musique.db: no table "album_artist"');
    });
  });
});
