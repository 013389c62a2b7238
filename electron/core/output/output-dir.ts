/** The output folder: created when missing; a folder that cannot be written fails with its name. */
import fs from 'node:fs/promises';
import path from 'node:path';

export async function ensureOutputDir(dir: string): Promise<void> {
  const absolute = path.resolve(dir);
  try {
    await fs.mkdir(absolute, { recursive: true });
  } catch (error) {
    throw new Error(`cannot create the output folder "${absolute}": ${reason(error)}`, { cause: error });
  }
  const stat = await fs.stat(absolute);
  if (!stat.isDirectory()) throw new Error(`the output folder "${absolute}" is not a folder`);
  try {
    await fs.access(absolute, fs.constants.W_OK);
  } catch (error) {
    throw new Error(`the output folder "${absolute}" is read-only: ${reason(error)}`, { cause: error });
  }
}

export function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
