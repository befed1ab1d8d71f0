export type Listener = (payload: Record<string, unknown>) => void;

export interface Emitter {
  on(name: string, listener: Listener): void;
  off(name: string, listener: Listener): void;
  emit(name: string, payload: Record<string, unknown>): void;
  /** Sees every event before the listeners do: how the `events` chunk sends them on (DESIGN §7). */
  tap?: EventTap;
}

export type EventTap = (name: string, payload: Record<string, unknown>) => void;

/** Listeners are the store's code: one that throws is reported, and the others still run. */
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
        try {
          listener(payload);
        } catch (error) {
          onListenerError(error, name);
        }
      }
    },
  };
  return emitter;
}
