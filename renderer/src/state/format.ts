/** How dates, durations and sizes read in the window, in the window's language. */
import type { RunRecord } from '../../../shared/api.js';
import type { Locale } from '../i18n/messages.js';

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A date and time from an ISO string; the raw text when it does not parse. */
export function formatDateTime(iso: string, locale: Locale, withSeconds = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(TAGS[locale], {
    dateStyle: 'medium',
    timeStyle: withSeconds ? 'medium' : 'short',
  }).format(date);
}

/** "850 ms", "1.2 s", "2 min 05 s", "1 h 02 min" (with the locale's decimal mark). */
export function formatDuration(ms: number, locale: Locale): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) {
    const text = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 1 }).format(seconds);
    return `${text} s`;
  }
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h} h ${pad(m)} min` : `${m} min ${pad(s)} s`;
}

/** How long a run took, or null while it runs (or when the clock makes no sense). */
export function runDurationMs(run: Pick<RunRecord, 'started_at' | 'finished_at'>): number | null {
  if (!run.finished_at) return null;
  const ms = Date.parse(run.finished_at) - Date.parse(run.started_at);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

const UNITS: Record<Locale, readonly string[]> = { fr: ['o', 'Ko', 'Mo', 'Go'], en: ['B', 'KB', 'MB', 'GB'] };

/** File sizes in powers of 1024, as file managers show them: "512 B", "1.5 KB", "1,5 Ko". */
export function formatBytes(bytes: number, locale: Locale): string {
  const units = UNITS[locale];
  let value = bytes;
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  const digits = index === 0 ? 0 : 1;
  const text = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: digits }).format(value);
  return `${text} ${units[index]}`;
}

/** The last part of a path, whichever separator the engine's OS uses. */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] || path;
}
