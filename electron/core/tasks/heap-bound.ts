/**
 * Keeps an export's garbage from piling up in V8's old generation. The Markdown export's
 * rows live just long enough (waiting for a write) to be promoted there, and V8 collects the
 * old generation only once it has grown by its own heuristic factor: at 1M albums the heap
 * reached 150 MB, two thirds of it garbage, and the process 215 MB (the issue's limit is
 * 192 MB). A full collection each time the heap has grown by 16 MB beyond 64 MB bounds that
 * garbage.
 *
 * Scripts get no `gc` unless Node starts with --expose-gc. Setting that flag at run time
 * exposes it to contexts created afterwards, which is all this needs (one new context, once);
 * the flag is then set back. V8 stamps its code caches with a hash of its flags, so a flag left
 * changed made every `aime run export_…` write a cache the next run rejected: it compiled the
 * whole command and wrote 600 kB at each run (bin/code-cache.cjs).
 * Should that ever stop working, nothing is collected early: memory as before, never a failure.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

const MiB = 1024 * 1024;
/** V8's gc(): a full collection, or with { type: 'minor' } a scavenge of the young generation. */
type Gc = (options?: { type: 'minor' | 'major' }) => void;
let exposed: Gc | null | undefined;

function exposedGc(): Gc | null {
  if (exposed === undefined) {
    const own: unknown = (globalThis as { gc?: unknown }).gc;
    if (typeof own === 'function') return (exposed = own as Gc); // started with --expose-gc
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
      exposed = typeof gc === 'function' ? (gc as Gc) : null;
    } catch {
      exposed = null;
    } finally {
      v8.setFlagsFromString('--no-expose-gc');
    }
  }
  return exposed;
}

export interface HeapBoundOptions {
  /** Below this many bytes of `used()` V8 is left alone (default 64 MiB). */
  floorBytes?: number;
  /** Growth of `used()` between two collections (default 16 MiB). */
  stepBytes?: number;
  /** What is measured: the heap by default; the JSON export measures its page buffers. */
  used?: () => number;
  /**
   * 'minor' runs a scavenge of the young generation only (under a millisecond, where a full
   * collection takes 5-10): enough when the garbage dies young, as the JSON export's pages
   * do once written. 'full' (the default) also collects what was promoted.
   */
  kind?: 'full' | 'minor';
}

/**
 * Returns a check to call between writes: once `used()` is above the floor, it runs a
 * collection each time it has grown by the step since the last one. Below the floor V8 is
 * left alone: for the heap, a forced collection there (every Markdown export of up to a few
 * 100k albums) only added the pages it compacts into to the peak.
 */
export function boundHeapGrowth(options: HeapBoundOptions = {}): () => boolean {
  const { floorBytes = 64 * MiB, stepBytes = 16 * MiB, used = () => v8.getHeapStatistics().used_heap_size, kind = 'full' } = options;
  const gc = exposedGc();
  let base = 0;
  return () => {
    if (!gc) return false;
    const now = used();
    if (now < floorBytes || now - base < stepBytes) return false;
    if (kind === 'minor') gc({ type: 'minor' });
    else gc();
    base = used();
    return true;
  };
}

/** V8's own value: the young generation doubles each time it grows. */
const V8_GROWTH_FACTOR = 2;
const GROWTH_FLAG = '--semi-space-growth-factor';

/**
 * Whether this V8 is one where the flag, its default and its effect were checked: Node 20's
 * (V8 11). Elsewhere (Node 22+, Electron) nothing is held, memory as before: V8 prints an error
 * for a flag it does not know, and another default would leave its flags changed.
 */
export const HOLDS_YOUNG_GENERATION = /^11\./.test(process.versions.v8);

/**
 * Holds V8's young generation at its present size until the returned release is called. An
 * export allocates fast and keeps little, and V8 answers that by doubling the young generation
 * up to 32 MB, all of it resident: a quarter of a 100k Markdown export's peak (130 MiB, over the
 * 128 MiB the issue allows; held, 110–112 MiB at 5% more time). Node cannot set the size a
 * running process may reach, but V8 reads its growth factor each time it grows, so a factor of
 * 1 holds it. Starting a worker thread resets V8's flags, so call this once the export's worker
 * has started. The release sets V8's own value back: the code cache (bin/code-cache.cjs) is
 * stamped with the flags. Nothing is held where the factor was given on the command line.
 */
export function holdYoungGeneration(): () => void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const givenHere = given.some((arg) => arg.startsWith(GROWTH_FLAG) || arg.startsWith(GROWTH_FLAG.replace(/-/g, '_')));
  if (!HOLDS_YOUNG_GENERATION || givenHere) return () => undefined;
  v8.setFlagsFromString(`${GROWTH_FLAG}=1`);
  return () => v8.setFlagsFromString(`${GROWTH_FLAG}=${V8_GROWTH_FACTOR}`);
}
