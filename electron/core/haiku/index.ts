/** The haiku module's public face: the EurIA writer with its local fallback. */
export { createHaikuWriter, isEuriaConfigured, type HaikuDeps } from './writer.js';
export { createLocalHaikuWriter, localHaiku } from './local.js';
export type { Haiku, HaikuAlbum, HaikuBatch, HaikuWriter } from './types.js';
