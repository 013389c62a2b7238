/**
 * The one message formatter every door uses (the window, the CLI, the haiku file): fills
 * `{name}` placeholders and picks `{n, plural, one {…} other {…}}` forms by the language's rules.
 */
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** The BCP 47 tag each language formats numbers and dates with. */
export const LOCALE_TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * `{name, plural, one {# album} other {# albums}}`: the form for the number `name` by the
 * language's plural rules (French puts 0 and 1 in "one": "0 ajouté", "1 ignoré"), `=N` forms
 * first; `#` is the number as the locale writes it. A form may hold `{placeholders}`.
 */
const PLURAL = /\{([\w-]+), plural,((?:\s*=?\w+\s*\{(?:[^{}]|\{[\w-]+\})*\})+)\s*\}/g;
const PLURAL_FORM = /(=?\w+)\s*\{((?:[^{}]|\{[\w-]+\})*)\}/g;

export type PlainParams = Record<string, string | number>;

/**
 * Fills a template. An unknown placeholder stays visible. Numbers are written the locale's way
 * ("999 999", "1,5"); pass a string for a number that must stay as typed (a port, a year).
 */
export function formatTemplate(template: string, locale: Locale, params?: PlainParams): string {
  const show = (value: string | number) => (typeof value === 'number' ? formatNumber(value, locale) : value);
  return template
    .replace(PLURAL, (whole, name: string, body: string) => {
      const value = params?.[name];
      if (typeof value !== 'number') return whole;
      const forms = new Map([...body.matchAll(PLURAL_FORM)].map((m) => [m[1] as string, m[2] as string]));
      const form = forms.get(`=${value}`) ?? forms.get(pluralsOf(locale).select(value)) ?? forms.get('other') ?? whole;
      return form.replace(/#/g, show(value));
    })
    .replace(/\{([\w-]+)\}/g, (whole, name: string) => (params && name in params ? show(params[name] as string | number) : whole));
}

/**
 * Built once per language, on first use: a window renders hundreds of strings. The number
 * format is made only when a number is shown, because the first one costs about 9 ms (ICU
 * loads its number data), and most lines a command prints have none (issue 14: start-up).
 */
function perLocale<T>(make: (tag: string) => T): (locale: Locale) => T {
  const made = new Map<Locale, T>();
  return (locale) => {
    let value = made.get(locale);
    if (value === undefined) made.set(locale, (value = make(LOCALE_TAGS[locale])));
    return value;
  };
}
const numbersOf = perLocale((tag) => new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }));
const pluralsOf = perLocale((tag) => new Intl.PluralRules(tag));

/**
 * A number as the locale writes it. 0–999 are written alike by both languages, as their
 * digits: for them (most counts a command prints) ICU's number data is not loaded.
 */
export function formatNumber(value: number, locale: Locale): string {
  return Number.isInteger(value) && value >= 0 && value < 1000 ? String(value) : numbersOf(locale).format(value);
}

/** French when the first preferred language is French, English otherwise. */
export function pickLocale(languages: readonly string[] | undefined): Locale {
  const first = languages?.find((language) => language.trim() !== '') ?? 'en';
  return first.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/**
 * The command line's language, the POSIX way: the first of LC_ALL, LC_MESSAGES, LANG that is
 * set decides ("fr_FR.UTF-8" → French); anything else, or nothing, is English.
 */
export function localeFromEnv(env: Record<string, string | undefined>): Locale {
  const chosen = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '');
  return pickLocale(chosen ? [chosen] : undefined);
}
