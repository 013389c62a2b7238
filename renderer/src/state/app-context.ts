/** What every section needs: the API, and a way to re-read what a change may have moved. */
import { createContext, useContext } from 'react';
import type { AimeApi } from '../../../shared/contract.js';
import type { AimeAction } from './reducer.js';

export interface AppContextValue {
  api: AimeApi;
  dispatch: (action: AimeAction) => void;
  /** Re-reads config and status (next run times) after a change made from this window. */
  reloadConfig: () => Promise<void>;
  /** How a file name opens its file: the system's app (desktop) or the page's viewer (web). */
  fileOpening: FileOpening;
}

export type FileOpening = 'shell' | 'viewer';

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <App>');
  return value;
}
