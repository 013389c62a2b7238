/**
 * The local API's owner token (DESIGN.md §5, "Only its owner"): loopback is shared by every local
 * user and program, so every change beyond the seed's three operations needs
 * `Authorization: Bearer <token>`, read from `<data>/api-token` (0600 in a 0700 folder). Written
 * once, at the first start on a data folder; the CLI and scripts read it with `readApiToken`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { narrowToOwner, PRIVATE_FILE_MODE } from './private-files.js';

export const API_TOKEN_FILE = 'api-token';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{32,256}$/;

/** The token of this data folder, or null when no engine has started there yet (or the file is damaged). */
export function readApiToken(dataDir: string): string | null {
  try {
    const token = fs.readFileSync(path.join(dataDir, API_TOKEN_FILE), 'utf8').trim();
    return TOKEN_PATTERN.test(token) ? token : null;
  } catch {
    return null;
  }
}

/** Reads the token, or creates it (256 random bits, 0600) when there is none; two starts at once agree on one. */
export function ensureApiToken(dataDir: string): string {
  const file = path.join(dataDir, API_TOKEN_FILE);
  const existing = readApiToken(dataDir);
  if (existing) {
    narrowToOwner(file);
    return existing;
  }
  const token = crypto.randomBytes(32).toString('base64url');
  try {
    // 'wx': the first writer wins; a damaged file is replaced below.
    fs.writeFileSync(file, `${token}\n`, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    return token;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const raced = readApiToken(dataDir);
  if (raced) return raced;
  fs.writeFileSync(file, `${token}\n`, { mode: PRIVATE_FILE_MODE });
  narrowToOwner(file);
  return token;
}

/** Constant-time comparison, so the token cannot be guessed one character at a time. */
export function sameToken(given: string | undefined, token: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
