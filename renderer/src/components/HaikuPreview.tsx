import { useEffect, useState } from 'react';
import type { HaikuPreview as Preview } from '../../../shared/api.js';
import { useI18n } from '../i18n/context.js';
import { useApp } from '../state/app-context.js';
import { formatDateTime } from '../state/format.js';
import { FileName } from './FileName.js';

/**
 * The newest haiku file, as a person reads it: its albums and their haikus, a local haiku
 * marked as such with its reason. Re-read whenever a newer haiku file appears.
 */
export function HaikuPreview({ newest }: { newest: string | null }) {
  const { t, locale, say } = useI18n();
  const { api } = useApp();
  const [preview, setPreview] = useState<Preview>(null);
  useEffect(() => {
    let live = true;
    if (newest === null) setPreview(null);
    else api.latestHaiku().then((answer) => live && setPreview(answer), () => undefined);
    return () => {
      live = false;
    };
  }, [api, newest]);
  if (!preview) return null;
  return (
    <section className="haiku-preview" aria-labelledby="haiku-preview-title">
      <h4 id="haiku-preview-title">{t('haiku.latest')}</h4>
      <p className="muted small">
        <FileName path={preview.name} /> · <time dateTime={preview.generated_at}>{formatDateTime(preview.generated_at, locale)}</time>
      </p>
      <ol className="haikus">
        {preview.haikus.map((haiku, index) => (
          <li key={index}>
            <p className="haiku-album">{haiku.album}</p>
            <p className="haiku-lines">
              {haiku.lines.map((line, n) => (
                <span key={n}>
                  {line}
                  <br />
                </span>
              ))}
            </p>
            {haiku.fallback !== null ? (
              <p className="fallback small">{t('haiku.fallback', { reason: haiku.fallback_text ? say(haiku.fallback_text) : haiku.fallback })}</p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
