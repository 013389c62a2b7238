/**
 * Files that may hold secrets or personal data (settings, the API token, logs) are readable by
 * their owner only, in a data folder only its owner can enter (DESIGN.md §6): loopback and /tmp
 * are shared by every local user, the files need not be.
 */
import fs from 'node:fs';
import path from 'node:path';

export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Writes `data` to a temporary name created 0600, then renames it over `file`: never a moment readable by others. */
export function writePrivateFile(file: string, data: string | Buffer): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temp, data, { mode: PRIVATE_FILE_MODE });
    fs.chmodSync(temp, PRIVATE_FILE_MODE);
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
}

/** Creates the folder 0700, or narrows an existing one to 0700 (where the file system has modes). */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  try {
    if ((fs.statSync(dir).mode & 0o777) !== PRIVATE_DIR_MODE) fs.chmodSync(dir, PRIVATE_DIR_MODE);
  } catch {
    // Windows and some shares have no POSIX modes; their ACLs already limit a profile folder to its user.
  }
}

/** Narrows an existing file to 0600; false when it is missing or the file system has no modes. */
export function narrowToOwner(file: string): boolean {
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
    return true;
  } catch {
    return false;
  }
}
