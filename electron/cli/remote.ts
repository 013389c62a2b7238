/**
 * The CLI beside a running host (DESIGN.md §5 "One host"). When the desktop app or `aime serve`
 * holds the data folder and its lock names the port of its REST API, a command talks to that
 * API instead of opening the folder itself: the host runs it (its output folder, its history,
 * its events to every open window), and the command prints what it would print alone. This is
 * the one place that decides; commands only ever see an `AimeApi`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { TRIGGER_HEADER, type AimeApi } from '../../shared/contract.js';
import { createHttpApi } from '../../shared/http-client.js';
import { readLockHolder } from '../core/schedule/index.js';

export interface HostConnection {
  api: AimeApi;
  /** The host's process and where its API answers, for messages. */
  pid: number;
  url: string;
}

/**
 * The owner token of a data folder (`<data>/api-token`), sent so that owner-only routes accept
 * the CLI like the window. Null when the folder has none.
 */
function readOwnerToken(dataDir: string): string | null {
  try {
    const token = fs.readFileSync(path.join(dataDir, 'api-token'), 'utf8').trim();
    return /^[A-Za-z0-9_-]{32,256}$/.test(token) ? token : null;
  } catch {
    return null;
  }
}

/** The running host that holds `dataDir` and serves its API, or null: then the command opens the folder itself. */
export function connectToHost(dataDir: string): HostConnection | null {
  const holder = readLockHolder(dataDir);
  // Never ourselves (`aime serve` in this process): a command then opens the folder as before.
  if (!holder || holder.self || holder.port === null) return null;
  const url = `http://127.0.0.1:${holder.port}`;
  const token = readOwnerToken(dataDir);
  // The header makes the host record runs as "cli" (the server accepts only that value in it).
  const headers: Record<string, string> = { [TRIGGER_HEADER]: 'cli', ...(token ? { Authorization: `Bearer ${token}` } : {}) };
  return { api: createHttpApi(url, { headers }), pid: holder.pid, url };
}
