/** Loads everything once, then follows the engine's live events (no polling). */
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { AimeApi } from '../../../shared/contract.js';
import { latestOnly } from './latest-only.js';
import { ALL_REFRESHES, HISTORY_LIMIT, initialState, reduce, refreshesAfter, type AimeAction, type AimeState, type Refresh } from './reducer.js';

export interface AimeStore {
  state: AimeState;
  dispatch: (action: AimeAction) => void;
  loading: boolean;
  loadError: string | null;
  reload: () => void;
}

export function useAimeState(api: AimeApi): AimeStore {
  const [state, dispatch] = useReducer(reduce, initialState);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // Per kind, only the answer to the latest request is applied: an older one, sent before an
  // event the window has since shown, never undoes it. A failed refresh leaves the last values.
  const [ask] = useState(() => ({ status: latestOnly(), files: latestOnly(), history: latestOnly(), collection: latestOnly() }));
  const refresh = useCallback(
    (what: Refresh) => {
      if (what === 'status') void ask.status(api.status(), (status) => dispatch({ type: 'status', status }));
      if (what === 'files') void ask.files(api.listFiles(), (files) => dispatch({ type: 'files', files }));
      if (what === 'history') void ask.history(api.history(HISTORY_LIMIT), (runs) => dispatch({ type: 'history', runs }));
      if (what === 'collection') void ask.collection(api.collectionStats(), (stats) => dispatch({ type: 'collection', stats }));
    },
    [api, ask],
  );

  useEffect(() => {
    // Subscribe before loading so nothing that happens during the load is missed: the load's
    // answers may predate an event that arrives before they do, and replace what it changed,
    // so an event during the load means everything is asked again once the load is in.
    let loaded = false;
    let eventDuringLoad = false;
    const unsubscribe = api.subscribe((event) => {
      if (!loaded) eventDuringLoad = true;
      dispatch({ type: 'event', event });
      for (const what of refreshesAfter(event)) refresh(what);
    });
    let cancelled = false;
    setLoading(true);
    Promise.all([
      api.getConfig(),
      api.status(),
      api.history(HISTORY_LIMIT),
      // The file list must never keep the window from loading: the folder field is where a
      // broken folder gets fixed.
      api.listFiles().catch(() => ({ output_dir: '', files: { haiku: [], markdown: [], json: [] }, problem: 'unreadable' as const })),
      api.collectionStats(),
      api.getEuria(),
      // A window opened during an import shows its progress at once, not at its next event.
      api.currentImport(),
    ]).then(
      ([config, status, history, files, collection, euria, importing]) => {
        if (cancelled) return;
        dispatch({ type: 'loaded', state: { config, status, history, files, collection, euria, importing } });
        loaded = true;
        if (eventDuringLoad) for (const what of ALL_REFRESHES) refresh(what);
        setLoadError(null);
        setLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        setLoadError(error instanceof Error ? error.message : String(error));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [api, refresh, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, dispatch, loading, loadError, reload };
}
