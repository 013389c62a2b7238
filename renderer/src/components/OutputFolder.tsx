import { useId, useState, type FormEvent } from 'react';
import type { OutputFolderProblem } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { useAction } from '../state/use-action.js';
import { ActionError } from './ActionError.js';

/** Where the files go: the path, a way to change it, and a way to open it. */
export function OutputFolder({ path, problem }: { path: string; problem: OutputFolderProblem | undefined }) {
  const { t } = useI18n();
  const { api, reloadConfig } = useApp();
  const id = useId();
  const [text, setText] = useState(path);
  const [shown, setShown] = useState(path);
  const [message, setMessage] = useState<string | null>(null);
  if (shown !== path) {
    setShown(path);
    setText(path);
  }
  const change = useAction(async (next: string) => {
    await api.setOutputDir(next);
    setMessage(t('files.folderSaved'));
    await reloadConfig();
  });
  const open = useAction(async () => {
    const answer = await api.openOutputFolder();
    setMessage(answer.opened ? t('files.opened', { path: answer.path }) : t('files.notOpened', { path: answer.path }));
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    void change.run(text.trim());
  };
  const error = change.error ?? open.error;
  // The folder's own problem is shown on its field, with the fix, until the path changes.
  const folderProblem = problem && text.trim() === path ? t(`files.problem.${problem}`, { path }) : null;
  const describedBy = [folderProblem ? `${id}-problem` : null].filter(Boolean).join(' ') || undefined;
  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field grow">
        <label htmlFor={`${id}-folder`}>{t('files.folder')}</label>
        <div className="row">
          <input
            id={`${id}-folder`}
            type="text"
            className="path"
            spellCheck={false}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setMessage(null);
              change.clearError();
            }}
            aria-invalid={change.error || folderProblem ? true : undefined}
            aria-describedby={describedBy}
          />
          <button type="submit" disabled={change.pending || text.trim() === '' || text.trim() === path}>
            {t('files.changeFolder')}
          </button>
          <button type="button" onClick={() => void open.run()} disabled={open.pending}>
            {t('files.openFolder')}
          </button>
        </div>
        {folderProblem ? (
          <p id={`${id}-problem`} role="alert" className="error-text">
            {folderProblem}
          </p>
        ) : null}
        <ActionError message={error} />
        <p role="status" className="form-note">
          {message}
        </p>
      </div>
    </form>
  );
}
