/**
 * The haiku writer the task uses: one EurIA request per album, in parallel up to
 * `euria.concurrency`, each reply cleaned to three lines. Whatever goes wrong — no key, no
 * network, 5xx, garbage, a server that never answers — write() still resolves with one haiku
 * per album: those EurIA could not write come from the local generator, carry a short French
 * `fallbackReason`, and the batch carries a warning saying why and for how many albums.
 */
import type { EuriaTestResult } from '../../../shared/api.js';
import type { EuriaSettings, HaikuLanguage } from '../../../shared/config.js';
import { english, msg, type MessageRef } from '../../../shared/messages/index.js';
import type { Clock, Fetcher, Logger } from '../types.js';
import { realSleep } from './backoff.js';
import { CircuitBreaker, type BreakerOptions } from './breaker.js';
import { cleanHaikuReply, stripThinking } from './clean.js';
import { chatOnce, chatWithRetries, type ChatDeps } from './client.js';
import { EuriaFailure, abortedFailure, asFailure, badReplyFailure, deadlineFailure, redact } from './failure.js';
import { NOT_CONFIGURED_MESSAGE, createLocalHaikuWriter, localHaiku } from './local.js';
import { mapWithConcurrency } from './pool.js';
import { TEST_MESSAGES, haikuMessages, retryMessages, type ChatMessage } from './prompt.js';
import type { Haiku, HaikuAlbum, HaikuBatch, HaikuWriter } from './types.js';

export interface HaikuDeps {
  /** Read on every call: settings can change while the app runs. Env overrides are already applied. */
  getSettings(): { euria: EuriaSettings };
  fetch: Fetcher;
  clock: Clock;
  log: Logger;
  /** Injected so tests control backoff waits; default real setTimeout-based sleep honouring an AbortSignal. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source; default Math.random. */
  random?: () => number;
  /** Circuit breaker tuning (defaults: open after 5 consecutive failed attempts, retry after 60 s). */
  breaker?: BreakerOptions;
  /** Arms the deadline of a batch (`euria.deadline_ms`); returns its cancel. Tests fire it themselves. */
  setDeadline?: (fire: () => void, ms: number) => () => void;
}

function realDeadline(fire: () => void, ms: number): () => void {
  const timer = setTimeout(fire, ms);
  return () => clearTimeout(timer);
}

/** Asks per album: the first, and one more when the reply was not three clean lines. */
const MAX_ASKS = 2;
const TEST_MAX_TOKENS = 32;

/** A URL is enough: Ollama, LM Studio and other local OpenAI-compatible servers need no key. */
export function isEuriaConfigured(settings: EuriaSettings): boolean {
  return settings.url.trim() !== '';
}

interface Outcome {
  haiku: Haiku;
  failure: EuriaFailure | null;
}

export function createHaikuWriter(deps: HaikuDeps): HaikuWriter {
  const breaker = new CircuitBreaker(deps.clock, deps.breaker);
  const chat: ChatDeps = {
    fetch: deps.fetch,
    clock: deps.clock,
    log: deps.log,
    sleep: deps.sleep ?? realSleep,
    random: deps.random ?? Math.random,
  };
  const notConfigured = createLocalHaikuWriter();

  const fallback = (album: HaikuAlbum, language: HaikuLanguage, failure: EuriaFailure): Outcome => ({
    haiku: { lines: localHaiku(album, language), fallbackReason: failure.reason },
    failure,
  });

  async function haikuFor(album: HaikuAlbum, language: HaikuLanguage, settings: EuriaSettings, signal?: AbortSignal): Promise<Outcome> {
    let messages: ChatMessage[] = haikuMessages(album, language);
    let lastFailure: EuriaFailure | null = null;
    for (let ask = 1; ask <= MAX_ASKS; ask++) {
      if (signal?.aborted) return fallback(album, language, abortedFailure());
      try {
        const reply = await chatWithRetries(chat, settings, messages, { signal }, breaker);
        const lines = cleanHaikuReply(reply.content);
        if (lines) return { haiku: { lines, fallbackReason: null }, failure: null };
        lastFailure = badReplyFailure(redact(reply.content, settings.api_key));
        deps.log.warn(`EurIA reply for album ${album.id} unusable (ask ${ask}/${MAX_ASKS}): ${lastFailure.message}`);
        messages = retryMessages(messages, reply.content, language);
      } catch (error) {
        const failure = asFailure(error, settings.api_key);
        deps.log.warn(`EurIA failed for album ${album.id}: ${failure.message}`);
        // Garbage instead of JSON may be a passing hiccup of a proxy: worth one more ask.
        if (failure.kind !== 'invalid-json') return fallback(album, language, failure);
        lastFailure = failure;
      }
    }
    return fallback(album, language, lastFailure ?? badReplyFailure(''));
  }

  /** One warning per reason, for the run; the log gets each with its exact failure. */
  function warningsFor(outcomes: Outcome[]): MessageRef[] {
    const groups = new Map<string, { failure: EuriaFailure; count: number }>();
    for (const { failure } of outcomes) {
      if (!failure) continue;
      const reason = english(failure.reason);
      const group = groups.get(reason);
      if (group) group.count++;
      else groups.set(reason, { failure, count: 1 });
    }
    return [...groups.values()].map(({ failure, count }) => {
      deps.log.warn(`EurIA failed for ${count} of ${outcomes.length} albums (${failure.message}): local haikus used`);
      return msg('warning.haiku_fallback', { n: count, total: outcomes.length, reason: failure.reason });
    });
  }

  return {
    async write(albums: HaikuAlbum[], language: HaikuLanguage, signal?: AbortSignal): Promise<HaikuBatch> {
      const settings = deps.getSettings().euria;
      if (!isEuriaConfigured(settings)) {
        const batch = await notConfigured.write(albums, language, signal);
        if (albums.length > 0) deps.log.warn(`${NOT_CONFIGURED_MESSAGE}: local haikus used for ${albums.length} of ${albums.length} albums`);
        return batch;
      }
      const started = deps.clock.now().getTime();
      // The file is written by the deadline whatever the server does: at that moment requests
      // still in flight are cut and the albums not done yet get their flagged local haiku.
      const deadline = new AbortController();
      const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
      const done: Array<Outcome | undefined> = new Array(albums.length);
      let timedOut = false;
      let onDeadline: () => void = () => undefined;
      const deadlinePassed = new Promise<void>((resolve) => (onDeadline = resolve));
      const cancelDeadline = (deps.setDeadline ?? realDeadline)(() => {
        timedOut = true;
        deadline.abort();
        onDeadline();
      }, settings.deadline_ms);
      const work = mapWithConcurrency(albums, settings.concurrency, async (album, index) => {
        done[index] = await haikuFor(album, language, settings, combined).catch((error: unknown) =>
          // Belt and braces: nothing may make write() reject.
          fallback(album, language, asFailure(error, settings.api_key)),
        );
      });
      await Promise.race([work, deadlinePassed]);
      cancelDeadline();
      const late = deadlineFailure(settings.deadline_ms);
      const outcomes = albums.map((album, index) => {
        const outcome = done[index];
        if (outcome && !(timedOut && outcome.failure?.kind === 'aborted')) return outcome;
        return fallback(album, language, late);
      });
      const warnings = warningsFor(outcomes);
      const fromEuria = outcomes.filter((o) => o.failure === null).length;
      deps.log.info(`EurIA wrote ${fromEuria} of ${albums.length} haikus in ${deps.clock.now().getTime() - started} ms`);
      return { haikus: outcomes.map((o) => o.haiku), warnings };
    },

    async test(): Promise<EuriaTestResult> {
      const settings = deps.getSettings().euria;
      if (!isEuriaConfigured(settings)) {
        return { ok: false, latency_ms: 0, model: settings.model, message: NOT_CONFIGURED_MESSAGE, text: msg('fallback.not_configured') };
      }
      const started = deps.clock.now().getTime();
      const latency = () => Math.max(0, deps.clock.now().getTime() - started);
      try {
        const reply = await chatOnce(chat, settings, TEST_MESSAGES, { maxTokens: TEST_MAX_TOKENS, temperature: 0 });
        breaker.recordSuccess();
        const sample = stripThinking(redact(reply.content, settings.api_key)).replace(/\s+/g, ' ').trim().slice(0, 200);
        return { ok: true, latency_ms: latency(), model: reply.model ?? settings.model, message: sample || '(empty reply)' };
      } catch (error) {
        const failure = asFailure(error, settings.api_key);
        return { ok: false, latency_ms: latency(), model: settings.model, message: failure.message, text: failure.reason };
      }
    },
  };
}
