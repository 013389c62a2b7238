/**
 * Which importer reads a file: decided from its first bytes (the SQLite magic header, a JSON
 * object, a CSV header line) and its extension. The extension wins over weak content hints so
 * that a damaged `musique.db` is reported as a damaged database, not as an unreadable CSV.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AimeError } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import type { ImportFormat } from '../../../shared/api.js';
import { badInput } from './incoming.js';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const BY_EXTENSION: Record<string, ImportFormat> = {
  '.db': 'aime-db',
  '.sqlite': 'aime-db',
  '.sqlite3': 'aime-db',
  '.json': 'json',
  '.csv': 'discogs-csv',
};

/**
 * Kernel and device trees: their "files" are the process's environment, memory maps, devices.
 * An import (which any local program may ask the API for) must never read them.
 */
const SYSTEM_TREES = ['/proc', '/sys', '/dev'];

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * Only regular files of one's own: throws `no such file: …` for a missing path, and refuses
 * folders, FIFOs, sockets, devices and anything under /proc, /sys or /dev (symbolic links are
 * followed first, so a link to /proc/self/environ is refused too).
 */
export function assertReadableFile(file: string): void {
  let real: string;
  let stat: fs.Stats;
  try {
    real = fs.realpathSync(file);
    stat = fs.statSync(real);
  } catch {
    throw new AimeError('invalid_input', `no such file: ${file}`, { file }, msg('error.no_such_file', { file }));
  }
  const tree = process.platform === 'win32' ? undefined : SYSTEM_TREES.find((root) => real === root || real.startsWith(`${root}/`));
  if (tree) {
    throw new AimeError(
      'invalid_input',
      `not a file: ${file} is a system file (under ${tree}); import a collection file of your own`,
      { file },
      msg('error.system_file', { file }),
    );
  }
  if (!stat.isFile()) throw new AimeError('invalid_input', `not a file: ${file} is ${kindOf(stat)}`, { file }, msg('error.not_a_file', { file }));
}

export function detectImportFormat(file: string): ImportFormat {
  assertReadableFile(file);
  const head = Buffer.alloc(4096);
  const fd = fs.openSync(file, 'r');
  let length: number;
  try {
    length = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const bytes = head.subarray(0, length);
  if (bytes.subarray(0, SQLITE_MAGIC.length).equals(SQLITE_MAGIC)) return 'aime-db';

  const byExtension = BY_EXTENSION[path.extname(file).toLowerCase()];
  if (byExtension) return byExtension;

  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(text)) return 'json';
  const firstLine = text.split(/\r?\n/, 1)[0] ?? '';
  if (firstLine.includes(',') && /(^|,)"?(Title|release_id)"?(,|$)/i.test(firstLine)) return 'discogs-csv';
  throw badInput(
    file,
    null,
    'unrecognised file (expected an AIME database, a Discogs collection CSV or an AIME JSON export; ' +
      'name the format with --format aime-db|discogs-csv|json)',
  );
}
