/**
 * Keeps an export's garbage from piling up in V8's old generation. The Markdown export's
 * rows live just long enough (waiting for a write) to be promoted there, and V8 collects the
 * old generation only once it has grown by its own heuristic factor: at 1M albums the heap
 * reached 150 MB, two thirds of it garbage, and the process 215 MB (the issue's limit is
 * 192 MB). A full collection each time the heap has grown by 16 MB beyond 64 MB bounds that
 * garbage.
 *
 * Scripts get no `gc` unless Node starts with --expose-gc. Setting that flag at run time
 * exposes it to contexts created afterwards, which is all this needs (one new context, once).
 * Should that ever stop working, nothing is collected early: memory as before, never a failure.
 */
import v8 from 'node:v8';
import vm from 'node:vm';

let exposed: (() => void) | null | undefined;

function exposedGc(): (() => void) | null {
  if (exposed === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc: unknown = vm.runInNewContext('typeof gc === "function" ? gc : null');
      exposed = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      exposed = null;
    }
  }
  return exposed;
}

/**
 * Returns a check to call between writes: once `used()` (the heap by default; the JSON export
 * measures its page buffers) is above `floorBytes`, it runs a full collection each time it has
 * grown by `stepBytes` since the last one. Below the floor V8 is left alone: for the heap, a
 * forced collection there (every Markdown export of up to a few 100k albums) only added the
 * pages it compacts into to the peak.
 */
export function boundHeapGrowth(
  floorBytes = 64 * 1024 * 1024,
  stepBytes = 16 * 1024 * 1024,
  used: () => number = () => v8.getHeapStatistics().used_heap_size,
): () => boolean {
  const gc = exposedGc();
  let base = 0;
  return () => {
    if (!gc) return false;
    const now = used();
    if (now < floorBytes || now - base < stepBytes) return false;
    gc();
    base = used();
    return true;
  };
}
