import { useState } from 'react';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { baseName } from '../state/format.js';
import { errorMessage } from '../state/use-action.js';

/**
 * A generated file's name that opens the file: in the desktop app with the system's default
 * app (through the engine's openFile), in the web page in the read-only viewer (`/?view=<name>`).
 */
export function FileName({ path }: { path: string }) {
  const { t, locale } = useI18n();
  const { api, fileOpening } = useApp();
  const name = baseName(path);
  const [error, setError] = useState<string | null>(null);
  if (fileOpening === 'viewer') {
    return (
      <a className="file-name" href={`/?view=${encodeURIComponent(name)}`} target="_blank" rel="noopener" title={t('files.openFile', { name })}>
        <code>{name}</code>
      </a>
    );
  }
  const open = () => {
    setError(null);
    api.openFile(name).then(
      (answer) => setError(answer.opened ? null : t('files.notOpened', { path: answer.path })),
      (caught: unknown) => setError(errorMessage(caught, locale)),
    );
  };
  return (
    <>
      <button type="button" className="file-name link" onClick={open} title={t('files.openFile', { name })}>
        <code>{name}</code>
      </button>
      {error ? (
        <span role="alert" className="error-text small">
          {error}
        </span>
      ) : null}
    </>
  );
}
