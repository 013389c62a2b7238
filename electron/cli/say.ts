/**
 * The command line's words for what the engine says: its messages of the catalogue rendered in
 * English, or in French when the locale (LC_ALL, LC_MESSAGES, LANG) is French.
 */
import { localeFromEnv, renderMessage, type Locale, type MessageRef } from '../../shared/messages/index.js';

export function cliLocale(env: Record<string, string | undefined> = process.env): Locale {
  return localeFromEnv(env);
}

export function say(ref: MessageRef, locale: Locale = cliLocale()): string {
  return renderMessage(ref, locale);
}

/** A run's reason and warnings as the person reads them; the English fields for runs stored before codes. */
export function runSaid(run: { text?: MessageRef | null; error?: string | null; warnings: string[]; warning_texts: MessageRef[] }): {
  reason: string | null;
  warnings: string[];
} {
  return {
    reason: run.text ? say(run.text) : (run.error ?? null),
    warnings: run.warning_texts.length === run.warnings.length ? run.warning_texts.map((text) => say(text)) : run.warnings,
  };
}
