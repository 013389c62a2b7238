/** EurIA settings as used: `AIME_EURIA_URL`, `AIME_EURIA_API_KEY`, `AIME_EURIA_MODEL` win over the stored ones. */
import type { EuriaSettings } from '../../../shared/config.js';

export const EURIA_ENV = { url: 'AIME_EURIA_URL', api_key: 'AIME_EURIA_API_KEY', model: 'AIME_EURIA_MODEL' } as const;

export function effectiveEuria(
  stored: EuriaSettings,
  env: Record<string, string | undefined>,
): { euria: EuriaSettings; fromEnv: Array<keyof typeof EURIA_ENV> } {
  const euria = { ...stored };
  const fromEnv: Array<keyof typeof EURIA_ENV> = [];
  for (const key of Object.keys(EURIA_ENV) as Array<keyof typeof EURIA_ENV>) {
    const value = env[EURIA_ENV[key]];
    if (value !== undefined && value !== '') {
      euria[key] = value;
      fromEnv.push(key);
    }
  }
  return { euria, fromEnv };
}
