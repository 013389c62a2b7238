import { useId, useState, type DragEvent } from 'react';
import type { ImportSummary } from '../../../shared/api.js';
import { AimeError, type AimeApi } from '../../../shared/contract.js';
import { msg } from '../../../shared/messages/index.js';
import { UPLOAD_MAX_BYTES, type SourceUpload } from '../../../shared/sources.js';
import { useI18n } from '../i18n/context.js';

/** The desktop app (IPC bridge) has the OS's file dialog; a web page has the browser's picker. */
export const hasNativeDialog = (): boolean => (globalThis as { aime?: unknown }).aime !== undefined;

interface Props {
  /** What dropping or choosing a file here does, e.g. "…it is imported once". */
  hint: string;
  /** While something runs (an import, a link): nothing more can be handed over. */
  busy: boolean;
  /** While a file handed over here is being sent: said in place of the hint. */
  sending?: boolean;
  /** A file dropped here, or picked in the browser's picker. */
  onFile: (file: File) => void;
  /** The desktop's native dialog (the engine reads the chosen file by its path). */
  onChoose: () => void;
}

/**
 * One place to hand the app a collection file without typing its path: drop it here, or choose
 * it (the OS's dialog in the desktop app, the browser's file picker in the web page). Used by
 * the one-shot import and by linked sources.
 */
export function FileDrop({ hint, busy, sending = false, onFile, onChoose }: Props) {
  const { t } = useI18n();
  const id = useId();
  const [dragging, setDragging] = useState(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped && !busy) onFile(dropped);
  };
  return (
    <div
      className={`drop-zone${dragging ? ' dragging' : ''}`}
      data-testid="drop-zone"
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={drop}
    >
      <p id={`${id}-hint`}>{sending ? t('drop.sending') : hint}</p>
      {hasNativeDialog() ? (
        <button type="button" disabled={busy} onClick={onChoose} aria-describedby={`${id}-hint`}>
          {t('drop.choose')}
        </button>
      ) : (
        <label className="button file-pick">
          <input
            type="file"
            className="visually-hidden"
            accept=".db,.sqlite,.sqlite3,.csv,.json"
            disabled={busy}
            aria-describedby={`${id}-hint`}
            onChange={(event) => {
              const picked = event.currentTarget.files?.[0];
              // Cleared, so the same file can be chosen again.
              event.currentTarget.value = '';
              if (picked) onFile(picked);
            }}
          />
          {t('drop.choose')}
        </label>
      )}
    </div>
  );
}

/**
 * Imports a file handed over here once: sent through the API (dropped or picked in a page), or
 * chosen in the desktop's own dialog. Null when the dialog was cancelled.
 */
export async function importHandedFile(api: AimeApi, handed: File | 'choose'): Promise<ImportSummary | null> {
  if (handed === 'choose') return (await api.chooseImportFile()).summary;
  return api.importUpload(await uploadOf(handed), 'manual');
}

/** A dropped or picked file as the API takes it; refused here (as the engine would) when over the limit. */
export async function uploadOf(file: File): Promise<SourceUpload> {
  if (file.size > UPLOAD_MAX_BYTES) {
    const text = msg('error.file_too_large', { name: file.name, kib: UPLOAD_MAX_BYTES / 1024 });
    throw AimeError.said('invalid_input', text);
  }
  return { name: file.name, data_base64: toBase64(await file.arrayBuffer()) };
}

/** A file's bytes as base64, in chunks (a spread of a large array overflows the stack). */
function toBase64(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
