/** The desktop log file: electron-log writing the seed's line format (Node flavour here, main in the app). */
import electronLog from 'electron-log/node.js';
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { configureElectronLog, createFileLogger } from './log.js';
import { createLogHealth, guardedStreamSink } from './log-health.js';
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

describe('logging never kills the host', () => {
  const tempLogs = () => {
    const root = tempDir('aime-log-');
    dirs.push(root);
    return path.join(root, 'logs');
  };

  it('keeps the log owner-only: the file 0600, its folder 0700', () => {
    const dir = tempLogs();
    const log = createFileLogger({ dir });
    log.info('a line');
    expect(fs.statSync(log.file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('narrows a log file left readable by an older version', () => {
    const dir = tempLogs();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'aime.log'), 'old\n', { mode: 0o644 });
    createFileLogger({ dir }).info('a line');
    expect(fs.statSync(path.join(dir, 'aime.log')).mode & 0o777).toBe(0o600);
  });

  it('counts a console sink that throws, and still writes the file', () => {
    const dir = tempLogs();
    const log = createFileLogger({
      dir,
      echo: () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      },
    });
    expect(() => log.child('scheduler').warn('first')).not.toThrow();
    expect(() => log.error('second')).not.toThrow();
    expect(log.health()).toEqual({ failures: 2, last_failure: 'ENOSPC' });
    expect(log.child('x').health!()).toEqual({ failures: 2, last_failure: 'ENOSPC' });
    expect(fs.readFileSync(log.file, 'utf8')).toMatch(/WARN - first\n.*ERROR - second\n$/);
  });

  it('counts a log file that cannot be written', () => {
    const root = tempDir('aime-log-');
    dirs.push(root);
    const notAFolder = path.join(root, 'logs');
    fs.writeFileSync(notAFolder, 'a file where the folder should be');
    const log = createFileLogger({ dir: notAFolder });
    expect(() => log.info('lost line')).not.toThrow();
    expect(log.health().failures).toBeGreaterThan(0);
  });

  it('counts the error events of a broken stream instead of letting them end the process', async () => {
    const counter = createLogHealth();
    // What stderr does when its reader has gone: the write fails asynchronously with EPIPE.
    const stream = new Writable({
      write: (_chunk, _encoding, callback) => callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })),
    });
    const sink = guardedStreamSink(stream, counter);
    sink('after the reader went away');
    await new Promise((resolve) => setImmediate(resolve));
    expect(counter.health()).toEqual({ failures: 1, last_failure: 'EPIPE' });
  });
});
