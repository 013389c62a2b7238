import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log.js';
import { writeOutputFile, removeLeftoverTemporaries, temporaryName } from './atomic-write.js';
import { ChunkWriter } from './chunk-writer.js';
import { listGeneratedFiles } from './listing.js';
import { applyRetention } from './retention.js';
import { ensureOutputDir } from './output-folder.js';
import { parseOutputName } from './naming.js';
import { tempDir } from '../../../test/support/temp-dir.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const at = new Date(2026, 0, 31, 21, 1, 57); // local (TZ=Europe/Paris)
const touch = (name: string, text = name) => fs.writeFileSync(path.join(dir, name), text);
const names = () => fs.readdirSync(dir).sort();

async function writeText(text: string, date = at, kind: 'haiku' | 'markdown' | 'json' = 'haiku') {
  return writeOutputFile({ dir, kind, date }, async (out) => {
    out.push(text);
  });
}

describe('file names', () => {
  it('uses the local timestamp and -2, -3 … on a clash, never overwriting', async () => {
    const first = await writeText('one');
    const second = await writeText('two');
    const third = await writeText('three');
    expect(path.basename(first)).toBe('generate-haiku-20260131-210157.md');
    expect(path.basename(second)).toBe('generate-haiku-20260131-210157-2.md');
    expect(path.basename(third)).toBe('generate-haiku-20260131-210157-3.md');
    expect(fs.readFileSync(first, 'utf8')).toBe('one');
    expect(fs.readFileSync(third, 'utf8')).toBe('three');
    const json = await writeText('{}', at, 'json');
    expect(path.basename(json)).toBe('export-json-20260131-210157.json');
    const md = await writeText('#', at, 'markdown');
    expect(path.basename(md)).toBe('export-markdown-20260131-210157.md');
  });

  it('gives concurrent writers of the same second distinct names', async () => {
    const paths = await Promise.all(Array.from({ length: 8 }, (_, i) => writeText(`n${i}`)));
    expect(new Set(paths).size).toBe(8);
    const contents = paths.map((p) => fs.readFileSync(p, 'utf8')).sort();
    expect(contents).toEqual(Array.from({ length: 8 }, (_, i) => `n${i}`).sort());
  });

  it('recognises only exact export names', () => {
    expect(parseOutputName('generate-haiku-20260131-210202.md')?.kind).toBe('haiku');
    expect(parseOutputName('export-markdown-20260131-210202-12.md')).toMatchObject({ kind: 'markdown', sequence: 12 });
    expect(parseOutputName('export-json-20260131-210202.json')?.kind).toBe('json');
    for (const other of [
      'notes.md',
      'export-json-2026.json',
      'generate-haiku-20260131-210202.md.bak',
      'export-markdown-20260101-000000 copy.md',
      'export-markdown-20260101-000000.json',
      'export-json-20260101-000000.md',
      'generate-haiku-20260131-210202-.md',
      '.aime-tmp-1-ab.md',
    ]) {
      expect(parseOutputName(other)).toBeNull();
    }
  });
});

describe('atomic write', () => {
  it('leaves neither a temporary nor a final file when writing fails', async () => {
    await expect(
      writeOutputFile({ dir, kind: 'json', date: at }, async (out) => {
        out.push('{"half": ');
        await out.drain();
        throw new Error('disk on fire');
      }),
    ).rejects.toThrow('disk on fire');
    expect(names()).toEqual([]);
  });

  it('leaves nothing when aborted', async () => {
    const controller = new AbortController();
    await expect(
      writeOutputFile({ dir, kind: 'markdown', date: at, signal: controller.signal }, async (out) => {
        out.push('# partial');
        await out.drain();
        controller.abort();
      }),
    ).rejects.toThrow();
    expect(names()).toEqual([]);
  });

  it('removes leftover temporaries of dead processes, only our pattern', async () => {
    // A pid that cannot be running: above the kernel's pid_max.
    const dead = `.aime-tmp-99999999-0a1b2c.json`;
    touch(dead);
    const live = temporaryName('md'); // this process: a write may be in progress
    touch(live);
    touch('.aime-tmp-notes.md');
    touch('notes.md');
    const log = createMemoryLogger();
    const removed = removeLeftoverTemporaries(dir, log);
    expect(removed).toEqual([dead]);
    expect(names()).toEqual(['.aime-tmp-notes.md', live, 'notes.md'].sort());
    expect(log.lines.join('\n')).toContain(dead);
    expect(removeLeftoverTemporaries(path.join(dir, 'missing'), log)).toEqual([]);
  });

  it('creates a missing output folder and names a folder it cannot create', async () => {
    const nested = path.join(dir, 'a', 'b');
    await ensureOutputDir(nested);
    expect(fs.statSync(nested).isDirectory()).toBe(true);
    touch('plain-file');
    const impossible = path.join(dir, 'plain-file', 'out');
    await expect(ensureOutputDir(impossible)).rejects.toThrow(impossible);
  });
});

describe('retention', () => {
  const userFiles = [
    'notes.md',
    'export-json-2026.json',
    'generate-haiku-20260131-210202.md.bak',
    'export-markdown-20260101-000000 copy.md',
  ];

  it('keeps the newest N of the kind by the name timestamp, logs each deletion, leaves the rest', async () => {
    const haikus = [
      'generate-haiku-20250101-000000.md',
      'generate-haiku-20260131-210202.md',
      'generate-haiku-20260131-210844.md',
      'generate-haiku-20260131-210844-2.md',
      'generate-haiku-20260131-210844-10.md',
      'generate-haiku-20261231-235959.md',
    ];
    // Modification times deliberately disagree with the names: only the names count.
    haikus.forEach((name, i) => {
      touch(name);
      const t = new Date(2030, 0, 1, 0, 0, 60 - i);
      fs.utimesSync(path.join(dir, name), t, t);
    });
    for (const name of [...userFiles, 'export-markdown-20200101-000000.md', 'export-json-20200101-000000.json']) touch(name);
    const log = createMemoryLogger([], 'app.services.scheduler_service');
    const result = await applyRetention(dir, 'haiku', 3, log);
    expect(result.deleted).toEqual([
      'generate-haiku-20260131-210844.md',
      'generate-haiku-20260131-210202.md',
      'generate-haiku-20250101-000000.md',
    ]);
    expect(names()).toEqual(
      [
        ...userFiles,
        'export-markdown-20200101-000000.md',
        'export-json-20200101-000000.json',
        'generate-haiku-20260131-210844-2.md',
        'generate-haiku-20260131-210844-10.md',
        'generate-haiku-20261231-235959.md',
      ].sort(),
    );
    expect(log.lines).toHaveLength(3);
    for (const line of log.lines) {
      expect(line).toMatch(
        /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} - app\.services\.scheduler_service - INFO - 🗑️ Supprimé fichier ancien \(haiku\): generate-haiku-\d{8}-\d{6}\.md$/,
      );
    }
    expect(log.lines.some((l) => l.endsWith('🗑️ Supprimé fichier ancien (haiku): generate-haiku-20260131-210202.md'))).toBe(true);
  });

  it('uses the kind word of markdown and json and never mixes kinds', async () => {
    for (const name of ['export-markdown-20260101-000000.md', 'export-markdown-20260102-000000.md']) touch(name);
    for (const name of ['export-json-20260101-000000.json', 'export-json-20260102-000000.json']) touch(name);
    for (const name of userFiles) touch(name);
    const log = createMemoryLogger();
    expect((await applyRetention(dir, 'markdown', 1, log)).deleted).toEqual(['export-markdown-20260101-000000.md']);
    expect((await applyRetention(dir, 'json', 1, log)).deleted).toEqual(['export-json-20260101-000000.json']);
    expect(log.lines[0]).toMatch(/🗑️ Supprimé fichier ancien \(markdown\): export-markdown-20260101-000000\.md$/);
    expect(log.lines[1]).toMatch(/🗑️ Supprimé fichier ancien \(json\): export-json-20260101-000000\.json$/);
    expect(names()).toEqual(
      [...userFiles, 'export-markdown-20260102-000000.md', 'export-json-20260102-000000.json'].sort(),
    );
  });

  it('never deletes the file just written, even when older-named files look newer', async () => {
    touch('export-json-20300101-000000.json');
    touch('export-json-20260101-000000.json');
    const result = await applyRetention(dir, 'json', 1, createMemoryLogger(), 'export-json-20260101-000000.json');
    expect(result.deleted).toEqual(['export-json-20300101-000000.json']);
    expect(names()).toEqual(['export-json-20260101-000000.json']);
  });
});

describe('listing', () => {
  it('lists our files per kind, newest first, with size and the time from the name', () => {
    touch('generate-haiku-20260131-210202.md', 'abc');
    touch('generate-haiku-20260131-210202-2.md', 'abcd');
    touch('export-json-20260615-080000.json', '{}');
    for (const name of ['notes.md', 'export-json-2026.json', '.aime-tmp-1-ab.json']) touch(name);
    const listed = listGeneratedFiles(dir);
    expect(listed.output_dir).toBe(dir);
    expect(listed.files.haiku.map((f) => [f.name, f.size, f.created_at])).toEqual([
      ['generate-haiku-20260131-210202-2.md', 4, '2026-01-31T21:02:02.000+01:00'],
      ['generate-haiku-20260131-210202.md', 3, '2026-01-31T21:02:02.000+01:00'],
    ]);
    expect(listed.files.json).toEqual([
      {
        kind: 'json',
        name: 'export-json-20260615-080000.json',
        path: path.join(dir, 'export-json-20260615-080000.json'),
        size: 2,
        created_at: '2026-06-15T08:00:00.000+02:00',
      },
    ]);
    expect(listed.files.markdown).toEqual([]);
    expect(listGeneratedFiles(path.join(dir, 'none')).files.haiku).toEqual([]);
    expect(listGeneratedFiles(path.join(dir, 'none')).problem).toBeUndefined();
  });

  it('answers with the folder’s problem instead of failing when the path became a file', () => {
    touch('not-a-folder', 'x');
    const listed = listGeneratedFiles(path.join(dir, 'not-a-folder'));
    expect(listed).toEqual({ output_dir: path.join(dir, 'not-a-folder'), files: { haiku: [], markdown: [], json: [] }, problem: 'not_a_folder' });
    // Under a file, too.
    expect(listGeneratedFiles(path.join(dir, 'not-a-folder', 'out')).problem).toBe('not_a_folder');
  });
});

describe('chunk writer', () => {
  it('writes text and bytes in order, whatever their size and encoding', async () => {
    const pieces: Array<string | Buffer> = [];
    for (let i = 0; i < 400; i++) {
      pieces.push(i % 3 === 0 ? `ligne ${i} é東🎵\n` : i % 3 === 1 ? Buffer.from(`bytes ${i} ü\n`) : 'x'.repeat(i * 37));
    }
    pieces.push('🎵'.repeat(5000), Buffer.alloc(9000, 0x61), 'fin');
    const file = await writeOutputFile({ dir, kind: 'markdown', date: at }, async (out: ChunkWriter) => {
      for (const piece of pieces) if (!out.push(piece)) await out.drain();
    });
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    expect(fs.readFileSync(file).equals(expected)).toBe(true);
  });

  it('handles chunks larger than its buffer (small threshold)', async () => {
    const handle = await fs.promises.open(path.join(dir, 'small.txt'), 'w');
    const out = new ChunkWriter(handle, { threshold: 16 });
    const pieces: Array<string | Buffer> = ['abc', '東京🎵'.repeat(40), Buffer.alloc(100, 0x62), 'é', Buffer.from('z'), 'y'.repeat(70)];
    for (const piece of pieces) if (!out.push(piece)) await out.drain();
    await out.finish();
    await handle.close();
    const expected = Buffer.concat(pieces.map((p) => (typeof p === 'string' ? Buffer.from(p) : p)));
    expect(fs.readFileSync(path.join(dir, 'small.txt')).equals(expected)).toBe(true);
    expect(out.bytesWritten).toBe(expected.length);
  });

  it('flushes to disk in the background every syncEvery bytes, and writes the same bytes', async () => {
    const handle = await fs.promises.open(path.join(dir, 'synced.txt'), 'w');
    let flushes = 0;
    const counted = new Proxy(handle, {
      get: (target, key) =>
        key === 'datasync' ? () => (flushes++, target.datasync()) : (Reflect.get(target, key) as (...args: unknown[]) => unknown).bind(target),
    });
    const out = new ChunkWriter(counted, { threshold: 1000, syncEvery: 10_000 });
    const line = 'une ligne de la collection, é🎵\n';
    for (let i = 0; i < 3000; i++) if (!out.push(line)) await out.drain();
    await out.finish();
    await handle.close();
    expect(fs.readFileSync(path.join(dir, 'synced.txt'), 'utf8')).toBe(line.repeat(3000));
    expect(out.bytesWritten).toBe(Buffer.byteLength(line) * 3000);
    // ~110 kB written: a flush for (about) every 10 kB, one at a time.
    expect(flushes).toBeGreaterThanOrEqual(3);
    expect(flushes).toBeLessThanOrEqual(11);
  });
});
