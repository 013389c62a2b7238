/**
 * Desktop notifications for finished runs: failures (on by default) and completions (opt-in),
 * as chosen in the settings' `desktop` section. Clicking opens the written file, or the window
 * when there is no file (a failure's details are in the window's history).
 */
import path from 'node:path';
import type { AimeEvent, RunRecord } from '../../shared/api.js';
import { renderMessage } from '../../shared/messages/index.js';
import { runLabel } from '../../shared/tasks.js';
import type { Logger } from '../core/types.js';
import type { Lang } from './tray.js';

export interface NotificationPort {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotificationDeps {
  Notification: (new (options: { title: string; body: string; silent?: boolean }) => NotificationPort) & {
    isSupported(): boolean;
  };
  openPath: (file: string) => Promise<string>;
  showWindow: () => void;
  /** Read at each run, so a settings change applies to the next notification. */
  preferences: () => { notify_on_success: boolean; notify_on_failure: boolean };
  lang: Lang;
  log: Logger;
}

const TEXT = {
  fr: { failed: 'échec', done: 'terminé', unknown: 'erreur inconnue' },
  en: { failed: 'failed', done: 'done', unknown: 'unknown error' },
} as const;

/** Title and body for a finished run, or null when the user does not want this one. */
export function runNotification(
  run: RunRecord,
  preferences: { notify_on_success: boolean; notify_on_failure: boolean },
  lang: Lang,
): { title: string; body: string } | null {
  const t = TEXT[lang];
  const label = runLabel(run.task)[lang];
  if (run.status === 'failed' && preferences.notify_on_failure) {
    // Why, in the desktop's language (the exact English detail stays in the log and the history's `error`).
    const body = run.text ? renderMessage(run.text, lang) : (run.error ?? t.unknown);
    return { title: `AIME Scheduler — ${label}: ${t.failed}`, body };
  }
  if (run.status === 'completed' && preferences.notify_on_success) {
    return { title: `AIME Scheduler — ${label}: ${t.done}`, body: run.file ? path.basename(run.file) : '' };
  }
  return null;
}

/** Returns the event listener to subscribe to the core. */
export function createRunNotifier(deps: NotificationDeps): (event: AimeEvent) => void {
  // Electron drops click handlers of garbage-collected notifications: keep them until closed.
  const live = new Set<NotificationPort>();
  return (event) => {
    if (event.type !== 'run-finished') return;
    if (!deps.Notification.isSupported()) return;
    const content = runNotification(event.run, deps.preferences(), deps.lang);
    if (!content) return;
    const notification = new deps.Notification({ ...content, silent: event.run.status !== 'failed' });
    const file = event.run.status === 'completed' ? event.run.file : null;
    live.add(notification);
    notification.on('click', () => {
      live.delete(notification);
      if (file) {
        deps.openPath(file).then(
          (problem) => problem && deps.log.warn(`Could not open ${file}: ${problem}`),
          (error: unknown) => deps.log.warn(`Could not open ${file}: ${String(error)}`),
        );
      } else {
        deps.showWindow();
      }
    });
    notification.on('close', () => live.delete(notification));
    notification.show();
  };
}
