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
  const { numbers, plurals } = formatsOf(locale);
  const show = (value: string | number) => (typeof value === 'number' ? numbers.format(value) : value);
  return template
    .replace(PLURAL, (whole, name: string, body: string) => {
      const value = params?.[name];
      if (typeof value !== 'number') return whole;
      const forms = new Map([...body.matchAll(PLURAL_FORM)].map((m) => [m[1] as string, m[2] as string]));
      const form = forms.get(`=${value}`) ?? forms.get(plurals.select(value)) ?? forms.get('other') ?? whole;
      return form.replace(/#/g, show(value));
    })
    .replace(/\{([\w-]+)\}/g, (whole, name: string) => (params && name in params ? show(params[name] as string | number) : whole));
}

/** Built once per language: a window renders hundreds of strings. */
const FORMATS = new Map<Locale, { numbers: Intl.NumberFormat; plurals: Intl.PluralRules }>();
function formatsOf(locale: Locale): { numbers: Intl.NumberFormat; plurals: Intl.PluralRules } {
  let formats = FORMATS.get(locale);
  if (!formats) {
    formats = {
      numbers: new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 2 }),
      plurals: new Intl.PluralRules(LOCALE_TAGS[locale]),
    };
    FORMATS.set(locale, formats);
  }
  return formats;
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
