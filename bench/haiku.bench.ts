/**
 * Haikus in parallel: 5 albums against a local chat-completions server answering in 300 ms
 * at the shipped default concurrency must take about as long as one request (target ≤ 1.2×,
 * issue 14), not five times as long.
 */
import { performance } from 'node:perf_hooks';
import { createMemoryLogger } from '../electron/core/log.js';
import { startChatServer } from '../test/support/fake-openai-server.js';
import type { HaikuAlbum } from '../electron/core/haiku/types.js';
import { DEFAULT_EURIA_CONCURRENCY } from '../shared/config.js';
import { createHaikuWriter } from '../electron/core/haiku/writer.js';
import { systemClock } from '../electron/core/types.js';
import { verdict } from './support.js';

const LATENCY_MS = 300;

const ALBUMS: HaikuAlbum[] = [
  { id: 1, title: '461 Ocean Boulevard', artists: ['Eric Clapton'], year: 1974 },
  { id: 2, title: 'Classic Sinatra', artists: ['Frank Sinatra'], year: 2000 },
  { id: 3, title: 'T.V. Sky', artists: ['The Young Gods'], year: 2022 },
  { id: 4, title: 'Kind of Blue', artists: ['Miles Davis'], year: 1959 },
  { id: 5, title: 'Homogenic', artists: ['Björk'], year: 1997 },
];

export async function run(): Promise<void> {
  const server = await startChatServer({ latencyMs: LATENCY_MS });
  try {
    const euria = {
      url: server.url,
      model: 'bench',
      api_key: 'bench-key',
      key_origin: new URL(server.url).origin,
      timeout_ms: 10_000,
      concurrency: DEFAULT_EURIA_CONCURRENCY,
      deadline_ms: 60_000,
    };
    const writer = createHaikuWriter({
      getSettings: () => ({ euria }),
      fetch: globalThis.fetch,
      clock: systemClock,
      log: createMemoryLogger(),
    });
    // Warm-up: the first request pays for connection setup and JIT.
    await writer.write(ALBUMS.slice(0, 1), 'fr');

    let start = performance.now();
    await writer.write(ALBUMS.slice(0, 1), 'fr');
    const one = performance.now() - start;

    start = performance.now();
    const batch = await writer.write(ALBUMS, 'fr');
    const five = performance.now() - start;

    const fromEuria = batch.haikus.filter((h) => h.fallbackReason === null).length;
    const ratio = five / one;
    console.log(
      `haiku 5 albums at concurrency ${DEFAULT_EURIA_CONCURRENCY} (default): ${five.toFixed(0)} ms vs one request ${one.toFixed(0)} ms ` +
        `(ratio ${ratio.toFixed(2)}; ${fromEuria}/5 from the server, max in flight ${server.maxInFlight}) [target ≤ 1.2× ${verdict(ratio <= 1.2)}]`,
    );

    // The former default of 3 needs two rounds for five albums.
    euria.concurrency = 3;
    start = performance.now();
    await writer.write(ALBUMS, 'fr');
    const fiveAtThree = performance.now() - start;
    console.log(`haiku 5 albums at concurrency 3 (the former default): ${fiveAtThree.toFixed(0)} ms (ratio ${(fiveAtThree / one).toFixed(2)})`);
  } finally {
    await server.close();
  }
}
