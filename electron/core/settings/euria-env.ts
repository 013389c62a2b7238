/**
 * EurIA settings as used: `AIME_EURIA_URL`, `AIME_EURIA_API_KEY`, `AIME_EURIA_MODEL` win over the
 * stored ones, and a stored key is only ever sent to the origin it was entered for.
 */
import { originOf, type EuriaSettings } from '../../../shared/config.js';

export const EURIA_ENV = { url: 'AIME_EURIA_URL', api_key: 'AIME_EURIA_API_KEY', model: 'AIME_EURIA_MODEL' } as const;

export function effectiveEuria(
  stored: EuriaSettings,
  env: Record<string, string | undefined>,
): { euria: EuriaSettings; fromEnv: Array<keyof typeof EURIA_ENV>; keyWithheld: boolean } {
  const euria = { ...stored };
  const fromEnv: Array<keyof typeof EURIA_ENV> = [];
  for (const key of Object.keys(EURIA_ENV) as Array<keyof typeof EURIA_ENV>) {
    const value = env[EURIA_ENV[key]];
    if (value !== undefined && value !== '') {
      euria[key] = value;
      fromEnv.push(key);
    }
  }
  // A URL edited by hand (or overridden) to another origin gets no stored key; a key from the
  // environment is the owner's own choice for this process.
  const keyWithheld = !fromEnv.includes('api_key') && euria.api_key !== '' && originOf(euria.url) !== stored.key_origin;
  if (keyWithheld) euria.api_key = '';
  return { euria, fromEnv, keyWithheld };
}

/**
 * The stored EurIA group after a change: a key is bound to the URL's origin when entered, and
 * dropped when the URL moves to another origin without a key entered with it.
 */
export function bindEuriaKey(before: EuriaSettings, after: EuriaSettings, keyGiven: boolean): { euria: EuriaSettings; dropped: boolean } {
  const origin = originOf(after.url);
  if (keyGiven) return { euria: { ...after, key_origin: after.api_key === '' ? '' : origin }, dropped: false };
  if (after.api_key !== '' && origin !== before.key_origin) return { euria: { ...after, api_key: '', key_origin: '' }, dropped: true };
  return { euria: after, dropped: false };
}
