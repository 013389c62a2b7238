import { useId, useState, type FormEvent } from 'react';
import { MAX_FILES_MAX, MAX_FILES_MIN } from '../../../shared/config.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { checkRetention } from '../state/retention.js';
import { useAction } from '../state/use-action.js';
import { FieldError } from './FieldError.js';
import { ActionError } from './ActionError.js';

/** How many files of each type to keep (1–50). Anything else is refused here, unsent. */
export function RetentionForm({ current }: { current: number }) {
  const { t } = useI18n();
  const { api, reloadConfig } = useApp();
  const id = useId();
  const [text, setText] = useState(String(current));
  const [invalid, setInvalid] = useState(false);
  const [applied, setApplied] = useState<number | null>(null);
  // A change made elsewhere (API, CLI) replaces the field's text, as React's docs advise:
  // adjust state while rendering rather than in an effect.
  const [shown, setShown] = useState(current);
  if (shown !== current) {
    setShown(current);
    setText(String(current));
  }
  const apply = useAction(async (value: number) => {
    const answer = await api.setMaxFilesPerType(value);
    setApplied(answer.max_files_per_type);
    await reloadConfig();
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const check = checkRetention(text);
    setApplied(null);
    if (!check.ok) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    void apply.run(check.value);
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <div className="field">
        <label htmlFor={`${id}-keep`}>{t('files.keep')}</label>
        <div className="row">
          <input
            id={`${id}-keep`}
            type="number"
            min={MAX_FILES_MIN}
            max={MAX_FILES_MAX}
            step={1}
            inputMode="numeric"
            value={text}
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${id}-keep-error` : undefined}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setInvalid(false);
              setApplied(null);
            }}
          />
          <button type="submit" disabled={apply.pending}>
            {t('files.apply')}
          </button>
        </div>
        <FieldError id={`${id}-keep-error`} message={invalid ? t('files.invalid') : undefined} />
        <ActionError message={apply.error} />
        <p role="status" className="form-note">
          {applied !== null ? t('files.applied', { n: applied }) : null}
        </p>
      </div>
    </form>
  );
}
