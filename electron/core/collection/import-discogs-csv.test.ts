import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DISCOGS_FIXTURE } from '../../../test/support/fixtures.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { albumsAsExported, freshCollection, rejection, snapshot, type Fixture } from '../../../test/support/test-collection.js';

/** The fixture's records, header first (parsed with csv-parse, as the importer does). */
const fixtureRecords = (): string[][] => parse(fs.readFileSync(DISCOGS_FIXTURE, 'utf8')) as string[][];

/** Writes records as CSV (quoting every field that needs it), with the chosen line end. */
function writeCsv(file: string, records: string[][], options: { eol?: string; bom?: boolean } = {}): string {
  const quote = (field: string): string => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  const eol = options.eol ?? '\n';
  fs.writeFileSync(file, (options.bom ? '\uFEFF' : '') + records.map((r) => r.map(quote).join(',')).join(eol) + eol);
  return file;
}

const HEADER = 'Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date Added';

describe('Discogs CSV import', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = freshCollection();
  });
  afterEach(() => fx.db.close());

  it('imports the 316-record fixture: 315 albums, the release owned twice kept once', async () => {
    const summary = await fx.collection.importFile(DISCOGS_FIXTURE);
    expect(summary).toMatchObject({ format: 'discogs-csv', added: 315, updated: 0, skipped: 1, more: 0, total_albums: 315 });
    expect(summary.notes).toEqual([
      'Line 135, Walk & Skank / Put It On — Serial Killaz (2) (2010): owned twice in Discogs (also line 134), imported once.',
    ]);
    const count = (sql: string): number => fx.db.prepare(sql).pluck().get() as number;
    expect(count('SELECT count(*) FROM albums')).toBe(315);
    expect(count("SELECT count(*) FROM albums WHERE discogs_id = '2568011'")).toBe(1);
    expect(count("SELECT count(*) FROM albums WHERE source = 'discogs'")).toBe(315);
    // Every format of this (vinyl-only) collection is a vinyl one: LP, 2xLP, 12", 10", 7"…
    expect(count("SELECT count(*) FROM albums WHERE support = 'Vinyle'")).toBe(315);
    // Released 0 on 7 rows = unknown year.
    expect(
      fx.db.prepare('SELECT discogs_id FROM albums WHERE year IS NULL ORDER BY discogs_id').pluck().all(),
    ).toEqual(['13159752', '2025258', '4475328', '5554319', '7323643', '8815490', '9889782']);
    expect(count("SELECT count(*) FROM albums WHERE title <> trim(title)")).toBe(0);

    const first = albumsAsExported(fx.db)[0];
    expect(first).toMatchObject({
      title: 'This Is Augustus Pablo',
      year: 2011,
      support: 'Vinyle',
      source: 'discogs',
      artists: ['Augustus Pablo'],
      discogs_id: '3068785',
      discogs_url: 'https://www.discogs.com/release/3068785',
      created_at: '2020-11-18T19:17:05.000+01:00',
    });
    const byRelease = (id: string) =>
      fx.db
        .prepare(
          `SELECT al.title, al.year, group_concat(ar.name, ' | ') AS artists FROM albums al
           JOIN album_artists aa ON aa.album_id = al.id JOIN artists ar ON ar.id = aa.artist_id
           WHERE al.discogs_id = ? GROUP BY al.id`,
        )
        .get(id);
    // Disambiguation kept; "A & B" is one credit, as Discogs wrote it.
    expect(byRelease('15363226')).toEqual({ title: 'All Things Being Equal', year: 2020, artists: 'Sonic Boom (2)' });
    expect(byRelease('4475328')).toEqual({ title: 'Sounds Of Silence', year: null, artists: 'Simon & Garfunkel' });
    expect(byRelease('11220825')).toEqual({
      title: 'Rasta Mission / Animal Rights',
      year: 2017,
      artists: 'Tenastelin & King Alpha',
    });
    expect(fx.collection.stats()).toEqual({
      albums: 315,
      artists: count('SELECT count(DISTINCT artist_id) FROM album_artists'),
      tracks: 0,
      last_import: { at: '2026-01-31T21:02:26.427+01:00', format: 'discogs-csv', file: DISCOGS_FIXTURE, added: 315 },
    });
  });

  it('is idempotent: the same file twice adds nothing and changes no album', async () => {
    await fx.collection.importFile(DISCOGS_FIXTURE);
    const albumsBefore = JSON.stringify(albumsAsExported(fx.db));
    const again = await fx.collection.importFile(DISCOGS_FIXTURE);
    expect(again).toMatchObject({ added: 0, updated: 0, skipped: 316, total_albums: 315 });
    expect(again.notes).toHaveLength(50);
    expect(again.more).toBe(316 - 50);
    expect(again.notes).toContain('This Is Augustus Pablo — Augustus Pablo (2011): already in the collection, unchanged.');
    expect(JSON.stringify(albumsAsExported(fx.db))).toBe(albumsBefore);
    expect(fx.db.prepare('SELECT format, added, updated, skipped FROM imports ORDER BY id').all()).toEqual([
      { format: 'discogs-csv', added: 315, updated: 0, skipped: 1 },
      { format: 'discogs-csv', added: 0, updated: 0, skipped: 316 },
    ]);
  });

  it('updates a release whose row changed, naming the line and the fields', async () => {
    await fx.collection.importFile(DISCOGS_FIXTURE);
    const records = fixtureRecords();
    records[1]![2] = 'This Is Augustus Pablo (Remastered)';
    records[1]![6] = '2012';
    const changed = writeCsv(path.join(fx.dir, 'changed.csv'), records);
    const summary = await fx.collection.importFile(changed);
    expect(summary).toMatchObject({ added: 0, updated: 1, skipped: 315, total_albums: 315 });
    expect(summary.notes[1]).toBe('This Is Augustus Pablo (Remastered) — Augustus Pablo (2012): updated (title, year).');
    expect(fx.db.prepare("SELECT title, year FROM albums WHERE discogs_id = '3068785'").get()).toEqual({
      title: 'This Is Augustus Pablo (Remastered)',
      year: 2012,
    });
  });

  it('maps columns by name: an 11-column file in another order gives the same albums', async () => {
    const [header, ...rows] = fixtureRecords();
    const keep = ['release_id', 'Title', 'Artist', 'Format', 'Released', 'Label', 'Catalog#', 'Rating', 'CollectionFolder', 'Date Added', 'Collection Notes'];
    const index = keep.map((name) => header!.indexOf(name));
    expect(index).not.toContain(-1);
    const eleven = writeCsv(path.join(fx.dir, 'eleven.csv'), [keep, ...rows.map((r) => index.map((i) => r[i]!))]);
    const summary = await fx.collection.importFile(eleven);
    expect(summary).toMatchObject({ added: 315, skipped: 1 });

    const reference = freshCollection();
    await reference.collection.importFile(DISCOGS_FIXTURE);
    expect(albumsAsExported(fx.db)).toEqual(albumsAsExported(reference.db));
    reference.db.close();
  });

  it('reads CRLF line ends and a UTF-8 BOM (with a line break inside a quoted field)', async () => {
    const records = fixtureRecords();
    records[3]![12] = 'Bought at\r\nRough Trade';
    const file = writeCsv(path.join(fx.dir, 'windows.csv'), records, { eol: '\r\n', bom: true });
    expect(fs.readFileSync(file).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const summary = await fx.collection.importFile(file);
    expect(summary).toMatchObject({ format: 'discogs-csv', added: 315, skipped: 1 });
    // Line numbers still match the file: the duplicate is one line further down (the note's line break).
    expect(summary.notes).toEqual([
      'Line 136, Walk & Skank / Put It On — Serial Killaz (2) (2010): owned twice in Discogs (also line 135), imported once.',
    ]);
    const reference = freshCollection();
    await reference.collection.importFile(DISCOGS_FIXTURE);
    expect(albumsAsExported(fx.db)).toEqual(albumsAsExported(reference.db));
    reference.db.close();
  });

  it('streams a file larger than its read chunks: CRLF split across chunks, lines still counted right', async () => {
    // ~700 KB: several 256 KiB read chunks, so some CRLF pairs and quoted line breaks straddle two.
    const rows = Array.from({ length: 6000 }, (_, i) => [
      `C${i}`,
      `Artist ${i}`,
      i % 7 === 0 ? `Title\r\nwith a break ${i}` : `Title ${i} ${'x'.repeat(60)}`,
      'Label',
      'LP',
      '',
      '2001',
      String(1000 + i),
      'F',
      '',
    ]);
    rows[5000]![7] = 'r-5000';
    const file = writeCsv(path.join(tempDir(), 'collection.csv'), [HEADER.split(','), ...rows], { eol: '\r\n', bom: true });
    const before = snapshot(fx.db);
    // Row 5000 starts on line 2 + 5000 + one extra line per 7th row before it (0, 7, …, 4998: 715 of them).
    const error = await rejection(() => fx.collection.importFile(file));
    expect(error.message).toBe('collection.csv line 5717: release_id is not a Discogs release number');
    expect(snapshot(fx.db)).toBe(before);

    rows[5000]![7] = '99999999';
    writeCsv(file, [HEADER.split(','), ...rows], { eol: '\r\n', bom: true });
    const summary = await fx.collection.importFile(file);
    expect(summary).toMatchObject({ added: 6000, skipped: 0 });
    expect(fx.db.prepare("SELECT title FROM albums WHERE discogs_id = '1007'").pluck().get()).toBe('Title\nwith a break 7');
  });

  it('treats Released 0 and empty as unknown, skips a row without title, keeps an album without artist', async () => {
    const file = path.join(fx.dir, 'small.csv');
    fs.writeFileSync(
      file,
      [
        HEADER,
        'X1,Sonic Boom (2),All Things Being Equal,Carpark,"LP, Album, Ltd",,2020,15363226,Uncategorized,2020-11-18 19:17:05',
        'X2,The Zombies,Odessey And Oracle,Big Beat,"LP, Album, RE",,0,13159752,Uncategorized,2020-11-18 19:17:05',
        'X3,Moondog,Moondog,Prestige,"CD, Album",,,111,Uncategorized,',
        'X4,Nobody,   ,Label,"File, MP3",,1999,222,Uncategorized,',
        'X5,,Field Recordings,Label,"Box, Comp + 8xCass",,1970,333,Uncategorized,',
      ].join('\n') + '\n',
    );
    const summary = await fx.collection.importFile(file);
    expect(summary).toMatchObject({ added: 4, skipped: 1, notes: ['Line 5: no title, skipped.'] });
    expect(
      albumsAsExported(fx.db).map((a) => {
        const album = a as { title: string; year: number | null; support: string; artists: string[] };
        return [album.title, album.year, album.support, album.artists];
      }),
    ).toEqual([
      ['All Things Being Equal', 2020, 'Vinyle', ['Sonic Boom (2)']],
      ['Odessey And Oracle', null, 'Vinyle', ['The Zombies']],
      ['Moondog', null, 'CD', ['Moondog']],
      ['Field Recordings', 1970, 'Cassette', []],
    ]);
  });

  describe('bad input names the file and line and changes nothing', () => {
    let before: string;
    beforeEach(async () => {
      await fx.collection.importFile(DISCOGS_FIXTURE);
      before = snapshot(fx.db);
    });

    const cases: Array<[string, string, string]> = [
      [
        'a broken quote',
        `${HEADER}\nA1,Artist,Fine,Label,LP,,2001,1,F,\nA2,Artist,"Broken,Label,LP,,2001,2,F,\nA3,Artist,Other,Label,LP,,2001,3,F,\n`,
        'collection.csv line 3: unterminated quoted field',
      ],
      [
        'text after a closing quote',
        `${HEADER}\nA1,Artist,"Fine" Title,Label,LP,,2001,1,F,\n`,
        'collection.csv line 2: text after a closing quote',
      ],
      [
        'a row with too many fields',
        `${HEADER}\nA1,Artist,Fine,Label,LP,,2001,1,F,\nA2,Artist,Title,Label,LP,,2001,2,F,,extra\n`,
        'collection.csv line 3: not the header\'s number of fields, found 11',
      ],
      [
        'missing columns',
        'Catalog#,Artist,Name,Label\nA1,Artist,Title,Label\n',
        'collection.csv: not a Discogs CSV: its header lacks Title, Format, Released, release_id (a Discogs collection export has Artist, Title, Format, Released, release_id)',
      ],
      [
        'a release_id that is not a number',
        `${HEADER}\nA1,Artist,Fine,Label,LP,,2001,1,F,\nA2,Artist,Title,Label,LP,,2001,r-42,F,\n`,
        'collection.csv line 3: release_id is not a Discogs release number',
      ],
      ['an empty file', '', 'collection.csv: empty file'],
    ];
    it.each(cases)('%s', async (_name, content, message) => {
      const file = path.join(tempDir(), 'collection.csv');
      fs.writeFileSync(file, content);
      const error = await rejection(() => fx.collection.importFile(file));
      expect(error.code).toBe('invalid_input');
      expect(error.message.slice(0, message.length)).toBe(message);
      expect(snapshot(fx.db)).toBe(before);
    });
  });
});
