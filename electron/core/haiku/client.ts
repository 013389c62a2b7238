/**
 * One chat-completions call to EurIA (or any OpenAI-compatible server), with a per-request
 * timeout, and the retry loop around it. Every failure comes out as an EuriaFailure whose
 * texts have the API key removed.
 */
import type { EuriaSettings } from '../../../shared/config.js';
import type { Clock, Fetcher, Logger } from '../types.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import type { CircuitBreaker } from './breaker.js';
import {
  EuriaFailure,
  abortedFailure,
  asFailure,
  breakerOpenFailure,
  httpFailure,
  invalidJsonFailure,
  invalidUrlFailure,
  networkFailure,
  redact,
  timeoutFailure,
} from './failure.js';
import type { ChatMessage } from './prompt.js';

export const MAX_ATTEMPTS = 3;
export const HAIKU_MAX_TOKENS = 200;
export const HAIKU_TEMPERATURE = 0.8;

export interface ChatDeps {
  fetch: Fetcher;
  clock: Clock;
  log: Logger;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
}

export interface ChatReply {
  content: string;
  /** The model the server says answered (may differ from the setting, e.g. "qwen3:latest"). */
  model: string | null;
}

export interface ChatOptions {
  maxTokens?: number;
  temperature?: number;
  signal?: AbortSignal;
}

/** choices[0].message.content, as a string or as OpenAI "content parts". */
function replyContent(parsed: unknown): string | null {
  const choices = (parsed as { choices?: unknown } | null)?.choices;
  if (!Array.isArray(choices) || choices.length === 0) return null;
  const content = (choices[0] as { message?: { content?: unknown } } | null)?.message?.content;
  if (typeof content === 'string') return content;
  if (content === null || content === undefined) return '';
  if (Array.isArray(content)) {
    return content.map((part) => (typeof (part as { text?: unknown })?.text === 'string' ? (part as { text: string }).text : '')).join('');
  }
  return null;
}

/** The reason is a code of the catalogue (no server text in it): only the exact message may hold the key. */
function withoutKey(failure: EuriaFailure, key: string): EuriaFailure {
  const message = redact(failure.message, key);
  if (message === failure.message) return failure;
  return new EuriaFailure(failure.kind, failure.reason, message, failure.options);
}

/** One HTTP attempt. Throws EuriaFailure (timeout, network, http, invalid-json, aborted). */
export async function chatOnce(deps: ChatDeps, settings: EuriaSettings, messages: ChatMessage[], options: ChatOptions = {}): Promise<ChatReply> {
  // A malformed URL is a settings mistake: say so instead of retrying a "network error".
  if (!/^https?:$/.test(URL.canParse(settings.url) ? new URL(settings.url).protocol : '')) {
    throw withoutKey(invalidUrlFailure(settings.url), settings.api_key);
  }
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), settings.timeout_ms);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal;
  try {
    const response = await deps.fetch(settings.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        // Keyless servers (Ollama, LM Studio) get no Authorization header at all, not an empty Bearer.
        ...(settings.api_key !== '' ? { Authorization: `Bearer ${settings.api_key}` } : {}),
      },
      body: JSON.stringify({
        model: settings.model,
        messages,
        max_tokens: options.maxTokens ?? HAIKU_MAX_TOKENS,
        temperature: options.temperature ?? HAIKU_TEMPERATURE,
        // Thinking models would otherwise spend the token budget reasoning before the poem.
        reasoning_effort: 'none',
      }),
      signal,
    });
    // The body is read under the same timeout: a server may send headers and then stall.
    const body = await response.text();
    if (!response.ok) {
      throw httpFailure(response.status, response.statusText, body, parseRetryAfter(response.headers.get('retry-after'), deps.clock.now()));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw invalidJsonFailure(body);
    }
    const content = replyContent(parsed);
    if (content === null) throw invalidJsonFailure(body);
    const model = (parsed as { model?: unknown }).model;
    return { content, model: typeof model === 'string' ? model : null };
  } catch (error) {
    if (error instanceof EuriaFailure) throw withoutKey(error, settings.api_key);
    if (options.signal?.aborted) throw abortedFailure();
    if (timeout.signal.aborted) throw timeoutFailure(settings.timeout_ms);
    throw withoutKey(networkFailure(error, settings.url), settings.api_key);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Up to MAX_ATTEMPTS attempts; waits (backoff + jitter, or Retry-After) only between retryable
 * failures. Every attempt passes the circuit breaker, so a batch stops hammering a service that
 * has just been declared down, even in the middle of an album's retries.
 */
export async function chatWithRetries(
  deps: ChatDeps,
  settings: EuriaSettings,
  messages: ChatMessage[],
  options: ChatOptions = {},
  breaker?: CircuitBreaker,
): Promise<ChatReply> {
  let last: EuriaFailure | null = null;
  for (let attempt = 1; ; attempt++) {
    if (breaker && !breaker.tryAcquire()) {
      // The album's own failure is the better reason when it already had one.
      throw last ?? breakerOpenFailure(breaker.consecutiveFailures, breaker.retryInMs());
    }
    try {
      const reply = await chatOnce(deps, settings, messages, options);
      breaker?.recordSuccess();
      return reply;
    } catch (error) {
      const failure = asFailure(error, settings.api_key);
      if (failure.countsAgainstService) breaker?.recordFailure();
      else breaker?.recordNeutral();
      last = failure;
      if (!failure.retryable || attempt >= MAX_ATTEMPTS || breaker?.state === 'open') throw failure;
      const wait = failure.options.retryAfterMs ?? backoffDelay(attempt, deps.random);
      deps.log.warn(`EurIA attempt ${attempt}/${MAX_ATTEMPTS} failed: ${failure.message}; retrying in ${wait} ms`);
      try {
        await deps.sleep(wait, options.signal);
      } catch {
        throw abortedFailure();
      }
      if (options.signal?.aborted) throw abortedFailure();
    }
  }
}
