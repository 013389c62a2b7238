/** What the haiku task asks of the haiku module (EurIA with a local fallback). */
import type { EuriaTestResult } from '../../../shared/api.js';
import type { HaikuLanguage } from '../../../shared/config.js';
import type { MessageRef } from '../../../shared/messages/index.js';

export interface HaikuAlbum {
  id: number;
  title: string;
  /** Display names, in credit order (disambiguation suffixes already removed where safe). */
  artists: string[];
  year: number | null;
}

export interface Haiku {
  /** Exactly three non-empty lines. */
  lines: [string, string, string];
  /** null when EurIA wrote it; otherwise why the local generator was used (shown in the file, in the haiku language). */
  fallbackReason: MessageRef | null;
}

export interface HaikuBatch {
  /** One per album, same order. */
  haikus: Haiku[];
  /** Run warnings, e.g. `warning.haiku_fallback` {n: 2, total: 5, reason: `fallback.unavailable`}. */
  warnings: MessageRef[];
}

export interface HaikuWriter {
  write(albums: HaikuAlbum[], language: HaikuLanguage, signal?: AbortSignal): Promise<HaikuBatch>;
  /** One tiny request to the configured server: success, latency, model, or the exact failure. */
  test(): Promise<EuriaTestResult>;
}
