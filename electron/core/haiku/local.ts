/**
 * The local haiku generator: used when EurIA is not configured or cannot answer, so the
 * haiku task always writes its five haikus. Lines are built from the album's own words
 * (title, artist, year or decade) with a template chosen by a hash of the album: the
 * same album always gets the same haiku, two albums almost never share one.
 */
import type { EuriaTestResult } from '../../../shared/api.js';
import type { HaikuLanguage } from '../../../shared/config.js';
import { msg, type MessageRef } from '../../../shared/messages/index.js';
import type { Haiku, HaikuAlbum, HaikuBatch, HaikuWriter } from './types.js';

/** 32-bit FNV-1a: stable across runs and platforms, unlike anything seeded by Math.random. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function albumKey(album: HaikuAlbum): string {
  return [album.id, album.title, album.artists.join('\u0001'), album.year ?? ''].join('\u0000');
}

/** Words worth putting in a poem: letters/digits kept, short function words dropped when possible. */
function titleWords(title: string): string[] {
  const words = title
    .split(/[\s/,;:()[\]{}"“”«»!?.…–—-]+/u)
    .map((w) => w.trim())
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const long = words.filter((w) => w.length > 3);
  return long.length > 0 ? long : words;
}

interface Words {
  title: string;
  word: string;
  otherWord: string;
  artist: string;
  /** "de Miles Davis", "d'Eric Clapton", "des Rita Mitsouko". */
  ofArtist: string;
  year: string;
  /** "de 1974" / "d'un jour sans date": French elides "de" before a vowel, so templates never say "de un". */
  ofYear: string;
  /** "des années 70" / "of the '70s", with its preposition so templates stay grammatical without a year. */
  ofDecade: string;
}

function wordsOf(album: HaikuAlbum, language: HaikuLanguage, hash: number): Words {
  const fr = language === 'fr';
  const title = album.title.trim() || (fr ? 'Sans titre' : 'Untitled');
  const artists = album.artists.map((a) => a.trim()).filter(Boolean);
  const artist = artists[0] ?? (fr ? 'une voix sans nom' : 'a nameless voice');
  // A title word that is not also the artist's name, so lines do not read "Sinatra chante Sinatra".
  const all = titleWords(title);
  const named = artists.join(' ').toLowerCase();
  const distinct = all.filter((w) => !named.includes(w.toLowerCase()));
  const words = distinct.length > 0 ? distinct : all;
  const word = words[hash % Math.max(words.length, 1)] ?? title;
  const otherWord = words[(hash >>> 8) % Math.max(words.length, 1)] ?? word;
  const year = album.year !== null ? String(album.year) : fr ? 'un jour sans date' : 'some undated day';
  const decadeDigits = album.year !== null ? String(Math.floor(album.year / 10) * 10).slice(-2) : null;
  const ofDecade =
    decadeDigits !== null ? (fr ? `des années ${decadeDigits}` : `of the '${decadeDigits}s`) : fr ? "d'un temps oublié" : 'of a forgotten time';
  return { title, word, otherWord, artist, ofArtist: fr ? frenchOf(artist) : `of ${artist}`, year, ofYear: fr ? frenchOf(year) : `of ${year}`, ofDecade };
}

/**
 * French "de" before a name or phrase: elided before a vowel ("d'un jour sans date",
 * "d'Eric Clapton") and contracted with a leading article ("des Rita Mitsouko", "du Grand Orchestre").
 * An initial "h" is left alone: most band names keep it aspirated ("de Hendrix").
 */
export function frenchOf(text: string): string {
  const article = /^(les|le)\s+(.*)$/i.exec(text);
  if (article) return `${article[1]!.toLowerCase() === 'les' ? 'des' : 'du'} ${article[2]}`;
  return /^[aeiouàâäéèêëîïôöûüœ]/i.test(text) ? `d'${text}` : `de ${text}`;
}

type Template = (w: Words) => [string, string, string];

const FRENCH: Template[] = [
  (w) => [`${w.word} dans la nuit`, `${w.artist} murmure encore`, `l'écho ${w.ofYear}`],
  (w) => [`Sillon ${w.ofDecade}`, `${w.title} tourne lentement`, `${w.artist} se tait`],
  (w) => [`${w.artist}, un souffle`, `${w.word} sur la platine`, `poussière ${w.ofYear}`],
  (w) => [`Aiguille posée`, `${w.title} — ${w.year}`, `${w.otherWord} reste en moi`],
  (w) => [`Pluie sur ${w.word}`, `la voix ${w.ofArtist} passe`, `souvenir ${w.ofDecade}`],
  (w) => [`${w.year}, l'hiver`, `${w.artist} chante ${w.word}`, `la pièce s'éclaire`],
];

const ENGLISH: Template[] = [
  (w) => [`${w.word} in the dark`, `${w.artist} is still humming`, `an echo of ${w.year}`],
  (w) => [`Groove ${w.ofDecade}`, `${w.title} slowly turning`, `${w.artist} falls still`],
  (w) => [`${w.artist}, a breath`, `${w.word} on the turntable`, `dust from ${w.year}`],
  (w) => [`Needle settles down`, `${w.title} — ${w.year}`, `${w.otherWord} stays with me`],
  (w) => [`Rain over ${w.word}`, `the voice of ${w.artist} drifts by`, `a memory ${w.ofDecade}`],
  (w) => [`${w.year}, winter`, `${w.artist} sings of ${w.word}`, `the room fills with light`],
];

/** Three lines for this album, in this language; always the same for the same album. */
export function localHaiku(album: HaikuAlbum, language: HaikuLanguage): [string, string, string] {
  const hash = hashText(albumKey(album));
  const templates = language === 'fr' ? FRENCH : ENGLISH;
  const template = templates[hash % templates.length] ?? FRENCH[0]!;
  const lines = template(wordsOf(album, language, hash >>> 3));
  return lines.map((line) => line.replace(/\s+/g, ' ').trim()) as [string, string, string];
}

/** Fallback reasons are messages of the catalogue: the file says them in the haiku language. */
export const NOT_CONFIGURED_REASON = msg('fallback.not_configured');

export const NOT_CONFIGURED_MESSAGE = 'EurIA is not configured (no URL)';

/** Local haikus for every album, each marked with `reason` (shown in the file). */
export function localBatch(albums: HaikuAlbum[], language: HaikuLanguage, reason: MessageRef): Haiku[] {
  return albums.map((album) => ({ lines: localHaiku(album, language), fallbackReason: reason }));
}

/** The writer used when EurIA is not configured at all: every haiku is local, one warning says so. */
export function createLocalHaikuWriter(): HaikuWriter {
  return {
    write(albums: HaikuAlbum[], language: HaikuLanguage): Promise<HaikuBatch> {
      const reason = NOT_CONFIGURED_REASON;
      const warnings =
        albums.length > 0 ? [msg('warning.haiku_fallback', { n: albums.length, total: albums.length, reason })] : [];
      return Promise.resolve({ haikus: localBatch(albums, language, reason), warnings });
    },
    test(): Promise<EuriaTestResult> {
      return Promise.resolve({ ok: false, latency_ms: 0, model: '', message: NOT_CONFIGURED_MESSAGE, text: NOT_CONFIGURED_REASON });
    },
  };
}
