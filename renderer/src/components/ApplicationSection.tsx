import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApplicationView } from '../../../shared/api.js';
import type { ApplicationPatch } from '../../../shared/config.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { useAction } from '../state/use-action.js';
import { ActionError } from './ActionError.js';

/**
 * The application's own preferences: start at login, notifications, and the REST API (on/off,
 * port, and whether it really listens). Self-contained: it reads its state through the API and
 * re-reads it on every config change, whichever door made it, so it can sit in any layout.
 */
export function ApplicationSection() {
  const { t } = useI18n();
  const { api } = useApp();
  const id = useId();
  const [view, setView] = useState<ApplicationView | null>(null);
  const [port, setPort] = useState('');
  // The port field follows the engine only when the port there changes: a reload after any
  // other change (every config-changed event) must not erase what the person is typing.
  const shownPort = useRef<number | null>(null);
  const show = useCallback((next: ApplicationView) => {
    setView(next);
    if (shownPort.current !== next.api.port) setPort(String(next.api.port));
    shownPort.current = next.api.port;
  }, []);

  const load = useCallback(async () => show(await api.getApplication()), [api, show]);
  const loading = useAction(load);
  const { run: reload } = loading;
  useEffect(() => {
    void reload();
    return api.subscribe((event) => {
      if (event.type === 'config-changed') void load().catch(() => undefined);
    });
  }, [api, load, reload]);

  const save = useAction(async (patch: ApplicationPatch) => {
    const next = await api.updateApplication(patch);
    show(next);
    // A saved port is shown as the engine holds it (" 8123 " → "8123").
    setPort(String(next.api.port));
  });
  const submitPort = (event: FormEvent) => {
    event.preventDefault();
    // The engine checks it and says what is wrong (text gives NaN: "api.port must be a number").
    void save.run({ api: { port: port.trim() === '' ? Number.NaN : Number(port.trim()) } });
  };

  const error = save.error ?? loading.error;
  const check = (label: string, checked: boolean, patch: (value: boolean) => ApplicationPatch, testId: string) => (
    <label className="check">
      <input
        type="checkbox"
        data-testid={testId}
        checked={checked}
        disabled={save.pending}
        onChange={(e) => void save.run(patch(e.currentTarget.checked))}
      />
      {label}
    </label>
  );

  return (
    <section id="application" aria-labelledby={`${id}-title`} className="section">
      <h2 id={`${id}-title`}>{t('application.heading')}</h2>
      {view ? (
        <>
          {check(t('application.startAtLogin'), view.desktop.start_at_login, (v) => ({ desktop: { start_at_login: v } }), 'start-at-login')}
          {check(t('application.notifyOnFailure'), view.desktop.notify_on_failure, (v) => ({ desktop: { notify_on_failure: v } }), 'notify-on-failure')}
          {check(t('application.notifyOnSuccess'), view.desktop.notify_on_success, (v) => ({ desktop: { notify_on_success: v } }), 'notify-on-success')}
          {check(t('application.apiEnabled'), view.api.enabled, (v) => ({ api: { enabled: v } }), 'api-enabled')}
          <form onSubmit={submitPort} className="inline-form">
            <label htmlFor={`${id}-port`}>{t('application.apiPort')}</label>
            <input id={`${id}-port`} inputMode="numeric" value={port} onChange={(e) => setPort(e.currentTarget.value)} />
            <button type="submit" disabled={save.pending}>
              {save.pending ? t('common.saving') : t('application.apiSave')}
            </button>
          </form>
          <p role="status" data-testid="api-state" className={view.api.problem ? 'error-text' : 'muted small'}>
            {view.api.url
              ? t('application.apiOn', { url: view.api.url })
              : view.api.problem
                ? t('application.apiProblem', { problem: view.api.problem })
                : view.api.enabled
                  ? ''
                  : t('application.apiOff')}
          </p>
        </>
      ) : null}
      <ActionError message={error} />
    </section>
  );
}
