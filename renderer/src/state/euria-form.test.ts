import { describe, expect, it } from 'vitest';
import type { EuriaView } from '../../../shared/api.js';
import { euriaPatch } from './euria-form.js';

const view: EuriaView = {
  url: 'https://api.example.test/v1/chat/completions',
  model: 'qwen3',
  timeout_ms: 45_000,
  concurrency: 3,
  key_configured: true,
  language: 'fr',
  from_env: [],
};
const draft = { url: view.url, model: view.model, apiKey: '', language: view.language };

describe('euriaPatch', () => {
  it('sends nothing when nothing changed, and a blank key never erases the stored one', () => {
    expect(euriaPatch(draft, view)).toEqual({});
  });

  it('sends only the changed fields, trimmed', () => {
    expect(euriaPatch({ ...draft, model: ' mistral ', apiKey: 's3cret', language: 'en' }, view)).toEqual({
      model: 'mistral',
      api_key: 's3cret',
      language: 'en',
    });
  });

  it('never sends what an environment variable sets', () => {
    const env = { ...view, from_env: ['url', 'api_key'] as EuriaView['from_env'] };
    expect(euriaPatch({ ...draft, url: 'https://other.test/x', apiKey: 'k' }, env)).toEqual({});
  });
});
