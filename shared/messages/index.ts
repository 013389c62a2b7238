/**
 * Messages to people as codes plus parameters (DESIGN.md §6): the engine says `msg(code, params)`,
 * and each door renders the message in its reader's language — the window in its own, the CLI
 * in its locale's (LANG), the haiku file in the haiku language. The English rendering is what
 * the log and the API's plain-text fields carry. No zod here: the CLI renders messages without
 * loading it (the wire schema is in ./schema.ts).
 */
import { en } from './en.js';
import { formatTemplate, type Locale, type PlainParams } from './format.js';
import { fr } from './fr.js';

export { formatTemplate, localeFromEnv, LOCALES, LOCALE_TAGS, pickLocale, type Locale } from './format.js';

export type MessageCode = keyof typeof en;

const CATALOGUE: Record<Locale, Record<MessageCode, string>> = { en, fr };

/** Every code the engine can emit, from the catalogue itself (so a walk over them misses none). */
export const MESSAGE_CODES = Object.keys(en) as MessageCode[];

/** A parameter: text or a number as is, or another message (a reason, a task name) rendered in the same language. */
export type MessageParam = string | number | null | MessageRef | MessageRef[];

export interface MessageRef {
  key: MessageCode;
  params?: Record<string, MessageParam>;
}

export function isMessageCode(value: unknown): value is MessageCode {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

export function msg(key: MessageCode, params?: Record<string, MessageParam>): MessageRef {
  return params ? { key, params } : { key };
}

/** The message in `locale`; nested messages are rendered in the same language (lists joined by ", "). */
export function renderMessage(ref: MessageRef, locale: Locale): string {
  const plain: PlainParams = {};
  for (const [name, value] of Object.entries(ref.params ?? {})) {
    if (value === null) plain[name] = '';
    else if (Array.isArray(value)) plain[name] = value.map((item) => renderMessage(item, locale)).join(', ');
    else if (typeof value === 'object') plain[name] = renderMessage(value, locale);
    else plain[name] = value;
  }
  const template = CATALOGUE[locale][ref.key] ?? ref.key;
  return formatTemplate(template, locale, plain);
}

/** The template of a code in one language (the catalogue walk checks every one). */
export function messageTemplate(key: MessageCode, locale: Locale): string {
  return CATALOGUE[locale][key];
}

export const english = (ref: MessageRef): string => renderMessage(ref, 'en');

/**
 * A message rendered earlier (in any language) read back to its code and parameters, among the
 * codes starting with `prefix`: how a haiku file's fallback reason, written in the haiku
 * language, is shown in the window's. Plain placeholders only (no plural forms); numbers come
 * back as numbers. Null when no template matches.
 */
export function parseMessage(text: string, prefix: string): MessageRef | null {
  for (const key of MESSAGE_CODES) {
    if (!key.startsWith(prefix)) continue;
    for (const locale of Object.keys(CATALOGUE) as Locale[]) {
      const parts = CATALOGUE[locale][key].split(/\{([\w-]+)\}/);
      const names = parts.filter((_, i) => i % 2 === 1);
      const pattern = parts.map((part, i) => (i % 2 === 1 ? '(.+?)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
      const match = new RegExp(`^${pattern}$`).exec(text);
      if (!match) continue;
      const params = Object.fromEntries(names.map((name, i) => [name, asNumber(match[i + 1] as string)]));
      return names.length > 0 ? msg(key, params) : msg(key);
    }
  }
  return null;
}

/** "0,2", "1 200" or "60" as the number the locale wrote; other text as it is. */
function asNumber(text: string): string | number {
  const plain = text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.');
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : text;
}

const BY_ERRNO: Record<string, MessageCode> = {
  EACCES: 'error.no_access',
  EPERM: 'error.no_access',
  ENOSPC: 'error.disk_full',
  EDQUOT: 'error.disk_full',
  EROFS: 'error.read_only',
  ENOTDIR: 'error.not_a_folder',
  EISDIR: 'error.not_a_folder',
};

/** Plain words for a file-system error a person can act on (no permission, disk full…), else null. */
export function errnoText(error: unknown): MessageRef | null {
  const { code, path } = (error ?? {}) as { code?: unknown; path?: unknown };
  const key = typeof code === 'string' ? BY_ERRNO[code] : undefined;
  return key ? msg(key, { path: typeof path === 'string' ? path : '' }) : null;
}

/**
 * An album as people read it: "Title — Artist, Artist (year)", without the artist or the
 * year when unknown. Never an internal key.
 */
export function albumName(album: { title: string; artists?: readonly string[]; year?: number | null }): string {
  const artists = album.artists && album.artists.length > 0 ? ` — ${album.artists.join(', ')}` : '';
  const year = album.year ? ` (${album.year})` : '';
  return `${album.title}${artists}${year}`;
}
