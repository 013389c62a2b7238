/** One button's async action: pending while it runs, the error message (in the window's language) if it fails. */
import { useCallback, useRef, useState } from 'react';
import { errorForPeople } from '../../../shared/contract.js';
import type { Locale } from '../../../shared/messages/index.js';
import { useI18n } from '../i18n/context.js';

export interface Action<A extends unknown[]> {
  pending: boolean;
  error: string | null;
  run: (...args: A) => Promise<void>;
  clearError: () => void;
}

/** An error as the person reads it: the engine's message of the catalogue in the window's language (shared/contract.ts). */
export function errorMessage(error: unknown, locale: Locale): string {
  return errorForPeople(error, locale);
}

export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): Action<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { locale } = useI18n();
  // Guards against a double click starting the same request twice before React re-renders.
  const inFlight = useRef(false);
  const run = useCallback(
    async (...args: A) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setPending(true);
      setError(null);
      try {
        await fn(...args);
      } catch (caught) {
        setError(errorMessage(caught, locale));
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [fn, locale],
  );
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
