/** The core's event bus: run and config events for the SSE stream, the IPC bridge and the tray. */
import type { AimeEvent } from '../../shared/api.js';
import type { Logger } from './types.js';

export interface EventBus {
  emit(event: AimeEvent): void;
  subscribe(listener: (event: AimeEvent) => void): () => void;
}

export function createEventBus(log: Logger): EventBus {
  const listeners = new Set<(event: AimeEvent) => void>();
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        // One broken subscriber (a closed SSE stream, a destroyed window) must not stop the others.
        try {
          listener(event);
        } catch (error) {
          log.warn(`event listener failed on ${event.type}: ${(error as Error).message}`);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
