import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../collection/database.js';
import { isoLocal } from '../time-format.js';
import { EMPTY_EXPORT } from './export-tasks.js';
import { executeTask } from './index.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createFakeClock } from '../../../test/support/fake-clock.js';
import { createTestDb, insertAlbums, testContext, type TestAlbum } from '../../../test/support/test-collection.js';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../../resources/export-json.schema.json');
const JQ = '/usr/bin/jq';

let dir: string;
let out: string;
let db: Db;
const clock = createFakeClock(new Date(2026, 0, 31, 21, 2, 26, 427));

beforeEach(() => {
  dir = tempDir();
  out = path.join(dir, 'Scheduled Output');
  db = createTestDb(dir);
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const validate = new Ajv2020({ allErrors: true, strict: true }).compile(JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')));

interface ExportDoc {
  export_date: string;
  total_albums: number;
  albums: Array<Record<string, unknown> & { id: number; tracks_count: number; title: string; artists: string[] }>;
}

async function exportJson(): Promise<{ file: string; text: string; doc: ExportDoc }> {
  const { ctx } = testContext(db, out, clock);
  const outcome = await executeTask('export_collection_json', ctx);
  expect(outcome.status).toBe('completed');
  const file = outcome.file!;
  const text = fs.readFileSync(file, 'utf8');
  return { file, text, doc: JSON.parse(text) };
}

const EVERY_CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('') + '\u007f';
const seedAlbums: TestAlbum[] = [
  {
    id: 7,
    title: 'Moon Safari',
    year: 1998,
    support: 'Vinyle',
    source: 'discogs',
    spotify_url: 'https://open.spotify.com/album/abc',
    discogs_id: '3068785',
    discogs_url: 'https://www.discogs.com/release/3068785',
    genre: 'Electronic',
    image_url: 'https://img.example/moon.jpg',
    created_at: '2026-01-02T10:00:00.000+01:00',
    artists: ['AIR'],
    tracks: [
      { position: 2, title: 'Sexy Boy', duration_seconds: 298 },
      { position: null, title: 'Hidden', duration_seconds: null },
      { position: 1, title: 'La Femme d’Argent', duration_seconds: 430 },
    ],
  },
  { id: 1, title: 'T.V. Sky', year: 2022, support: 'Vinyle', source: 'discogs', artists: ['The Young Gods'] },
  {
    id: 3,
    title: `Quote "this" \\ ${EVERY_CONTROL} 🎵 東京 \u2028`,
    artists: ['Sonic Boom (2)', 'Spacemen 3'],
  },
  { id: 4, title: 'Untitled', year: 2025 },
];

describe('JSON export', () => {
  it('is byte-for-byte JSON.stringify(…, null, 2) with the seed keys first, albums by id', async () => {
    insertAlbums(db, seedAlbums);
    const { file, text, doc } = await exportJson();
    expect(path.basename(file)).toBe('export-json-20260131-210226.json');
    expect(text).toBe(JSON.stringify(doc, null, 2));
    expect(text.startsWith('{\n  "export_date": "2026-01-31T21:02:26.427+01:00",\n  "total_albums": 4,\n  "albums": [\n    {\n      "id": 1,\n      "title": "T.V. Sky",\n      "year": 2022,\n      "support": "Vinyle",\n      "source": "discogs",\n      "spotify_url": null,\n      "artists": [\n        "The Young Gods"\n      ],\n      "tracks_count": 0,')).toBe(true);
    expect(doc.export_date).toBe(isoLocal(clock.now()));
    expect(doc.albums.map((a) => a.id)).toEqual([1, 3, 4, 7]);
    for (const album of doc.albums) {
      expect(Object.keys(album)).toEqual([
        'id', 'title', 'year', 'support', 'source', 'spotify_url', 'artists', 'tracks_count',
        'discogs_id', 'discogs_url', 'genre', 'image_url', 'created_at', 'tracks',
      ]);
    }
    expect(doc.albums[3]).toEqual({
      id: 7,
      title: 'Moon Safari',
      year: 1998,
      support: 'Vinyle',
      source: 'discogs',
      spotify_url: 'https://open.spotify.com/album/abc',
      artists: ['AIR'],
      tracks_count: 3,
      discogs_id: '3068785',
      discogs_url: 'https://www.discogs.com/release/3068785',
      genre: 'Electronic',
      image_url: 'https://img.example/moon.jpg',
      created_at: '2026-01-02T10:00:00.000+01:00',
      tracks: [
        { position: 1, title: 'La Femme d’Argent', duration_seconds: 430 },
        { position: 2, title: 'Sexy Boy', duration_seconds: 298 },
        { position: null, title: 'Hidden', duration_seconds: null },
      ],
    });
    // Escaping of every control character, quotes, backslash, emoji, CJK, U+2028, as stored.
    expect(doc.albums[1]?.title).toBe(seedAlbums[2]!.title);
    expect(doc.albums[1]?.artists).toEqual(['Sonic Boom (2)', 'Spacemen 3']);
    expect(doc.albums[2]).toMatchObject({ year: 2025, support: null, source: null, artists: [], tracks: [], tracks_count: 0 });
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
  });

  it('streams across pages and id gaps, every album once and in order', async () => {
    const albums: TestAlbum[] = Array.from({ length: 1300 }, (_, i) => ({
      id: i * 3 + (i % 7) + 1,
      title: `Album ${i}`,
      year: 1950 + (i % 70),
      artists: [`Artist ${i % 40}`],
      tracks: i % 5 === 0 ? [{ position: 1, title: `Track of ${i}`, duration_seconds: i }] : [],
    }));
    insertAlbums(db, albums);
    const { text, doc } = await exportJson();
    expect(text).toBe(JSON.stringify(doc, null, 2));
    expect(doc.total_albums).toBe(1300);
    expect(doc.albums.map((a) => a.id)).toEqual(albums.map((a) => a.id).sort((a, b) => a - b));
    expect(doc.albums.filter((a) => a.tracks_count === 1)).toHaveLength(260);
    expect(validate(doc)).toBe(true);
  });

  it('reads one snapshot while the shared connection keeps writing during the export', async () => {
    const tracks = Array.from({ length: 12 }, (_, t) => ({ position: t + 1, title: `Track ${t + 1} ${'x'.repeat(40)}`, duration_seconds: 200 }));
    insertAlbums(db, Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, title: `Album ${i + 1}`, artists: ['A'], tracks })));
    const { ctx } = testContext(db, out, clock);
    let finished = false;
    const running = executeTask('export_collection_json', ctx).finally(() => (finished = true));
    const insert = db.prepare("INSERT INTO albums (title, created_at) VALUES ('added meanwhile', 'now')");
    let inserted = 0;
    while (!finished) {
      await new Promise((resolve) => setImmediate(resolve));
      insert.run(); // would throw "connection is busy" if the export kept a statement open on it
      inserted++;
    }
    const outcome = await running;
    const doc = JSON.parse(fs.readFileSync(outcome.file!, 'utf8')) as ExportDoc;
    expect(inserted).toBeGreaterThan(1);
    expect(doc.total_albums).toBe(doc.albums.length);
    expect(doc.albums.filter((a) => a.title === 'Album 3000')).toHaveLength(1);
    expect(outcome.albumCount).toBe(doc.albums.length);
  });

  it('is skipped with a clear reason and writes no 0-album file for an empty collection', async () => {
    const { ctx } = testContext(db, out, clock);
    const outcome = await executeTask('export_collection_json', ctx);
    expect(outcome).toMatchObject({ status: 'skipped', file: null, albumCount: 0, message: EMPTY_EXPORT });
    expect(fs.existsSync(out) ? fs.readdirSync(out) : []).toEqual([]);
  });

  it('is refused by the schema when a required key is missing or mistyped', () => {
    expect(validate({ export_date: '2026-01-31T21:02:26.427+01:00', total_albums: 0 })).toBe(false);
    expect(validate({ export_date: 'yesterday', total_albums: 0, albums: [] })).toBe(false);
  });

  it("runs the seed's four jq recipes verbatim", async () => {
    insertAlbums(db, [
      { id: 1, title: 'T.V. Sky', year: 2022, artists: ['The Young Gods'] },
      { id: 2, title: 'Moon Safari', year: 2025, artists: ['AIR', 'Beck'] },
      { id: 3, title: 'Talkie Walkie', year: 2025, artists: ['AIR'] },
      { id: 4, title: 'Pipe, "quoted"', year: null, artists: [] },
    ]);
    await exportJson();
    const jq = (script: string) => execFileSync('sh', ['-c', script], { cwd: out, encoding: 'utf8' });
    expect(jq(`${JQ} -r '.albums[] | [.id, .title, .artists[0]] | @csv' export-json-*.json > collection.csv && cat collection.csv`)).toBe(
      '1,"T.V. Sky","The Young Gods"\n2,"Moon Safari","AIR"\n3,"Talkie Walkie","AIR"\n4,"Pipe, ""quoted""",\n',
    );
    expect(jq(`${JQ} '.albums[] | select(.year == 2025)' export-json-*.json | ${JQ} -r '.title'`)).toBe('Moon Safari\nTalkie Walkie\n');
    expect(JSON.parse(jq(`${JQ} '.albums | group_by(.year) | map({year: .[0].year, count: length})' export-json-*.json`))).toEqual([
      { year: null, count: 1 },
      { year: 2022, count: 1 },
      { year: 2025, count: 2 },
    ]);
    expect(jq(`${JQ} -r '.albums[].artists[]' export-json-*.json | sort -u`)).toBe('AIR\nBeck\nThe Young Gods\n');
  });
});
