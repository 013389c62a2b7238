/** The "files to keep per type" field: the shared parser decides, the window only reports. */
import { parseMaxFilesText } from '../../../shared/contract.js';

export type RetentionCheck = { ok: true; value: number } | { ok: false; reason: string };

/** Accepts only what `PATCH …/config?max_files_per_type=` accepts: a whole number 1–50. */
export function checkRetention(text: string): RetentionCheck {
  try {
    return { ok: true, value: parseMaxFilesText(text) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
