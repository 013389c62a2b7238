import { useId, useState, type FormEvent } from 'react';
import type { EuriaPatch } from '../../../shared/schemas.js';
import type { EuriaTestResult, EuriaView } from '../../../shared/api.js';
import { HAIKU_LANGUAGES, type HaikuLanguage } from '../../../shared/config.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { euriaPatch, type EuriaDraft } from '../state/euria-form.js';
import { useAction } from '../state/use-action.js';

const ENV_NAMES = { url: 'AIME_EURIA_URL', model: 'AIME_EURIA_MODEL', api_key: 'AIME_EURIA_API_KEY' } as const;

/** The haiku writer's settings. The key is write-only: the window only knows if one is set. */
export function EuriaSection({ euria }: { euria: EuriaView }) {
  const { t, say } = useI18n();
  const { api, dispatch } = useApp();
  const id = useId();
  const [draft, setDraft] = useState<EuriaDraft>({ url: euria.url, model: euria.model, apiKey: '', language: euria.language });
  const [saved, setSaved] = useState(false);
  const [test, setTest] = useState<EuriaTestResult | null>(null);
  const fromEnv = (field: keyof typeof ENV_NAMES) => euria.from_env.includes(field);

  const save = useAction(async (patch: EuriaPatch) => {
    const view = await api.updateEuria(patch);
    dispatch({ type: 'euria', euria: view });
    setDraft((d) => ({ ...d, url: view.url, model: view.model, apiKey: '', language: view.language }));
    setSaved(true);
  });
  const testing = useAction(async () => {
    setTest(null);
    setTest(await api.testEuria());
  });

  const change = (patch: Partial<EuriaDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setSaved(false);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run(euriaPatch(draft, euria));
  };
  const envNote = (field: keyof typeof ENV_NAMES) =>
    fromEnv(field) ? (
      <p className="muted small" id={`${id}-${field}-env`}>
        {t('euria.fromEnv', { name: ENV_NAMES[field] })}
      </p>
    ) : null;

  return (
    <section id="euria" aria-labelledby="euria-title" className="section">
      <h2 id="euria-title">{t('euria.heading')}</h2>
      <form className="card euria-form" onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor={`${id}-url`}>{t('euria.url')}</label>
          <input
            id={`${id}-url`}
            type="url"
            className="path"
            spellCheck={false}
            placeholder="https://…/chat/completions"
            value={draft.url}
            disabled={fromEnv('url')}
            onChange={(e) => change({ url: e.currentTarget.value })}
          />
          {envNote('url')}
        </div>
        <div className="row wrap">
          <div className="field grow">
            <label htmlFor={`${id}-model`}>{t('euria.model')}</label>
            <input
              id={`${id}-model`}
              type="text"
              value={draft.model}
              disabled={fromEnv('model')}
              onChange={(e) => change({ model: e.currentTarget.value })}
            />
            {envNote('model')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-language`}>{t('euria.language')}</label>
            <select id={`${id}-language`} value={draft.language} onChange={(e) => change({ language: e.currentTarget.value as HaikuLanguage })}>
              {HAIKU_LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t(`euria.language.${language}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <div className="field">
          <label htmlFor={`${id}-key`}>{t('euria.key')}</label>
          <div className="row">
            <input
              id={`${id}-key`}
              type="password"
              autoComplete="off"
              value={draft.apiKey}
              disabled={fromEnv('api_key')}
              aria-describedby={`${id}-key-state`}
              onChange={(e) => change({ apiKey: e.currentTarget.value })}
            />
            {euria.key_configured && !fromEnv('api_key') ? (
              <button type="button" disabled={save.pending} onClick={() => void save.run({ api_key: '' })}>
                {t('euria.removeKey')}
              </button>
            ) : null}
          </div>
          <p className="muted small" id={`${id}-key-state`}>
            {euria.key_configured ? t('euria.keySet') : t('euria.keyUnset')}
          </p>
          {envNote('api_key')}
        </div>
        <div className="row">
          <button type="submit" className="primary" disabled={save.pending}>
            {save.pending ? t('common.saving') : t('euria.save')}
          </button>
          <button type="button" disabled={testing.pending} onClick={() => void testing.run()}>
            {testing.pending ? t('euria.testing') : t('euria.test')}
          </button>
        </div>
        <div role="status" className="form-note">
          {saved ? <p>{t('euria.saved')}</p> : null}
          {test ? (
            <p className={test.ok ? 'ok-text' : 'error-text'} title={test.ok ? undefined : test.message}>
              {test.ok
                ? t('euria.ok', { model: test.model, ms: test.latency_ms, message: test.message })
                : t('euria.fail', { message: test.text ? say(test.text) : test.message })}
            </p>
          ) : null}
        </div>
        {save.error || testing.error ? (
          <p role="alert" className="error-text">
            {t('common.error', { message: save.error ?? testing.error ?? '' })}
          </p>
        ) : null}
      </form>
    </section>
  );
}
