import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/temp-dir.js';
import { albumsAsExported, freshCollection, rejection, snapshot, type Fixture } from '../../../test/support/test-collection.js';

/** An export as DESIGN.md §2 describes it, with the `tracks` key the exporter adds. */
function exportDocument(): { export_date: string; total_albums: number; albums: Array<Record<string, unknown>> } {
  const albums = [
    {
      id: 3,
      title: 'T.V. Sky',
      year: 2022,
      support: 'Vinyle',
      source: 'discogs',
      spotify_url: null,
      artists: ['The Young Gods'],
      tracks_count: 0,
      discogs_id: '23816069',
      discogs_url: 'https://www.discogs.com/release/23816069',
      genre: 'Rock',
      image_url: null,
      created_at: '2026-01-12T09:30:00.000+01:00',
      tracks: [],
    },
    {
      id: 7,
      title: 'Jane Birkin / Serge Gainsbourg',
      year: 1969,
      support: 'Vinyle',
      source: 'manual',
      spotify_url: 'https://open.spotify.com/album/0000000000000000000007',
      artists: ['Jane Birkin', 'Serge Gainsbourg'],
      tracks_count: 2,
      discogs_id: null,
      discogs_url: null,
      genre: null,
      image_url: 'https://example.org/cover.jpg',
      created_at: '2025-07-01T18:00:00.000+02:00',
      tracks: [
        { position: 1, title: 'Je t’aime… moi non plus', duration_seconds: 263 },
        { position: 2, title: "L'anamour", duration_seconds: 131 },
      ],
    },
    {
      id: 12,
      title: 'Enregistrements *de terrain* [Camargue] — été',
      year: null,
      support: null,
      source: null,
      spotify_url: null,
      artists: [],
      tracks_count: 0,
      discogs_id: null,
      discogs_url: null,
      genre: null,
      image_url: null,
      created_at: '2025-08-15T06:45:10.123+02:00',
      tracks: [],
    },
  ];
  return { export_date: '2026-01-31T21:02:26.427+01:00', total_albums: albums.length, albums };
}

function writeJson(dir: string, data: unknown, name = 'export.json'): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  return file;
}

describe('JSON export import', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = freshCollection();
  });
  afterEach(() => fx.db.close());

  it('round trip: importing an export into an empty collection gives back the same albums', async () => {
    const doc = exportDocument();
    const summary = await fx.collection.importFile(writeJson(fx.dir, doc));
    expect(summary).toMatchObject({ format: 'json', added: 3, updated: 0, skipped: 0, notes: [], total_albums: 3 });
    expect(albumsAsExported(fx.db)).toEqual(doc.albums);
  });

  it('keeps working without the optional keys (the seed\'s shape only)', async () => {
    const seedOnly = {
      export_date: '2026-01-31T21:02:26.427+01:00',
      total_albums: 1,
      albums: [{ id: 1, title: 'T.V. Sky', year: 2022, support: 'Vinyle', source: 'discogs', spotify_url: null, artists: ['The Young Gods'], tracks_count: 0 }],
    };
    const summary = await fx.collection.importFile(writeJson(fx.dir, seedOnly));
    expect(summary.added).toBe(1);
    expect(albumsAsExported(fx.db)).toEqual([
      {
        ...seedOnly.albums[0],
        discogs_id: null,
        discogs_url: null,
        genre: null,
        image_url: null,
        created_at: '2026-01-31T21:02:26.427+01:00',
        tracks: [],
      },
    ]);
  });

  it('is idempotent, and a changed album is updated with a note naming it', async () => {
    const doc = exportDocument();
    const file = writeJson(fx.dir, doc);
    await fx.collection.importFile(file);
    const again = await fx.collection.importFile(file);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 3, total_albums: 3 });

    doc.albums[0]!.genre = 'Industrial';
    doc.albums[1]!.tracks = [{ position: 1, title: 'Je t’aime… moi non plus', duration_seconds: 264 }];
    const changed = await fx.collection.importFile(writeJson(fx.dir, doc, 'changed.json'));
    expect(changed).toMatchObject({ added: 0, updated: 2, skipped: 1 });
    expect(changed.notes).toEqual([
      expect.stringMatching(/^T\.V\. Sky — .*: updated \(genre\)\.$/),
      expect.stringMatching(/^Jane Birkin \/ Serge Gainsbourg — .*: updated \(tracks\)\.$/),
      expect.stringMatching(/^[^:]*: already in the collection, unchanged\.$/),
    ]);
    expect(fx.db.prepare('SELECT count(*) FROM tracks').pluck().get()).toBe(1);
  });

  it('gives new ids when the exported ids are taken', async () => {
    const doc = exportDocument();
    await fx.collection.importFile(writeJson(fx.dir, doc));
    const other = { ...doc, albums: [{ ...doc.albums[0]!, id: 7, title: 'Another', discogs_id: '99', discogs_url: null }] };
    await fx.collection.importFile(writeJson(fx.dir, other, 'other.json'));
    expect(fx.db.prepare("SELECT id FROM albums WHERE title = 'Another'").pluck().get()).toBe(13);
  });

  describe('another shape names the field and changes nothing', () => {
    let before: string;
    beforeEach(async () => {
      await fx.collection.importFile(writeJson(fx.dir, exportDocument()));
      before = snapshot(fx.db);
    });
    const album = exportDocument().albums[0]!;
    const cases: Array<[string, unknown, string]> = [
      ['a title that is a number', { albums: [album, album, album, { ...album, title: 42 }] }, 'export.json: albums[3].title: expected a string, got an integer'],
      ['a missing title', { albums: [{ ...album, title: undefined }] }, 'export.json: albums[0].title: missing (expected a string)'],
      ['artists as a string', { albums: [{ ...album, artists: 'AIR' }] }, 'export.json: albums[0].artists: expected an array, got a string'],
      ['a year as text', { albums: [{ ...album, year: '2022' }] }, 'export.json: albums[0].year: expected a number, got a string'],
      ['a bad track', { albums: [{ ...album, tracks: [{ position: 1, title: null, duration_seconds: 3 }] }] }, 'export.json: albums[0].tracks[0].title: expected a string, got null'],
      ['albums not an array', { albums: { a: 1 } }, 'export.json: albums: expected an array, got an object'],
      ['another kind of JSON', { tasks: [] }, 'export.json: not an AIME JSON export (expected an object with "albums", got an object)'],
      ['a top-level array', [1, 2], 'export.json: not an AIME JSON export (expected an object with "albums", got an array)'],
      ['broken JSON', '{\n  "albums": [\n    {"title": "x",}\n  ]\n}', 'export.json line 3 column 19: invalid JSON (unexpected character)'],
      ['an empty file', '', 'export.json line 1 column 1: invalid JSON (empty file)'],
    ];
    // Beyond the first chunk the reader hands the tokenizer (256 KiB), and a cut-off file.
    const many = (n: number) => ({ albums: Array.from({ length: n }, (_, i) => ({ ...album, id: i + 1, discogs_id: String(i + 1) })) });
    /** Line and column of the character at `index` of `text`. */
    const at = (text: string, index: number) => {
      const before = text.slice(0, index);
      return `line ${before.split('\n').length} column ${index - before.lastIndexOf('\n')}`;
    };
    const brokenFar = JSON.stringify(many(2000), null, 2).replace('"id": 1500,', '"id": 1500,,');
    const cutShort = JSON.stringify(many(3), null, 2).slice(0, -20);
    cases.push(
      ['broken JSON far into a large file', brokenFar, `export.json ${at(brokenFar, brokenFar.indexOf(',,') + 1)}: invalid JSON (unexpected character)`],
      ['a file cut short', cutShort, `export.json ${at(cutShort, cutShort.length)}: invalid JSON (the file ends too early)`],
      ['an album that is a string', { albums: [album, 'T.V. Sky'] }, 'export.json: albums[1]: expected an object, got a string'],
      ['a total that is text', { export_date: 'today', total_albums: 'three', albums: [album] }, 'export.json: total_albums: expected a number, got a string'],
    );
    it.each(cases)('%s', async (_name, data, message) => {
      const file = writeJson(tempDir(), data);
      const error = await rejection(() => fx.collection.importFile(file));
      expect(error.code).toBe('invalid_input');
      expect(error.message.slice(0, message.length)).toBe(message);
      expect(snapshot(fx.db)).toBe(before);
    });
  });
});
