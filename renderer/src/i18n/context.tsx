/** The window's language, chosen once from the browser/OS preferences. */
import { createContext, useContext } from 'react';
import { translator, type Locale, type Translate } from './messages.js';

export interface I18n {
  locale: Locale;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: translator('en') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
