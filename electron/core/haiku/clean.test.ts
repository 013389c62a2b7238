import { describe, expect, it } from 'vitest';
import { cleanHaikuReply, isChatter, stripThinking } from './clean.js';

const POEM = ['Lune sur le sillon', 'la platine tourne encore', 'Clapton se tait'];

describe('cleanHaikuReply', () => {
  it('keeps a bare three-line poem as it is', () => {
    expect(cleanHaikuReply(POEM.join('\n'))).toEqual(POEM);
  });

  it('strips <think> blocks, terminated or not, and a lone closing tag', () => {
    expect(cleanHaikuReply(`<think>\nLet me count syllables...\n</think>\n${POEM.join('\n')}`)).toEqual(POEM);
    expect(cleanHaikuReply(`<THINK>a\nb\nc</THINK>${POEM.join('\n')}`)).toEqual(POEM);
    expect(cleanHaikuReply(`Okay so the album\n</think>\n\n${POEM.join('\n')}`)).toEqual(POEM);
    // An unterminated block means the model was still thinking: nothing usable.
    expect(cleanHaikuReply(`<think>\n${POEM.join('\n')}`)).toBeNull();
    expect(stripThinking(`${POEM.join('\n')}\n<think>more`)).toBe(`${POEM.join('\n')}\n`);
  });

  it('strips code fences, quotes, numbering and bullets', () => {
    expect(cleanHaikuReply('```text\n' + POEM.join('\n') + '\n```')).toEqual(POEM);
    expect(cleanHaikuReply(`"${POEM[0]}\n${POEM[1]}\n${POEM[2]}"`)).toEqual(POEM);
    expect(cleanHaikuReply(POEM.map((l) => `« ${l} »`).join('\n'))).toEqual(POEM);
    expect(cleanHaikuReply(POEM.map((l, i) => `${i + 1}. ${l}`).join('\n'))).toEqual(POEM);
    expect(cleanHaikuReply(POEM.map((l, i) => `${i + 1}) ${l}`).join('\n'))).toEqual(POEM);
    expect(cleanHaikuReply(POEM.map((l) => `- ${l}`).join('\n'))).toEqual(POEM);
    expect(cleanHaikuReply(POEM.map((l) => `*${l}*`).join('\n'))).toEqual(POEM);
  });

  it('drops chatter before and after the poem and blank lines', () => {
    const reply = `Voici un haïku :\n\n${POEM.join('\n\n')}\n\nJ'espère qu'il vous plaira !`;
    expect(cleanHaikuReply(reply)).toEqual(POEM);
    const en = `Here is a haiku about the album:\n${POEM.join('\n')}\nI hope you enjoy it!`;
    expect(cleanHaikuReply(en)).toEqual(POEM);
    expect(cleanHaikuReply(`Sure! Here's one:\n${POEM.join('\n')}\n(5-7-5)`)).toEqual(POEM);
  });

  it('accepts a single line split by slashes', () => {
    expect(cleanHaikuReply(POEM.join(' / '))).toEqual(POEM);
  });

  it('rejects replies that are not three sensible lines', () => {
    expect(cleanHaikuReply('')).toBeNull();
    expect(cleanHaikuReply('Lune\nsillon')).toBeNull();
    expect(cleanHaikuReply([...POEM, 'un quatrième vers'].join('\n'))).toBeNull();
    expect(cleanHaikuReply(`${POEM[0]}\n${'très long '.repeat(12)}\n${POEM[2]}`)).toBeNull();
    expect(cleanHaikuReply(`${POEM[0]}\n12345\n${POEM[2]}`)).toBeNull();
    // Chatter in the middle is not part of a poem.
    expect(cleanHaikuReply(`${POEM[0]}\nVoici la suite :\n${POEM[2]}`)).toBeNull();
    expect(cleanHaikuReply("I'm sorry, I cannot write a haiku about this album.")).toBeNull();
  });

  it('recognises chatter lines', () => {
    for (const line of ['Voici un haïku :', "Here's a haiku for you", 'I hope you like it', 'Bien sûr !', 'Haïku :']) {
      expect(isChatter(line), line).toBe(true);
    }
    for (const line of POEM) expect(isChatter(line), line).toBe(false);
  });
});
