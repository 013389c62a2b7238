import { useI18n } from '../i18n/context.js';

interface Props {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The id of the message saying what is wrong with it, when something is. */
  errorId?: string;
}

/** A file's full path on this computer, typed: the import form's and a linked file's. */
export function PathField({ id, label, value, onChange, errorId }: Props) {
  const { t } = useI18n();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        className="path"
        spellCheck={false}
        placeholder={t('import.pathHint')}
        value={value}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
        onChange={(e) => onChange(e.currentTarget.value)}
      />
    </>
  );
}
