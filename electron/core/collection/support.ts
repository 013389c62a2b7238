/**
 * Discogs "Format" strings → the collection's support (the French labels the seed uses:
 * Vinyle, CD, Cassette, Digital). Discogs writes one medium per part, parts joined by " + ",
 * each part being "<quantity>x<medium>, <descriptions…>": `2xLP, Album, RE`,
 * `Box, Comp + 8xCass`, `2xLP, Album, RP + CD, Album, RP + RE, Gat`. The first part whose
 * medium we recognise wins (a vinyl with a bonus CD is a vinyl); containers such as `Box`
 * and `All Media` are looked through.
 */

const MEDIA: ReadonlyArray<[RegExp, string]> = [
  // Discogs names vinyl by size or type, never "Vinyl", in collection exports; accept both.
  [/^(vinyl|lp|\d+(\.\d+)?"|flexi-disc|lathe cut|acetate)$/i, 'Vinyle'],
  [/^(cd|cdr|cdv|sacd|hdcd|shm-cd|blu-spec cd|minimax cd|mini cd)$/i, 'CD'],
  [/^(cass|cassette|microcassette|dat|dcc)$/i, 'Cassette'],
  [/^(file|mp3|flac|wav|aac|alac|aiff|ogg vorbis|digital)$/i, 'Digital'],
  [/^(dvd|dvdr|hd dvd)$/i, 'DVD'],
  [/^(blu-ray|blu-ray-r)$/i, 'Blu-ray'],
  [/^minidisc$/i, 'MiniDisc'],
  [/^shellac$/i, 'Shellac'],
  [/^reel-to-reel$/i, 'Bande'],
  [/^8-track cartridge$/i, '8-Track'],
];

/** Parts that hold other media rather than being one. */
const CONTAINERS = /^(box( set)?|all media)$/i;

export function supportFromDiscogsFormat(format: string): string | null {
  const parts = format
    .split(' + ')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  let fallback: string | null = null;
  for (const part of parts) {
    const medium = (part.split(',')[0] ?? '').trim().replace(/^\d+\s*x\s*/i, '');
    if (medium === '' || CONTAINERS.test(medium)) continue;
    const known = MEDIA.find(([pattern]) => pattern.test(medium));
    if (known) return known[1];
    // A medium we do not know (e.g. "Memory Stick"): keep Discogs' own word rather than guess,
    // unless a later part names a medium we know.
    fallback ??= medium;
  }
  return fallback;
}
