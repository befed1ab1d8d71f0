export type Listener = (payload: Record<string, unknown>) => unknown;

// Types rather than interfaces, so a payload is also a Record<string, unknown>.
/** What every campaign event carries (DESIGN §7). */
export type CampaignEventPayload = {
  campaignId: string;
  /** The variant shown; none for a visitor held out. */
  variantId?: string;
  /** The segments the visitor was in at the time. */
  segments: string[];
  visitorId?: string;
  /** Epoch milliseconds. */
  ts: number;
};

/** The events `on()` hears, each with its payload (DESIGN §7), for typed listeners. */
export type BeckonEventMap = {
  impression: CampaignEventPayload;
  holdout: CampaignEventPayload & { holdout: true };
  dismiss: CampaignEventPayload;
  click: CampaignEventPayload & { target: 'cta' | 'secondary' | 'link' | 'coupon'; href?: string };
  /** A form sent: the names of its fields, never their values. */
  submit: CampaignEventPayload & { fields: string[] };
  /** A goal event within the campaign's window after an exposure (`holdout` for the control group). */
  conversion: CampaignEventPayload & { goal: string; holdout?: true; value?: unknown; currency?: unknown; transaction_id?: string };
  /** An answer (none for an email question, which stays in the browser). */
  quiz_answer: CampaignEventPayload & { quizId: string; questionId: string; answer?: unknown };
  quiz_complete: CampaignEventPayload & { quizId: string; answers: Record<string, unknown> };
  segment_enter: { segmentId: string; segments: string[]; visitorId: string; ts: number };
  segment_exit: { segmentId: string; segments: string[]; visitorId: string; ts: number };
  /** Every event recorded: page views, tracked and ecommerce events, as the history keeps them. */
  track: { name: string; ts: number; props?: Record<string, unknown>; session?: string; pv?: number; visitorId: string };
  error: { message: string; ts: number };
};

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
