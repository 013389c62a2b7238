/** One button's async action: pending while it runs, the error message if it fails. */
import { useCallback, useRef, useState } from 'react';

export interface Action<A extends unknown[]> {
  pending: boolean;
  error: string | null;
  run: (...args: A) => Promise<void>;
  clearError: () => void;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<unknown>): Action<A> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
        setError(errorMessage(caught));
      } finally {
        inFlight.current = false;
        setPending(false);
      }
    },
    [fn],
  );
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}
