/** What we ask EurIA: one haiku about one album, three bare lines, in the chosen language. */
import type { HaikuLanguage } from '../../../shared/config.js';
import type { HaikuAlbum } from './types.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export function albumDescription(album: HaikuAlbum, language: HaikuLanguage): string {
  const fr = language === 'fr';
  const artists = album.artists.map((a) => a.trim()).filter(Boolean);
  const by = artists.length > 0 ? artists.join(', ') : fr ? 'un artiste inconnu' : 'an unknown artist';
  const year = album.year !== null ? (fr ? `, sorti en ${album.year}` : `, released in ${album.year}`) : '';
  return fr ? `l'album « ${album.title} » de ${by}${year}` : `the album “${album.title}” by ${by}${year}`;
}

export function haikuMessages(album: HaikuAlbum, language: HaikuLanguage): ChatMessage[] {
  if (language === 'fr') {
    return [
      { role: 'system', content: 'Tu es un poète qui écrit des haïkus en français.' },
      {
        role: 'user',
        content:
          `Écris un haïku en français sur ${albumDescription(album, 'fr')}. ` +
          'Exactement trois vers de 5, 7 et 5 syllabes, un par ligne. ' +
          'Réponds uniquement avec les trois vers : pas de titre, pas de numérotation, pas de commentaire.',
      },
    ];
  }
  return [
    { role: 'system', content: 'You are a poet who writes haikus in English.' },
    {
      role: 'user',
      content:
        `Write a haiku in English about ${albumDescription(album, 'en')}. ` +
        'Exactly three lines of 5, 7 and 5 syllables, one per line. ' +
        'Reply with the three lines only: no title, no numbering, no commentary.',
    },
  ];
}

/** The second ask, after a reply that was not three clean lines: show it and insist. */
export function retryMessages(first: ChatMessage[], reply: string, language: HaikuLanguage): ChatMessage[] {
  const insist =
    language === 'fr'
      ? 'Ta réponse ne contenait pas exactement trois vers. Réponds seulement avec les trois vers du haïku, rien d’autre.'
      : 'Your reply was not exactly three lines. Reply with the three lines of the haiku only, nothing else.';
  return [...first, { role: 'assistant', content: reply.slice(0, 2000) }, { role: 'user', content: insist }];
}

/** `aime euria test`: the smallest request that proves URL, key and model work. */
export const TEST_MESSAGES: ChatMessage[] = [{ role: 'user', content: 'Reply with the single word: OK' }];
