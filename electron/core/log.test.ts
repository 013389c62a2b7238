/** The desktop log file: electron-log writing the seed's line format (Node flavour here, main in the app). */
import electronLog from 'electron-log/node.js';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { configureElectronLog } from './log.js';
import { tempDir } from '../../test/support/temp-dir.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('configureElectronLog', () => {
  it('writes <data>/logs/aime.log lines as "date,ms - module - LEVEL - message"', async () => {
    const dir = path.join(tempDir('aime-log-'), 'logs');
    dirs.push(path.dirname(dir));
    const log = configureElectronLog(electronLog.create({ logId: `desktop-test-${process.pid}` }), { dir });
    expect(log.file).toBe(path.join(dir, 'aime.log'));
    log.child('aime.desktop').info('AIME Scheduler desktop started');
    log.child('app.services.scheduler_service').warn('🗑️ Supprimé fichier ancien (haiku): generate-haiku-20260131-210202.md');
    log.debug('not written at info level');
    let text = '';
    for (let i = 0; i < 200 && text.split('\n').length < 3; i++) {
      text = fs.existsSync(log.file) ? fs.readFileSync(log.file, 'utf8') : '';
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(text.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - aime\.desktop - INFO - AIME Scheduler desktop started$/),
      expect.stringMatching(
        /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3} - app\.services\.scheduler_service - WARN - 🗑️ Supprimé fichier ancien \(haiku\): generate-haiku-20260131-210202\.md$/,
      ),
    ]);
  });
});
