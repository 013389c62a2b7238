import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderHaikuFile } from '../tasks/haiku-task.js';
import { latestFiles, listGeneratedFiles } from './listing.js';
import { generatedFilePath, latestHaikuPreview, parseHaikuFile, readGeneratedFile } from './read-back.js';
import { msg } from '../../../shared/messages/index.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-readback-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('reading generated files back', () => {
  it('parses the haiku file the task writes: albums as stored, three lines each, fallbacks marked', () => {
    const albums = [
      { id: 1, title: 'Sgt. Pepper [2015 Remaster]', artists: ['The Beatles'], year: 1967 },
      { id: 2, title: '*Starred*', artists: ['Beak>'], year: null },
    ];
    const text = renderHaikuFile(new Date(2026, 0, 31, 21, 1, 57), albums, {
      haikus: [
        { lines: ['un', 'deux', 'trois'], fallbackReason: null },
        { lines: ['a', 'b', 'c'], fallbackReason: msg('fallback.unavailable') },
      ],
      warnings: [],
    }, 'fr');
    expect(parseHaikuFile(text)).toEqual([
      { album: 'Sgt. Pepper [2015 Remaster] - The Beatles', lines: ['un', 'deux', 'trois'], fallback: null, fallback_text: null },
      { album: '*Starred* - Beak>', lines: ['a', 'b', 'c'], fallback: 'EurIA était indisponible', fallback_text: msg('fallback.unavailable') },
    ]);
  });

  it('previews the newest haiku file, and null when there is none', () => {
    expect(latestHaikuPreview(dir)).toBeNull();
    const old = '# 🎵 Haikus Générés - Sélection Aléatoire\n\n## 1. Old - A\n\n```\nx\ny\nz\n```\n\n';
    fs.writeFileSync(path.join(dir, 'generate-haiku-20260101-060000.md'), old);
    fs.writeFileSync(path.join(dir, 'generate-haiku-20260102-060000.md'), old.replace('Old', 'New'));
    expect(latestHaikuPreview(dir)).toEqual({
      name: 'generate-haiku-20260102-060000.md',
      generated_at: '2026-01-02T06:00:00.000+01:00',
      haikus: [{ album: 'New - A', lines: ['x', 'y', 'z'], fallback: null, fallback_text: null }],
    });
  });

  it('names the newest haiku and the newest export of either kind', () => {
    expect(latestFiles(listGeneratedFiles(dir))).toEqual({ haiku: null, export: null });
    for (const name of ['generate-haiku-20260101-060000.md', 'export-json-20260102-100000.json', 'export-markdown-20260102-080000.md', 'export-markdown-20260102-100000-2.md']) {
      fs.writeFileSync(path.join(dir, name), 'x');
    }
    expect(latestFiles(listGeneratedFiles(dir))).toEqual({ haiku: 'generate-haiku-20260101-060000.md', export: 'export-markdown-20260102-100000-2.md' });
  });

  it('serves only generated files by exact name: no path, no traversal, no user file, no link', () => {
    fs.writeFileSync(path.join(dir, 'export-json-20260101-060000.json'), '{}');
    fs.writeFileSync(path.join(dir, 'notes.md'), 'private');
    fs.symlinkSync(path.join(dir, 'notes.md'), path.join(dir, 'export-markdown-20260101-060000.md'));
    expect(readGeneratedFile(dir, 'export-json-20260101-060000.json')).toEqual({ name: 'export-json-20260101-060000.json', kind: 'json', text: '{}' });
    for (const name of ['notes.md', '../notes.md', 'x/../export-json-20260101-060000.json', '/etc/passwd', 'export-json-20260101-060001.json', 'export-markdown-20260101-060000.md']) {
      expect(() => generatedFilePath(dir, name), name).toThrow(expect.objectContaining({ code: 'not_found' }));
    }
  });
});
