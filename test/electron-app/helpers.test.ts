import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir.js';
import { appEnv, appFolders, exportFiles, runNowButtonName, until, type Waiting } from './helpers.js';

let temp: string | undefined;
afterEach(() => temp && fs.rmSync(temp, { recursive: true, force: true }));

/** A clock that only moves when the poller sleeps: no real waiting. */
function fakeWaiting(): Waiting & { slept: number } {
  let now = 0;
  const waiting = {
    slept: 0,
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
      waiting.slept += 1;
    },
  };
  return waiting;
}

describe('the Electron app test helpers', () => {
  it('lists finished exports of one kind only', () => {
    temp = tempDir('aime-e2e-helpers-');
    for (const name of ['export-json-20260131-210202.json', 'export-json-20260131-210202-2.json', '.aime-tmp-x.json', 'export-json-notes.json', 'export-markdown-20260131-210202.md']) {
      fs.writeFileSync(path.join(temp, name), '');
    }
    expect(exportFiles(temp, 'json')).toEqual(['export-json-20260131-210202-2.json', 'export-json-20260131-210202.json']);
    expect(exportFiles(temp, 'markdown')).toEqual(['export-markdown-20260131-210202.md']);
    expect(exportFiles(path.join(temp, 'absent'), 'haiku')).toEqual([]);
  });

  it('polls until a value comes, and names what it waited for when it does not', async () => {
    const waiting = fakeWaiting();
    let calls = 0;
    await expect(until('three calls', () => (++calls >= 3 ? 'done' : null), 10_000, waiting)).resolves.toBe('done');
    expect(waiting.slept).toBe(2);
    await expect(until('the JSON export', () => null, 1_000, fakeWaiting())).rejects.toThrow('timed out after 1 s waiting for the JSON export');
  });

  it("runs the app on temporary folders, without the developer's AIME_* settings", () => {
    const env = appEnv({ PATH: '/bin', AIME_EURIA_API_KEY: 'secret', HOME: '/home/me' }, '/tmp/run');
    const { dataDir, homeDir } = appFolders('/tmp/run');
    expect(env).toEqual({
      PATH: '/bin',
      AIME_E2E: '1',
      AIME_DATA_DIR: dataDir,
      HOME: homeDir,
      USERPROFILE: homeDir,
      XDG_CONFIG_HOME: path.join(homeDir, '.config'),
    });
  });

  it("finds a task's Run now button in either language", () => {
    const name = runNowButtonName(/JSON/);
    expect(name.test('Run now — 📊 Export JSON')).toBe(true);
    expect(name.test('Exécuter maintenant — 📊 Export JSON')).toBe(true);
    expect(name.test('Run now — 📝 Export Markdown')).toBe(false);
  });
});
