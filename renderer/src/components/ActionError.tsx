import { useI18n } from '../i18n/context.js';

/** What went wrong with an action (a save, a switch, a run), announced when it appears. */
export function ActionError({ message }: { message: string | null | undefined }) {
  const { t } = useI18n();
  if (!message) return null;
  return (
    <p role="alert" className="error-text">
      {t('common.error', { message })}
    </p>
  );
}
