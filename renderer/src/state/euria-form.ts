/** The EurIA form as typed, and the patch it sends: only what changed; a blank key is "keep". */
import type { EuriaPatch } from '../../../shared/schemas.js';
import type { EuriaView } from '../../../shared/api.js';
import type { HaikuLanguage } from '../../../shared/config.js';

export interface EuriaDraft {
  url: string;
  model: string;
  /** Empty means "keep the key that is set"; removing it is a separate button. */
  apiKey: string;
  language: HaikuLanguage;
}

export function euriaPatch(draft: EuriaDraft, current: EuriaView): EuriaPatch {
  const patch: EuriaPatch = {};
  const url = draft.url.trim();
  const model = draft.model.trim();
  // Values set by environment variables win anyway: sending them would only confuse.
  if (url !== current.url && !current.from_env.includes('url')) patch.url = url;
  if (model !== current.model && !current.from_env.includes('model')) patch.model = model;
  if (draft.apiKey !== '' && !current.from_env.includes('api_key')) patch.api_key = draft.apiKey;
  if (draft.language !== current.language) patch.language = draft.language;
  return patch;
}
