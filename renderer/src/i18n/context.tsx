/** The window's language, chosen once from the browser/OS preferences. */
import { createContext, useContext } from 'react';
import { sayer, translator, type Locale, type Say, type Translate } from './messages.js';

export interface I18n {
  locale: Locale;
  /** The window's own words. */
  t: Translate;
  /** What the engine said (a run's outcome, an error, an import note), in the window's language. */
  say: Say;
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en'), say: sayer('en') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
