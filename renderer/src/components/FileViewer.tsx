import { useEffect, useState } from 'react';
import type { FileContent } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { errorMessage } from '../state/use-action.js';

/** The web page's read-only view of one generated file (`/?view=<name>`): its text, as written. */
export function FileViewer({ name }: { name: string }) {
  const { t, locale } = useI18n();
  const { api } = useApp();
  const [file, setFile] = useState<FileContent | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.readFile(name).then(setFile, (caught: unknown) => setError(errorMessage(caught, locale)));
  }, [api, name, locale]);
  useEffect(() => {
    document.title = `${name} — AIME Scheduler`;
  }, [name]);
  return (
    <main className="viewer">
      <h1>
        <code>{name}</code>
      </h1>
      <p>
        <a href="/#files">{t('viewer.back')}</a>
      </p>
      {error ? (
        <p role="alert" className="error-text">
          {t('viewer.missing', { name })}
        </p>
      ) : file ? (
        <pre className="card file-text" tabIndex={0} aria-label={name}>
          {file.text}
        </pre>
      ) : (
        <p role="status" className="muted">
          {t('app.loading')}
        </p>
      )}
    </main>
  );
}
