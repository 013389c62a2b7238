/** A fresh folder under the system's temp folder: every test's files live in one of these. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'aime-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
