export type Listener = (payload: Record<string, unknown>) => unknown;

export interface Emitter {
  on(name: string, listener: Listener): void;
  off(name: string, listener: Listener): void;
  emit(name: string, payload: Record<string, unknown>): void;
  /** Sees every event before the listeners do: how the `events` chunk sends them on (DESIGN §7). */
  tap?: EventTap;
}

export type EventTap = (name: string, payload: Record<string, unknown>) => void;

/**
 * Listeners are the store's code: one that throws (or whose promise rejects) is reported,
 * and the others still run. Each gets its own copy of the event, so one that changes it
 * (to enrich it, say) changes neither what Beckon keeps nor what the next listener sees.
 */
export function createEmitter(onListenerError: (error: unknown, name: string) => void): Emitter {
  const listeners = new Map<string, Set<Listener>>();
  const emitter: Emitter = {
    on(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
    },
    off(name, listener) {
      listeners.get(name)?.delete(listener);
    },
    emit(name, payload) {
      emitter.tap?.(name, payload);
      for (const listener of [...(listeners.get(name) ?? [])]) {
        const fail = (error: unknown) => onListenerError(error, name);
        try {
          const result: unknown = listener(structuredClone(payload));
          if (typeof (result as PromiseLike<unknown>)?.then == 'function') (result as PromiseLike<unknown>).then(undefined, fail);
        } catch (error) {
          fail(error);
        }
      }
    },
  };
  return emitter;
}
