/**
 * `aime import` and `aime sync` in a terminal: a live progress line, and Ctrl-C cancels (exit
 * code 130, the collection unchanged). The command runs in-process with a terminal that
 * records its status lines and hands Ctrl-C to the test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliIo } from '../electron/cli.js';
import { openDatabase } from '../electron/core/collection/database.js';
import { collectionHash, writeDiscogsCsv } from './support/discogs-csv.js';
import { DISCOGS_FIXTURE } from './support/fixtures.js';
import { fakeReleases, startFakeDiscogs } from './support/fake-discogs.js';

describe('aime import and aime sync on a terminal', () => {
  let root: string;
  let data: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'aime-cli-cancel-'));
    data = path.join(root, 'data');
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** The content hash of the collection in the data folder (collection.db). */
  function hash(): string {
    const db = openDatabase(path.join(data, 'collection.db'));
    try {
      return collectionHash(db);
    } finally {
      db.close();
    }
  }

  function terminal(onStatus: (line: string, interrupt: () => void) => void) {
    const out: string[] = [];
    const err: string[] = [];
    const statuses: string[] = [];
    let interrupt: (() => void) | null = null;
    const io: CliIo = {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: {},
      status(line) {
        if (line === null) return;
        statuses.push(line);
        if (interrupt) onStatus(line, interrupt);
      },
      onInterrupt(handler) {
        interrupt = handler;
        return () => void (interrupt = null);
      },
    };
    return { io, out, err, statuses };
  }

  it('shows the progress, and Ctrl-C rolls the import back and exits 130', async () => {
    const first = terminal(() => undefined);
    expect(await main(['import', DISCOGS_FIXTURE, '--data', data], first.io)).toBe(0);
    const before = hash();

    const csv = writeDiscogsCsv(path.join(root, 'large.csv'), 15_000);
    let pressed = false;
    const run = terminal((line, interrupt) => {
      if (!pressed && /writing/.test(line)) {
        pressed = true;
        interrupt();
      }
    });
    const code = await main(['import', csv, '--data', data], run.io);

    expect(pressed).toBe(true);
    expect(code).toBe(130);
    expect(run.statuses.some((line) => /^large\.csv: reading \d+% \([\d.]+ of [\d.]+ MB\)$/.test(line))).toBe(true);
    expect(run.err).toContain('cancelling the import (Ctrl-C again to quit at once)…');
    expect(run.err.at(-1)).toBe('aime: import cancelled: the collection is unchanged');
    expect(run.out).toEqual([]);
    expect(hash()).toBe(before);

    // Both imports are in the history, the newest first: the cancelled one, then the first.
    const history = terminal(() => undefined);
    expect(await main(['history', '--json', '--data', data], history.io)).toBe(0);
    const [cancelled, earlier] = JSON.parse(history.out.join('\n')) as Array<Record<string, unknown>>;
    expect(cancelled).toMatchObject({ task: 'import_collection', trigger: 'cli', status: 'cancelled', album_count: null, text: { key: 'error.import_cancelled' } });
    expect(earlier).toMatchObject({ task: 'import_collection', trigger: 'cli', status: 'completed', file: DISCOGS_FIXTURE });
    expect(earlier!.album_count).toBeGreaterThan(0);
    const lines = terminal(() => undefined);
    expect(await main(['history', '--data', data], lines.io)).toBe(0);
    expect(lines.out[0]).toMatch(/^\S+ {2}import_collection \(cli\) cancelled: Import cancelled: the collection is unchanged\.$/);
    expect(lines.out[1]).toMatch(new RegExp(`^\\S+  import_collection \\(cli\\) completed ← ${path.basename(DISCOGS_FIXTURE)} \\(\\+${String(earlier!.album_count)}\\)$`));
  });

  it('shows the sync reading its source, and Ctrl-C rolls it back, records it cancelled and exits 130', async () => {
    const discogs = await startFakeDiscogs();
    try {
      discogs.users.set('collector', { releases: fakeReleases(2950), token: 'tok' });
      const env = { AIME_DISCOGS_API_URL: discogs.url };
      const quiet = () => ({ ...terminal(() => undefined).io, env });
      expect(await main(['source', 'add', 'discogs:collector', '--token', 'tok', '--data', data], quiet())).toBe(0);
      const before = hash();

      let pressed = false;
      const run = terminal((line, interrupt) => {
        if (!pressed && /reading \(\d[\d,]* albums\)/.test(line) && !/\(0 albums/.test(line)) {
          pressed = true;
          interrupt();
        }
      });
      const code = await main(['sync', '--data', data], { ...run.io, env });

      expect(pressed).toBe(true);
      expect(code).toBe(130);
      expect(run.statuses.some((line) => /^discogs:collector: reading \([\d,]+ albums\)$/.test(line))).toBe(true);
      expect(run.err).toContain('cancelling the sync (Ctrl-C again to quit at once)…');
      expect(run.err.at(-1)).toBe('Sync cancelled: the collection is unchanged.');
      expect(hash()).toBe(before);

      const history = terminal(() => undefined);
      expect(await main(['history', '--json', '--data', data], history.io)).toBe(0);
      expect(JSON.parse(history.out.join('\n'))[0]).toMatchObject({ task: 'sync_collection', status: 'cancelled' });
    } finally {
      await discogs.close();
    }
  });
});
