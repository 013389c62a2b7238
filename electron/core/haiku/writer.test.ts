import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EuriaSettings } from '../../../shared/config.js';
import { msg } from '../../../shared/messages/index.js';
import { createFileLogger, createMemoryLogger } from '../log.js';
import { systemClock } from '../types.js';
import { localHaiku } from './local.js';
import { startChatServer, type ChatServer } from '../../../test/support/fake-openai-server.js';
import type { HaikuAlbum } from './types.js';
import { createHaikuWriter, type HaikuDeps } from './writer.js';
import { tempDir } from '../../../test/support/temp-dir.js';
import { createFakeClock, type FakeClock } from '../../../test/support/fake-clock.js';

const KEY = 'sk-test-SECRET-0123456789abcdef';

const ALBUMS: HaikuAlbum[] = [
  { id: 1, title: '461 Ocean Boulevard', artists: ['Eric Clapton'], year: 1974 },
  { id: 2, title: 'Classic Sinatra', artists: ['Frank Sinatra'], year: 2000 },
  { id: 3, title: 'T.V. Sky', artists: ['The Young Gods'], year: 2022 },
  { id: 4, title: 'Kind of Blue', artists: ['Miles Davis', 'John Coltrane'], year: 1959 },
  { id: 5, title: 'Homogenic', artists: ['Björk'], year: null },
];

const POEM = ['Lune sur le sillon', 'la platine tourne encore', 'Clapton se tait'] as const;

const fakeClock = () => createFakeClock(new Date('2026-01-31T05:00:00Z'));

let server: ChatServer;
let settings: EuriaSettings;
let sleeps: number[];
let clock: FakeClock;
let logLines: string[];

beforeEach(async () => {
  server = await startChatServer();
  settings = {
    url: server.url,
    model: 'qwen-test-7b',
    api_key: KEY,
    key_origin: new URL(server.url).origin,
    timeout_ms: 2000,
    concurrency: 3,
    deadline_ms: 60_000,
  };
  sleeps = [];
  clock = fakeClock();
  logLines = [];
});

afterEach(async () => {
  await server.close();
});

/** The log's line per fallback reason, with the exact failure (the batch's warnings are codes). */
const warned = () => logLines.filter((line) => line.includes('local haikus used'));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function makeWriter(overrides: Partial<HaikuDeps> = {}) {
  return createHaikuWriter({
    getSettings: () => ({ euria: settings }),
    fetch: globalThis.fetch,
    clock,
    log: createMemoryLogger(logLines, 'haiku'),
    // Backoff waits are recorded, not waited for.
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    random: () => 0,
    ...overrides,
  });
}

const userPrompt = (i: number) => server.requests[i]?.body?.messages?.find((m) => m.role === 'user')?.content ?? '';

describe('createHaikuWriter: a healthy server', () => {
  it('writes one EurIA haiku per album, in order, with the right requests', async () => {
    const batch = await makeWriter().write(ALBUMS, 'fr');
    expect(batch.warnings).toEqual([]);
    expect(batch.haikus).toHaveLength(5);
    batch.haikus.forEach((haiku, i) => {
      expect(haiku.fallbackReason).toBeNull();
      expect(haiku.lines).toEqual([`Écho de ${ALBUMS[i]!.title}`, 'le sillon garde la nuit', "une voix s'éteint"]);
    });
    expect(server.requests).toHaveLength(5);
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/v1/chat/completions');
      expect(request.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.body).toMatchObject({ model: 'qwen-test-7b', reasoning_effort: 'none' });
      expect(request.body?.max_tokens).toBeGreaterThan(0);
      expect(typeof request.body?.temperature).toBe('number');
    }
    const prompts = server.requests.map((_, i) => userPrompt(i));
    const clapton = prompts.find((p) => p.includes('461 Ocean Boulevard'))!;
    expect(clapton).toContain('Eric Clapton');
    expect(clapton).toContain('1974');
    expect(clapton).toMatch(/trois vers/);
    expect(clapton).toMatch(/pas de titre, pas de numérotation, pas de commentaire/);
    expect(clapton).toMatch(/en français/);
    expect(prompts.find((p) => p.includes('Kind of Blue'))).toContain('Miles Davis, John Coltrane');
    // No year: none invented.
    expect(prompts.find((p) => p.includes('Homogenic'))).not.toMatch(/sorti en/);
    expect(logLines.join('\n')).toMatch(/EurIA wrote 5 of 5 haikus/);
  });

  it('asks in English when the language is en', async () => {
    await makeWriter().write(ALBUMS.slice(0, 1), 'en');
    expect(userPrompt(0)).toMatch(/in English.*461 Ocean Boulevard.*Eric Clapton.*1974/s);
    expect(userPrompt(0)).toMatch(/three lines only: no title, no numbering, no commentary/);
  });

  it('reads the settings on every call', async () => {
    const writer = makeWriter();
    await writer.write(ALBUMS.slice(0, 1), 'fr');
    settings = { ...settings, model: 'another-model' };
    await writer.write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests.map((r) => r.body?.model)).toEqual(['qwen-test-7b', 'another-model']);
  });

  it('cleans think blocks, fences, numbering and chatter from replies', async () => {
    server.enqueue(
      { kind: 'ok', content: `<think>\nCounting syllables…\n</think>\n\nVoici un haïku :\n\n1. ${POEM[0]}\n2. ${POEM[1]}\n3. ${POEM[2]}\n\nJ'espère qu'il vous plaira !` },
      { kind: 'ok', content: '```\n' + POEM.map((l) => `- "${l}"`).join('\n') + '\n```\nI hope you enjoy it!' },
    );
    const batch = await makeWriter({}).write(ALBUMS.slice(0, 2), 'fr');
    expect(batch.haikus.map((h) => h.lines)).toEqual([[...POEM], [...POEM]]);
    expect(batch.haikus.every((h) => h.fallbackReason === null)).toBe(true);
    expect(server.requests).toHaveLength(2);
  });
});

describe('createHaikuWriter: replies that are not a haiku', () => {
  beforeEach(() => {
    settings = { ...settings, concurrency: 1 };
  });

  it('asks once more, showing the bad reply, and uses the second answer', async () => {
    server.enqueue({ kind: 'ok', content: 'What a wonderful album! It reminds me of summer evenings by the sea, truly a masterpiece of its time.' });
    const batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(2);
    expect(batch.haikus[0]).toEqual({ lines: ['Écho de 461 Ocean Boulevard', 'le sillon garde la nuit', "une voix s'éteint"], fallbackReason: null });
    const second = server.requests[1]!.body!.messages!;
    expect(second.at(-2)).toMatchObject({ role: 'assistant', content: expect.stringContaining('wonderful album') });
    expect(second.at(-1)?.content).toMatch(/trois vers/);
    expect(batch.warnings).toEqual([]);
  });

  it('falls back after two unusable replies', async () => {
    server.setDefault({ kind: 'ok', content: 'Lune\nsillon' });
    const batch = await makeWriter().write(ALBUMS.slice(0, 2), 'fr');
    expect(server.requests).toHaveLength(4);
    batch.haikus.forEach((h, i) => {
      expect(h.lines).toEqual(localHaiku(ALBUMS[i]!, 'fr'));
      expect(h.fallbackReason).toEqual(msg('fallback.unusable'));
    });
    expect(batch.warnings).toHaveLength(1);
    expect(warned()[0]).toMatch(/EurIA failed for 2 of 2 albums \(the reply is not a three-line haiku/);
  });

  it('treats invalid JSON as unusable: one more ask, no HTTP retries, then fallback', async () => {
    server.setDefault({ kind: 'invalid-json' });
    const batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(2);
    expect(sleeps).toEqual([]);
    expect(batch.haikus[0]!.fallbackReason).toEqual(msg('fallback.unreadable'));
    expect(warned()[0]).toMatch(/invalid reply: not chat-completions JSON/);
  });

  it('recovers when the second ask gets valid JSON', async () => {
    server.enqueue({ kind: 'invalid-json', body: '{"choices": [' });
    const batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(batch.haikus[0]!.fallbackReason).toBeNull();
    expect(server.requests).toHaveLength(2);
  });
});

describe('createHaikuWriter: retries', () => {
  beforeEach(() => {
    settings = { ...settings, concurrency: 1 };
  });

  it('retries 5xx with exponential backoff and jitter, at most 3 attempts, then falls back', async () => {
    server.setDefault({ kind: 'status', status: 500, message: 'model overloaded' });
    const writer = makeWriter({ random: () => 0.5 });
    const batch = await writer.write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([750, 1500]);
    expect(batch.haikus[0]).toEqual({ lines: localHaiku(ALBUMS[0]!, 'fr'), fallbackReason: msg('fallback.unavailable') });
    expect(warned()).toEqual([expect.stringContaining('EurIA failed for 1 of 1 albums (HTTP 500 Internal Server Error: model overloaded): local haikus used')]);
  });

  it('succeeds when a retry does', async () => {
    server.enqueue({ kind: 'status', status: 503 }, { kind: 'status', status: 502 });
    const batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
    expect(batch.haikus[0]!.fallbackReason).toBeNull();
    expect(batch.warnings).toEqual([]);
  });

  it('honours Retry-After in seconds and as an HTTP date, capped at 30 s', async () => {
    const in7s = new Date(clock.now().getTime() + 7000).toUTCString();
    server.enqueue(
      { kind: 'status', status: 429, retryAfter: '2', message: 'slow down' },
      { kind: 'status', status: 429, retryAfter: in7s },
    );
    let batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(sleeps).toEqual([2000, 7000]);
    expect(batch.haikus[0]!.fallbackReason).toBeNull();

    sleeps = [];
    server.enqueue({ kind: 'status', status: 429, retryAfter: '86400' });
    batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(sleeps).toEqual([30_000]);

    sleeps = [];
    server.setDefault({ kind: 'status', status: 429 });
    batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(sleeps).toEqual([500, 1000]);
    expect(batch.haikus[0]!.fallbackReason).toEqual(msg('fallback.busy'));
  });

  it('does not retry 401/403 and says the key is refused; 404 says the URL or model is wrong', async () => {
    server.enqueue({ kind: 'status', status: 401, message: 'Invalid token' });
    let batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    expect(batch.haikus[0]!.fallbackReason).toEqual(msg('fallback.key_refused'));
    expect(warned()[0]).toMatch(/HTTP 401 Unauthorized: Invalid token \(the API key is wrong or refused\)/);

    server.enqueue({ kind: 'status', status: 403 });
    batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(2);
    expect(batch.haikus[0]!.fallbackReason).toEqual(msg('fallback.key_refused'));

    server.enqueue({ kind: 'status', status: 404, message: 'model not found' });
    batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(3);
    expect(batch.haikus[0]!.fallbackReason).toEqual(msg('fallback.not_found'));
    expect(warned().at(-1)).toMatch(/model not found \(check euria.url and euria.model\)/);
  });

  it('times out a server that never answers, retries, then falls back', async () => {
    settings = { ...settings, timeout_ms: 150 };
    server.setDefault({ kind: 'hang' });
    const batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(server.requests).toHaveLength(3);
    expect(batch.haikus[0]).toEqual({ lines: localHaiku(ALBUMS[0]!, 'fr'), fallbackReason: msg('fallback.timeout', { seconds: 0.2 }) });
    expect(warned()[0]).toMatch(/timed out after 150 ms/);
  });

  it('retries a refused connection, then falls back', async () => {
    const gone = await startChatServer();
    await gone.close();
    settings = { ...settings, url: gone.url };
    const batch = await makeWriter({ breaker: { failureThreshold: 10 } }).write(ALBUMS.slice(0, 2), 'fr');
    expect(sleeps).toHaveLength(4);
    expect(batch.haikus.map((h) => h.fallbackReason)).toEqual([msg('fallback.unreachable'), msg('fallback.unreachable')]);
    expect(batch.warnings).toHaveLength(1);
    expect(warned()[0]).toMatch(/EurIA failed for 2 of 2 albums \(connection refused \(127\.0\.0\.1:\d+\)/);
  });
});

describe('createHaikuWriter: circuit breaker', () => {
  it('opens after N consecutive failed attempts, skips calls, half-opens after the cool-down and closes on success', async () => {
    settings = { ...settings, concurrency: 1 };
    server.setDefault({ kind: 'status', status: 500 });
    const writer = makeWriter({ breaker: { failureThreshold: 5, cooldownMs: 60_000 } });

    let batch = await writer.write(ALBUMS, 'fr');
    // Album 1: 3 attempts; album 2: 2 attempts, then the breaker opens and stops its retries;
    // albums 3 to 5 are skipped without a request.
    expect(server.requests).toHaveLength(5);
    expect(sleeps).toHaveLength(3);
    expect(batch.haikus.map((h) => h.fallbackReason)).toEqual([
      msg('fallback.unavailable'),
      msg('fallback.unavailable'),
      msg('fallback.resting'),
      msg('fallback.resting'),
      msg('fallback.resting'),
    ]);
    expect(batch.warnings).toHaveLength(2);
    expect(warned()[0]).toMatch(/for 2 of 5 albums \(HTTP 500/);
    expect(warned()[1]).toMatch(/for 3 of 5 albums \(EurIA unavailable: circuit breaker open after 5 consecutive failures, next try in 60 s\)/);

    // Still open before the cool-down: no request at all.
    clock.advance(59_000);
    server.setDefault({ kind: 'ok' });
    batch = await writer.write(ALBUMS, 'fr');
    expect(server.requests).toHaveLength(5);
    expect(batch.haikus.every((h) => h.fallbackReason?.key === 'fallback.resting')).toBe(true);
    expect(warned().at(-1)).toMatch(/next try in 1 s/);

    // After the cool-down one trial goes through, succeeds, and the breaker closes again.
    clock.advance(1_000);
    batch = await writer.write(ALBUMS, 'fr');
    expect(server.requests).toHaveLength(10);
    expect(batch.haikus.every((h) => h.fallbackReason === null)).toBe(true);
    expect(batch.warnings).toEqual([]);
  });

  it('a failed trial re-opens it for another cool-down', async () => {
    settings = { ...settings, concurrency: 1 };
    server.setDefault({ kind: 'status', status: 401 });
    const writer = makeWriter({ breaker: { failureThreshold: 2, cooldownMs: 10_000 } });
    await writer.write(ALBUMS.slice(0, 3), 'fr');
    expect(server.requests).toHaveLength(2);
    clock.advance(10_000);
    const batch = await writer.write(ALBUMS.slice(0, 3), 'fr');
    expect(server.requests).toHaveLength(3);
    expect(batch.haikus.map((h) => h.fallbackReason)).toEqual([
      msg('fallback.key_refused'),
      msg('fallback.resting'),
      msg('fallback.resting'),
    ]);
  });

  it('still writes 5 haikus quickly when the server never answers (breaker stops the rest)', async () => {
    settings = { ...settings, timeout_ms: 100, concurrency: 3 };
    server.setDefault({ kind: 'hang' });
    const batch = await makeWriter().write(ALBUMS, 'fr');
    expect(batch.haikus).toHaveLength(5);
    // Albums 1-3 in parallel: about two rounds of attempts before the 5th failure opens the
    // breaker (the exact count depends on which timeout fires first), far fewer than 5 × 3.
    expect(server.requests.length).toBeGreaterThanOrEqual(5);
    expect(server.requests.length).toBeLessThanOrEqual(8);
    const reasons = batch.haikus.map((h) => h.fallbackReason?.key);
    expect(reasons.every((r) => r === 'fallback.timeout' || r === 'fallback.resting')).toBe(true);
    expect(reasons.filter((r) => r === 'fallback.resting').length).toBeGreaterThanOrEqual(2);
    batch.haikus.forEach((h, i) => expect(h.lines).toEqual(localHaiku(ALBUMS[i]!, 'fr')));
  });
});

describe('createHaikuWriter: concurrency', () => {
  it.each([
    [1, 1],
    [3, 3],
    [16, 5],
  ])('with concurrency %i, at most %i requests are in flight', async (concurrency, expected) => {
    // Generous timeouts: under load, the requests may take a while to all arrive.
    settings = { ...settings, concurrency, timeout_ms: 60_000 };
    // The server holds every answer until `expected` requests are there at once, so they overlap
    // whatever the machine's load (a fixed delay did not: a slow start made them not overlap).
    let release!: () => void;
    server.setDefault({ kind: 'ok', after: new Promise<void>((resolve) => (release = resolve)) });
    let started = 0;
    let startedAtPeak = 0;
    const counting: typeof fetch = (input, init) => {
      started++;
      return globalThis.fetch(input, init);
    };
    const writing = makeWriter({ fetch: counting }).write(ALBUMS, 'fr');
    await server.whenInFlight(expected);
    // The writer starts its requests without waiting on the network: one more than allowed would
    // already have been started by the time `expected` have reached the server.
    startedAtPeak = started;
    release();
    const batch = await writing;
    expect(startedAtPeak).toBe(expected);
    expect(server.maxInFlight).toBe(expected);
    expect(server.requests).toHaveLength(5);
    expect(batch.haikus.map((h) => h.lines[0])).toEqual(ALBUMS.map((a) => `Écho de ${a.title}`));
  });
});

describe('createHaikuWriter: the haiku file deadline (euria.deadline_ms)', () => {
  it('resolves at the deadline whatever the server does, late albums flagged as local haikus', async () => {
    settings = { ...settings, timeout_ms: 600_000, deadline_ms: 60_000 };
    server.enqueue({ kind: 'ok' }, { kind: 'ok' });
    server.setDefault({ kind: 'hang' });
    const armed: Array<{ fire: () => void; ms: number; cancelled: boolean }> = [];
    const writer = makeWriter({
      setDeadline: (fire, ms) => {
        const timer = { fire, ms, cancelled: false };
        armed.push(timer);
        return () => void (timer.cancelled = true);
      },
    });
    let settled = false;
    const pending = writer.write(ALBUMS, 'fr').finally(() => (settled = true));
    while (server.requests.length < ALBUMS.length) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    expect(armed.map((t) => t.ms)).toEqual([60_000]);
    armed[0]!.fire();
    const batch = await pending;
    expect(batch.haikus.slice(0, 2).map((h) => h.fallbackReason)).toEqual([null, null]);
    expect(batch.haikus.slice(2).map((h) => h.lines)).toEqual(ALBUMS.slice(2).map((a) => localHaiku(a, 'fr')));
    expect(batch.haikus.slice(2).every((h) => same(h.fallbackReason, msg('fallback.too_slow', { seconds: 60 })))).toBe(true);
    expect(warned()).toEqual([expect.stringContaining('EurIA failed for 3 of 5 albums (no answer within the 60000 ms deadline of the haiku file): local haikus used')]);
  });

  it('disarms the deadline when every album is back in time', async () => {
    const armed: Array<{ cancelled: boolean }> = [];
    const writer = makeWriter({
      setDeadline: () => {
        const timer = { cancelled: false };
        armed.push(timer);
        return () => void (timer.cancelled = true);
      },
    });
    const batch = await writer.write(ALBUMS, 'fr');
    expect(batch.haikus.every((h) => h.fallbackReason === null)).toBe(true);
    expect(armed).toEqual([{ cancelled: true }]);
  });
});

describe('createHaikuWriter: not configured, cancelled', () => {
  it('calls a keyless server (Ollama, LM Studio) without any Authorization header', async () => {
    settings = { ...settings, api_key: '', key_origin: '' };
    const batch = await makeWriter().write(ALBUMS, 'fr');
    expect(batch.haikus.map((h) => h.lines[0])).toEqual(ALBUMS.map((a) => `Écho de ${a.title}`));
    expect(batch.warnings).toEqual([]);
    expect(server.requests).toHaveLength(ALBUMS.length);
    expect(server.requests.every((r) => r.headers.authorization === undefined)).toBe(true);
    expect((await makeWriter().test()).ok).toBe(true);
  });

  it('uses local haikus with one warning and sends nothing when the URL is missing', async () => {
    for (const missing of [{ url: '' }, { url: '', api_key: '' }]) {
      settings = { ...settings, ...missing };
      const batch = await makeWriter().write(ALBUMS, 'fr');
      expect(batch.haikus.map((h) => h.lines)).toEqual(ALBUMS.map((a) => localHaiku(a, 'fr')));
      expect(batch.haikus.every((h) => same(h.fallbackReason, msg('fallback.not_configured')))).toBe(true);
      expect(warned().at(-1)).toContain('EurIA is not configured (no URL): local haikus used for 5 of 5 albums');
    }
    expect(warned()).toHaveLength(2);
    expect(server.requests).toHaveLength(0);
  });

  it('resolves with local haikus when cancelled', async () => {
    const batch = await makeWriter().write(ALBUMS, 'en', AbortSignal.abort());
    expect(batch.haikus.map((h) => h.lines)).toEqual(ALBUMS.map((a) => localHaiku(a, 'en')));
    expect(batch.haikus.every((h) => same(h.fallbackReason, msg('fallback.interrupted')))).toBe(true);
    expect(server.requests).toHaveLength(0);
  });

  it('stops waiting on a hanging server when cancelled mid-request', async () => {
    server.setDefault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = makeWriter().write(ALBUMS.slice(0, 2), 'fr', controller.signal);
    while (server.requests.length < 2) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const batch = await pending;
    expect(batch.haikus.map((h) => h.fallbackReason)).toEqual([msg('fallback.interrupted'), msg('fallback.interrupted')]);
    expect(server.requests).toHaveLength(2);
  });
});

describe('createHaikuWriter: test()', () => {
  it('reports success with the sample reply, the model and the latency', async () => {
    server.enqueue({ kind: 'ok', content: '<think>ok?</think>OK', model: 'qwen3:latest' });
    const result = await makeWriter({ clock: systemClock }).test();
    expect(result).toMatchObject({ ok: true, model: 'qwen3:latest', message: 'OK' });
    expect(result.latency_ms).toBeGreaterThanOrEqual(0);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(server.requests[0]!.body).toMatchObject({ model: 'qwen-test-7b', reasoning_effort: 'none' });
    expect(server.requests[0]!.body!.max_tokens).toBeLessThanOrEqual(32);
  });

  it('measures latency with the injected clock', async () => {
    const writer = makeWriter({
      fetch: async (input, init) => {
        clock.advance(250);
        return globalThis.fetch(input, init);
      },
    });
    expect((await writer.test()).latency_ms).toBe(250);
  });

  it('reports the exact reason of a failure, without retrying', async () => {
    server.enqueue({ kind: 'status', status: 401, message: 'Invalid token provided' });
    let result = await makeWriter().test();
    expect(result).toMatchObject({ ok: false, model: 'qwen-test-7b' });
    expect(result.message).toBe('HTTP 401 Unauthorized: Invalid token provided (the API key is wrong or refused)');

    server.enqueue({ kind: 'status', status: 500 });
    result = await makeWriter().test();
    expect(result.message).toBe('HTTP 500 Internal Server Error: status 500');
    expect(server.requests).toHaveLength(2);

    settings = { ...settings, timeout_ms: 100 };
    server.enqueue({ kind: 'hang' });
    result = await makeWriter().test();
    expect(result).toMatchObject({ ok: false, message: 'timed out after 100 ms' });

    const gone = await startChatServer();
    await gone.close();
    settings = { ...settings, url: gone.url };
    result = await makeWriter().test();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^connection refused \(127\.0\.0\.1:\d+\)/);
  });

  it('says when the URL is not a URL, without retrying', async () => {
    settings = { ...settings, url: 'api.infomaniak.com/chat' };
    const result = await makeWriter().test();
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/^euria.url is not a valid http\(s\) URL: "api.infomaniak.com\/chat"/);
    const batch = await makeWriter().write(ALBUMS.slice(0, 1), 'fr');
    expect(batch.haikus[0]!.fallbackReason).toEqual(msg('fallback.bad_url'));
    expect(sleeps).toEqual([]);
  });

  it('says when EurIA is not configured', async () => {
    settings = { ...settings, url: '' };
    expect(await makeWriter().test()).toEqual({
      ok: false,
      latency_ms: 0,
      model: 'qwen-test-7b',
      message: 'EurIA is not configured (no URL)',
      text: msg('fallback.not_configured'),
    });
    expect(server.requests).toHaveLength(0);
  });
});

describe('the API key stays secret', () => {
  it('appears in no log line, warning, reason or test message, even when the server echoes it', async () => {
    const dir = tempDir();
    const log = createFileLogger({ dir, level: 'debug' });
    // A hostile or careless server repeats the Authorization header in its error messages.
    server.setDefault((request) => ({
      kind: 'status',
      status: request.body?.messages?.length === 1 ? 401 : 500,
      message: `bad credentials: ${String(request.headers.authorization)}`,
    }));
    const writer = makeWriter({ log, breaker: { failureThreshold: 100 } });
    const outputs: unknown[] = [];
    outputs.push(await writer.write(ALBUMS, 'fr'));
    outputs.push(await writer.test());
    server.setDefault({ kind: 'ok', content: `Here is your key ${KEY}` });
    outputs.push(await writer.write(ALBUMS.slice(0, 1), 'fr'));
    settings = { ...settings, timeout_ms: 100 };
    server.setDefault({ kind: 'hang' });
    outputs.push(await writer.write(ALBUMS.slice(0, 1), 'fr'), await writer.test());
    // A fetch failing with the header in its message (an undici or proxy error) is redacted too.
    const leaky = makeWriter({ log, fetch: () => Promise.reject(new TypeError(`invalid header value "Bearer ${KEY}"`)) });
    outputs.push(await leaky.write(ALBUMS.slice(0, 1), 'fr'), await leaky.test());

    const text = JSON.stringify(outputs);
    expect(text).toMatch(/bad credentials: Bearer \*\*\*/);
    expect(text).toMatch(/invalid header value \\"Bearer \*\*\*\\"/);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('SECRET');
    const logFile = path.join(dir, 'aime.log');
    await new Promise((r) => setTimeout(r, 50));
    const logged = fs.readFileSync(logFile, 'utf8');
    expect(logged).toMatch(/EurIA failed for album 1/);
    expect(logged).not.toContain(KEY);
    expect(logged).not.toContain('SECRET');
    expect(logLines.join('\n')).not.toContain(KEY);
  });
});
